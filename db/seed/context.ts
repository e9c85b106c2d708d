import type { Db } from "../client.server";

/** What earlier seed steps made, for later ones to refer to. */
export type SeedContext = {
  db: Db;
  now: Date;
  /** User ids by demo email (see DEMO_ACCOUNTS in db/seed.ts). */
  users: Record<string, string>;
  /** Cycle ids by slug. The main demo cycle is "enge-fietstunnels" (phase zelf_doen). */
  cycles: Record<string, number>;
  /** Post ids by slug, filled by the posts step. */
  posts: Record<string, number>;
};

/** A moment `days` days (may be fractional) before `now`. */
export function daysAgo(now: Date, days: number): Date {
  return new Date(now.getTime() - days * 86_400_000);
}
