/**
 * Blog posts (berichten): queries and commands. Lists read a fixed amount
 * through posts_status_published_idx (status, published_at) or
 * posts_cycle_idx (cycle_id, status, published_at), asking for one row more
 * than they show to know whether there is a next page; nothing counts.
 */
import { and, desc, eq, isNull, ne, or } from "drizzle-orm";
import { getDb } from "#db/client.server";
import { auditLog, cycles, posts, users } from "#db/schema";
import { listCyclesForSelect } from "~/domain/cycles/cycles.server";
import type { Actor, Phase } from "~/domain/cycles/policy";
import { createReaction, listReactions, type ReactionView } from "~/domain/reactions/reactions.server";
import type { ContributionInput } from "~/domain/moderation/gate.server";
import type { MessageKey } from "~/i18n";
import { renderMarkdown } from "~/lib/markdown.server";
import { slugify } from "~/lib/slug";
import { disallowedLinks, excerptFrom } from "./markdown.server";
import { canManagePosts, canReactToPost, canViewPost, postOpenForReactions, type PostStatus } from "./policy";
import type { PostInput, PostIntent } from "./schemas";

export const POSTS_PAGE_SIZE = 10;
export const DRAFTS_SHOWN = 50;
export const FEED_SIZE = 20;

/** Words the routes use after /berichten/, so no post may have them as its address. */
const RESERVED_SLUGS = new Set(["nieuw"]);

export type PostSummary = {
  id: number;
  slug: string;
  title: string;
  excerpt: string;
  status: PostStatus;
  publishedAt: Date | null;
  updatedAt: Date;
  authorName: string | null;
  cycle: { slug: string; title: string; phase: Phase } | null;
};

const summaryColumns = {
  id: posts.id,
  slug: posts.slug,
  title: posts.title,
  excerpt: posts.excerpt,
  status: posts.status,
  publishedAt: posts.publishedAt,
  updatedAt: posts.updatedAt,
  authorName: users.displayName,
  authorDeletedAt: users.deletedAt,
  cycleSlug: cycles.slug,
  cycleTitle: cycles.title,
  cyclePhase: cycles.phase,
};

function summaries() {
  return getDb()
    .select(summaryColumns)
    .from(posts)
    .leftJoin(cycles, eq(cycles.id, posts.cycleId))
    .leftJoin(users, eq(users.id, posts.authorId));
}

type SummaryRow = ReturnType<ReturnType<typeof summaries>["all"]>[number];

function toSummary(row: SummaryRow): PostSummary {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    excerpt: row.excerpt,
    status: row.status,
    publishedAt: row.publishedAt,
    updatedAt: row.updatedAt,
    authorName: row.authorDeletedAt ? null : row.authorName,
    cycle: row.cycleSlug && row.cycleTitle && row.cyclePhase ? { slug: row.cycleSlug, title: row.cycleTitle, phase: row.cyclePhase } : null,
  };
}

/** Published posts in cycles the actor may not see are left out (a concept cycle's, for all but project leaders). */
function visibleToActor(actor: Actor) {
  return canManagePosts(actor) ? undefined : or(isNull(posts.cycleId), ne(cycles.phase, "concept"));
}

/** Published posts the actor may see, newest first, a page of 10 at a time. */
export function listPublishedPosts(actor: Actor, page = 1, pageSize = POSTS_PAGE_SIZE): { rows: PostSummary[]; hasNext: boolean } {
  const rows = summaries()
    .where(and(eq(posts.status, "published"), visibleToActor(actor)))
    .orderBy(desc(posts.publishedAt), desc(posts.id))
    .limit(pageSize + 1)
    .offset((page - 1) * pageSize)
    .all();
  return { rows: rows.slice(0, pageSize).map(toSummary), hasNext: rows.length > pageSize };
}

/** Drafts, for project leaders only; newest first (there are few by nature, so capped rather than paged). */
export function listDrafts(actor: Actor, limit = DRAFTS_SHOWN): { rows: PostSummary[]; more: boolean } {
  if (!canManagePosts(actor)) return { rows: [], more: false };
  const rows = summaries()
    .where(eq(posts.status, "draft"))
    .orderBy(desc(posts.id))
    .limit(limit + 1)
    .all();
  return { rows: rows.slice(0, limit).map(toSummary), more: rows.length > limit };
}

/** The posts page: a page of published posts and, for project leaders on the first page, the drafts. */
export function postsIndex(actor: Actor, page: number) {
  const published = listPublishedPosts(actor, page);
  const drafts = page === 1 ? listDrafts(actor) : { rows: [], more: false };
  return { ...published, drafts: drafts.rows, moreDrafts: drafts.more, canWrite: canManagePosts(actor) };
}

