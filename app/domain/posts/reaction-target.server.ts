/**
 * A post as something people react to (see app/domain/reactions). Kept apart
 * from posts.server.ts so the reactions area can use it without a cycle of imports.
 */
import { eq } from "drizzle-orm";
import { getDb } from "#db/client.server";
import { cycles, posts } from "#db/schema";
import type { Actor } from "~/domain/cycles/policy";
import { canReactToPost, canViewPost } from "./policy";

export function postAsReactionTarget(actor: Actor, postId: number) {
  const row = getDb()
    .select({ slug: posts.slug, title: posts.title, status: posts.status, phase: cycles.phase })
    .from(posts)
    .leftJoin(cycles, eq(cycles.id, posts.cycleId))
    .where(eq(posts.id, postId))
    .get();
  if (!row) return null;
  const cycle = row.phase ? { phase: row.phase } : null;
  return {
    href: `/berichten/${row.slug}`,
    title: row.title,
    titleShown: true,
    visible: canViewPost(actor, row, cycle),
    open: canReactToPost(actor, row, cycle),
  };
}
