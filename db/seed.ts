/**
 * Demo data for the quick start: one account of each role (README.md lists
 * them), demo residents, then each area's demo content (db/seed/*.ts), all in
 * one transaction.
 */
import { sql } from "drizzle-orm";
import { hashPassword } from "../app/auth/password.server";
import { generateSecureRandomString } from "../app/auth/session";
import { CODE_OF_CONDUCT_VERSION } from "../app/domain/moderation/code-of-conduct";
import { recordCodeOfConductAcceptance } from "../app/domain/moderation/code-of-conduct.server";
import type { Role } from "../app/domain/accounts/roles";
import type { Db } from "./client.server";
import { users } from "./schema";
import type { SeedContext } from "./seed/context";
import { seedClosedCycle } from "./seed/closed-cycle";
import { seedModeration } from "./seed/moderation";
import { seedCycles } from "./seed/cycles";
import { seedKnelpunten } from "./seed/knelpunten";
import { seedRatings } from "./seed/ratings";
import { seedReview } from "./seed/review";
import { seedPosts } from "./seed/posts";
import { seedQuestions } from "./seed/questions";

export const DEMO_PASSWORD = "demo-veranderlab-2026";

export type DemoAccount = {
  email: string;
  displayName: string;
  role: Role;
  wijk?: string;
  organisation?: string;
};

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { email: "bewoner@veranderlab.test", displayName: "Sanne Bakker", role: "bewoner", wijk: "Oosterparkwijk" },
  { email: "projectleider@veranderlab.test", displayName: "Mark de Vries", role: "projectleider" },
  {
    email: "ambtenaar@veranderlab.test",
    displayName: "Fatima El Amrani",
    role: "ambtenaar",
    organisation: "Gemeente Groningen, afdeling Openbare Ruimte",
  },
  { email: "beheerder@veranderlab.test", displayName: "Joost Hoekstra", role: "beheerder" },
  { email: "politie@veranderlab.test", displayName: "Wijkagent Peter Smit", role: "ambtenaar", organisation: "Politie Groningen, basisteam Oost" },
  { email: "ingrid@veranderlab.test", displayName: "Ingrid", role: "bewoner", wijk: "Oosterparkwijk" },
  { email: "youssef@veranderlab.test", displayName: "Youssef", role: "bewoner", wijk: "De Hoogte" },
  { email: "annemarie@veranderlab.test", displayName: "Annemarie K.", role: "bewoner", wijk: "Korrewegwijk" },
  { email: "bart@veranderlab.test", displayName: "Bart", role: "bewoner", wijk: "Oosterparkwijk" },
  { email: "lotte@veranderlab.test", displayName: "Lotte", role: "bewoner", wijk: "Van Starkenborgh" },
  { email: "henk@veranderlab.test", displayName: "Henk Jansen", role: "bewoner", wijk: "De Hoogte" },
  { email: "mila@veranderlab.test", displayName: "Mila", role: "bewoner", wijk: "Korrewegwijk" },
];

export async function seedDemo(db: Db, now = new Date()) {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const context: SeedContext = { db, now, users: {}, cycles: {}, posts: {} };
  db.transaction((tx) => {
    DEMO_ACCOUNTS.forEach((account, index) => {
      const createdAt = new Date(now.getTime() - (DEMO_ACCOUNTS.length + 60 - index) * 86_400_000);
      const id = generateSecureRandomString();
      context.users[account.email] = id;
      tx.insert(users)
        .values({
          id,
          email: account.email,
          emailVerifiedAt: createdAt,
          passwordHash,
          displayName: account.displayName,
          wijk: account.wijk ?? null,
          role: account.role,
          organisation: account.organisation ?? null,
          codeOfConductVersion: CODE_OF_CONDUCT_VERSION,
          codeOfConductAcceptedAt: createdAt,
          createdAt,
        })
        .run();
      recordCodeOfConductAcceptance(tx, id, createdAt);
    });
    seedCycles(context);
    seedPosts(context);
    seedQuestions(context);
    seedKnelpunten(context);
    seedReview(context);
    seedRatings(context);
    seedClosedCycle(context);
    seedModeration(context);
  });
}

/** Seeds only a database without any account. Returns whether it seeded. */
export async function seedIfEmpty(db: Db): Promise<boolean> {
  const row = db.select({ n: sql<number>`count(*)` }).from(users).get();
  if ((row?.n ?? 0) > 0) return false;
  await seedDemo(db);
  return true;
}