/** Published posts of one cycle the actor may see, newest first (for the cycle page). */
export function listPostsForCycle(actor: Actor, cycle: { id: number; phase: Phase }, limit = 10): PostSummary[] {
  if (!canViewPost(actor, { status: "published" }, cycle)) return [];
  return summaries()
    .where(and(eq(posts.cycleId, cycle.id), eq(posts.status, "published")))
    .orderBy(desc(posts.publishedAt), desc(posts.id))
    .limit(limit)
    .all()
    .map(toSummary);
}

/** The newest published posts a visitor may see, for the Atom feed. */
export function listFeedPosts(limit = FEED_SIZE): PostSummary[] {
  return listPublishedPosts(null, 1, limit).rows;
}

function findPostBySlug(slug: string) {
  return getDb()
    .select({
      post: posts,
      authorName: users.displayName,
      authorDeletedAt: users.deletedAt,
      cycleId: cycles.id,
      cycleSlug: cycles.slug,
      cycleTitle: cycles.title,
      cyclePhase: cycles.phase,
    })
    .from(posts)
    .leftJoin(cycles, eq(cycles.id, posts.cycleId))
    .leftJoin(users, eq(users.id, posts.authorId))
    .where(eq(posts.slug, slug))
    .get();
}

export type PostPage = {
  post: PostSummary & { html: string };
  reactions: ReactionView[];
  /** There are older reactions than these (on the next page). */
  moreReactions: boolean;
  reactionPage: number;
  /** The actor may react now. */
  canReact: boolean;
  /** Reacting is open for people signed in (for the "log in to react" hint). */
  openForReactions: boolean;
  canEdit: boolean;
};

/** A post with its rendered body and reactions, or null when it does not exist or the actor may not see it. */
export function getPostPage(actor: Actor, slug: string, reactionPage = 1): PostPage | null {
  const row = findPostBySlug(slug);
  if (!row) return null;
  const cycle = row.cyclePhase ? { phase: row.cyclePhase } : null;
  if (!canViewPost(actor, row.post, cycle)) return null;
  const reactions = listReactions(actor, "post", row.post.id, { page: reactionPage });
  return {
    post: {
      id: row.post.id,
      slug: row.post.slug,
      title: row.post.title,
      excerpt: row.post.excerpt,
      status: row.post.status,
      publishedAt: row.post.publishedAt,
      updatedAt: row.post.updatedAt,
      authorName: row.authorDeletedAt ? null : row.authorName,
      cycle: row.cycleSlug && row.cycleTitle && row.cyclePhase ? { slug: row.cycleSlug, title: row.cycleTitle, phase: row.cyclePhase } : null,
      html: renderMarkdown(row.post.body),
    },
    reactions: reactions.rows,
    moreReactions: reactions.more,
    reactionPage: reactions.page,
    canReact: canReactToPost(actor, row.post, cycle),
    openForReactions: postOpenForReactions(row.post, cycle),
    canEdit: canManagePosts(actor),
  };
}

export type CycleOption = { id: number; title: string; phase: Phase };

/** What the new/edit form needs: the post (when editing) and the cycles to choose from. */
export function getPostForm(actor: Actor, slug?: string) {
  if (!canManagePosts(actor)) return null;
  const options: CycleOption[] = listCyclesForSelect();
  if (slug === undefined) return { post: null, cycles: options };
  const row = findPostBySlug(slug);
  if (!row) return null;
  // A post in a closed cycle keeps its cycle in the list.
  if (row.cycleId && row.cycleTitle && row.cyclePhase && !options.some((c) => c.id === row.cycleId)) {
    options.push({ id: row.cycleId, title: row.cycleTitle, phase: row.cyclePhase });
  }
  const { post } = row;
  return {
    post: {
      id: post.id,
      slug: post.slug,
      title: post.title,
      body: post.body,
      cycleId: post.cycleId,
      status: post.status,
      publishedAt: post.publishedAt,
    },
    cycles: options,
  };
}

type Refused<R extends string> = {
  ok: false;
  reason: R;
  field?: string;
  message?: MessageKey;
  vars?: Record<string, string>;
};

type SaveRefusal = Refused<"forbidden" | "not_found" | "slug_taken" | "slug_invalid" | "bad_link" | "cycle_not_found">;

function slugTaken(slug: string, exceptId?: number): boolean {
  const row = getDb()
    .select({ id: posts.id })
    .from(posts)
    .where(exceptId ? and(eq(posts.slug, slug), ne(posts.id, exceptId)) : eq(posts.slug, slug))
    .get();
  return !!row;
}

