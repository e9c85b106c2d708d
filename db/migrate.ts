/** `npm run db:migrate`: applies pending migrations (the server also does this at start-up). */
import { config } from "../app/lib/config.server";
import { closeDb, getDb } from "./client.server";

getDb();
closeDb();
console.log(`Migrations applied to ${config().databasePath}.`);
