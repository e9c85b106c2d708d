/** `npm run db:reset`: deletes the database file and builds it anew (with demo data unless SEED_DEMO=false). */
import fs from "node:fs";
import { config } from "../app/lib/config.server";
import { closeDb, getDb } from "./client.server";
import { seedIfEmpty } from "./seed";

const { databasePath, seedDemo } = config();
for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(databasePath + suffix, { force: true });
const db = getDb();
if (seedDemo) await seedIfEmpty(db);
closeDb();
console.log(`Database rebuilt at ${databasePath}${seedDemo ? " with demo data" : ""}.`);