/** The checks every save makes before it writes anything. */
function checkInput(input: PostInput, slug: string, exceptId?: number): SaveRefusal | null {
  if (!slug) return { ok: false, reason: "slug_invalid", field: "slug", message: "post.error.slugFromTitle" };
  if (RESERVED_SLUGS.has(slug)) return { ok: false, reason: "slug_invalid", field: "slug", message: "post.error.slugReserved" };
  if (slugTaken(slug, exceptId)) return { ok: false, reason: "slug_taken", field: "slug", message: "post.error.slugTaken" };
  const bad = disallowedLinks(input.body);
  if (bad.length > 0) {
    const link = bad[0]!.length > 80 ? `${bad[0]!.slice(0, 79)}…` : bad[0]!;
    return { ok: false, reason: "bad_link", field: "body", message: "post.error.linkScheme", vars: { link } };
  }
  if (input.cycleId !== null) {
    const cycle = getDb().select({ id: cycles.id }).from(cycles).where(eq(cycles.id, input.cycleId)).get();
    if (!cycle) return { ok: false, reason: "cycle_not_found", field: "cycleId", message: "post.error.cycleInvalid" };
  }
  return null;
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "SQLITE_CONSTRAINT_UNIQUE";
}

const slugTakenRefusal: SaveRefusal = { ok: false, reason: "slug_taken", field: "slug", message: "post.error.slugTaken" };

/**
 * A project leader writes a new post, saved as a draft or published at once.
 * The slug is made from the title when left empty.
 */
export function createPost(
  actor: Actor,
  input: PostInput,
  options: { publish: boolean },
  now = new Date(),
): { ok: true; id: number; slug: string; status: PostStatus } | SaveRefusal {
  if (!canManagePosts(actor)) return { ok: false, reason: "forbidden" };
  const slug = input.slug ?? slugify(input.title);
  const refusal = checkInput(input, slug);
  if (refusal) return refusal;
  const status: PostStatus = options.publish ? "published" : "draft";
  try {
    return getDb().transaction((tx) => {
      const row = tx
        .insert(posts)
        .values({
          slug,
          title: input.title,
          body: input.body,
          excerpt: excerptFrom(input.body),
          status,
          cycleId: input.cycleId,
          authorId: actor!.id,
          createdAt: now,
          updatedAt: now,
          publishedAt: options.publish ? now : null,
        })
        .returning({ id: posts.id })
        .get();
      if (options.publish) {
        tx.insert(auditLog).values({ actorId: actor!.id, action: "post.published", targetType: "post", targetId: String(row.id), createdAt: now }).run();
      }
      return { ok: true as const, id: row.id, slug, status };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return slugTakenRefusal;
    throw error;
  }
}

/**
 * A project leader saves changes to a post. `intent`: "draft" saves it as a
 * draft, "publish" publishes it (the publication date is set the first time
 * only), "unpublish" takes it offline (a draft again), "save" keeps its status.
 */
export function updatePost(
  actor: Actor,
  currentSlug: string,
  input: PostInput,
  intent: PostIntent,
  now = new Date(),
): { ok: true; id: number; slug: string; status: PostStatus; changed: "published" | "unpublished" | null } | SaveRefusal {
  if (!canManagePosts(actor)) return { ok: false, reason: "forbidden" };
  const existing = getDb().select().from(posts).where(eq(posts.slug, currentSlug)).get();
  if (!existing) return { ok: false, reason: "not_found" };
  const slug = input.slug ?? existing.slug;
  const refusal = checkInput(input, slug, existing.id);
  if (refusal) return refusal;
  const status: PostStatus =
    intent === "publish" ? "published" : intent === "save" ? existing.status : "draft";
  const changed = status === existing.status ? null : status === "published" ? "published" : "unpublished";
  try {
    getDb().transaction((tx) => {
      tx.update(posts)
        .set({
          slug,
          title: input.title,
          body: input.body,
          excerpt: excerptFrom(input.body),
          cycleId: input.cycleId,
          status,
          publishedAt: status === "published" ? (existing.publishedAt ?? now) : existing.publishedAt,
          updatedAt: now,
        })
        .where(eq(posts.id, existing.id))
        .run();
      if (changed) {
        tx.insert(auditLog)
          .values({ actorId: actor!.id, action: `post.${changed}`, targetType: "post", targetId: String(existing.id), createdAt: now })
          .run();
      } else if (existing.authorId !== actor!.id) {
        // Someone else's post changed: that is on the record too.
        tx.insert(auditLog)
          .values({ actorId: actor!.id, action: "post.edited", targetType: "post", targetId: String(existing.id), createdAt: now })
          .run();
      }
    });
  } catch (error) {
    if (isUniqueViolation(error)) return slugTakenRefusal;
    throw error;
  }
  return { ok: true, id: existing.id, slug, status, changed };
}

/** Someone signed in reacts under a post (see app/domain/reactions). */
export function reactToPost(actor: Actor, slug: string, body: string, now = new Date(), contribution?: ContributionInput) {
  const row = getDb().select({ id: posts.id }).from(posts).where(eq(posts.slug, slug)).get();
  if (!row) return { ok: false as const, reason: "not_found" as const };
  return createReaction(actor, { type: "post", id: row.id }, body, now, contribution);
}
