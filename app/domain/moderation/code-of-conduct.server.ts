import { eq } from "drizzle-orm";
import { codeOfConductAcceptances, users } from "#db/schema";
import type { Tx } from "~/domain/knelpunten/status.server";
import { CODE_OF_CONDUCT_VERSION } from "./code-of-conduct";

/** Stores that a person accepted the current code of conduct now (kept as history, one row per version). */
export function recordCodeOfConductAcceptance(db: Pick<Tx, "insert" | "update">, userId: string, now: Date) {
  db.update(users)
    .set({ codeOfConductVersion: CODE_OF_CONDUCT_VERSION, codeOfConductAcceptedAt: now })
    .where(eq(users.id, userId))
    .run();
  db.insert(codeOfConductAcceptances)
    .values({ userId, version: CODE_OF_CONDUCT_VERSION, acceptedAt: now })
    .onConflictDoNothing()
    .run();
}
