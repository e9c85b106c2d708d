/**
 * Knelpunten (unsafe places): reporting, resolving, the list, the map and
 * the knelpunt page. Commands check the policy (./policy.ts) inside one
 * synchronous write transaction and return `{ ok: true, ... } | { ok: false,
 * reason, message }`. Measures live in ~/domain/measures, escalation in
 * ~/domain/escalation.
 */
import { and, asc, count, desc, eq, inArray, isNotNull, lt, ne, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { getDb } from "#db/client.server";
import { auditLog, cycles, knelpuntStatusChanges, knelpunten, measures, supports, users, volunteers } from "#db/schema";
import { canViewCycle, isResident, type Phase } from "~/domain/cycles/policy";
import { escalationAvailability, type EscalationAvailability } from "~/domain/escalation/policy";
import { pageSelfHelpOutcome, selfHelpOutcomeOf, supportUsage } from "~/domain/measures/measures.server";
import {
  abandonRefusal,
  adoptionRefusal,
  progressRefusal,
  proposeRefusal,
  supportRefusal,
  volunteerRefusal,
  withdrawSupportRefusal,
  withdrawVolunteerRefusal,
  type MeasureKind,
  type MeasureRefusal,
  type MeasureStatus,
} from "~/domain/measures/policy";
import {
  gateContribution,
  NO_CONTRIBUTION_INPUT,
  recordContribution,
  type ContributionInput,
  type GateRefusal,
} from "~/domain/moderation/gate.server";
import { heldForOf } from "~/domain/moderation/moderation.server";
import { canModerate, listedFor, textShownTo } from "~/domain/moderation/policy";
import { moderatedView, type ModeratedView } from "~/domain/moderation/view";
import { renderMarkdown } from "~/lib/markdown.server";
import {
  escalationRefusalMessage,
  measureRefusalMessage,
  permission,
  reportRefusalMessage,
  resolveRefusalMessage,
  type KnelpuntMessageKey,
  type Permission,
  type Refused,
} from "./messages";
import {
  canonicalWijk,
  reportRefusal,
  resolveRefusal,
  type Actor,
  type KnelpuntStatus,
  type ReportRefusal,
  type ResolveRefusal,
} from "./policy";
import type { KnelpuntInput, KnelpuntSort, ResolveInput } from "./schemas";
import { preparedQuery } from "~/lib/prepared-query.server";
import { WRITE, changeKnelpuntStatus } from "./status.server";

export type { Actor };
export type Viewer = Actor;

const notFound = { ok: false, reason: "not_found", message: "knelpunt.error.notFound" } as const satisfies Refused<"not_found">;

export type Knelpunt = typeof knelpunten.$inferSelect;

export function getKnelpunt(id: number): Knelpunt | undefined {
  return getDb().select().from(knelpunten).where(eq(knelpunten.id, id)).get();
}

/**
 * Whether the knelpunt exists for the viewer: its cycle is one they may see
 * (a concept cycle only for project leaders) and it is not held (moderation)
 * for someone other than the viewer.
 */
export function knelpuntListedFor(viewer: Viewer, id: number): boolean {
  const row = getDb()
    .select({ moderation: knelpunten.moderation, authorId: knelpunten.reporterId, phase: cycles.phase })
    .from(knelpunten)
    .innerJoin(cycles, eq(cycles.id, knelpunten.cycleId))
    .where(eq(knelpunten.id, id))
    .get();
  return !!row && canViewCycle(viewer, row) && listedFor(viewer, row);
}

// ---------------------------------------------------------------------------
// Commands
// ---------------------------------------------------------------------------

/**
 * A resident reports a knelpunt in a cycle (phase meedenken or later, while
 * phaseAllows "reportKnelpunt"). A wijk that matches one of the cycle's
 * (ignoring case) is stored as the cycle spells it. The report is the first
 * row of the timeline (→ open). The title, description and place pass the
 * moderation gate (code of conduct, wording check, screening) in the same
 * transaction; `held` says it waits for a project leader.
 */
export function reportKnelpunt(
  actor: Actor,
  cycleId: number,
  input: KnelpuntInput,
  now = new Date(),
  contribution: ContributionInput = NO_CONTRIBUTION_INPUT,
): { ok: true; id: number; held: boolean } | Refused<"not_found" | ReportRefusal> | GateRefusal {
  return getDb().transaction((tx) => {
    const cycle = tx.select({ id: cycles.id, phase: cycles.phase, wijken: cycles.wijken }).from(cycles).where(eq(cycles.id, cycleId)).get();
    if (!cycle) return notFound;
    const refusal = reportRefusal(actor, cycle);
    if (refusal === "not_visible") return notFound;
    if (refusal) return { ok: false as const, reason: refusal, message: reportRefusalMessage(refusal) };
    const gate = gateContribution(tx, actor!, cycle.id, [input.title, input.description, input.locationText], contribution);
    if (!gate.ok) return gate;
    const row = tx
      .insert(knelpunten)
      .values({
        cycleId: cycle.id,
        title: input.title,
        description: input.description,
        wijk: canonicalWijk(input.wijk, cycle.wijken),
        locationText: input.locationText,
        lat: input.lat,
        lng: input.lng,
        reporterId: actor!.id,
        status: "open",
        moderation: gate.gate.moderation,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: knelpunten.id })
      .get();
    tx.insert(knelpuntStatusChanges).values({ knelpuntId: row.id, fromStatus: null, toStatus: "open", actorId: actor!.id, createdAt: now }).run();
    recordContribution(tx, { actor: actor!, target: { type: "knelpunt", id: row.id }, cycleId: cycle.id, gate: gate.gate, contribution, now });
    return { ok: true as const, id: row.id, held: gate.gate.moderation === "held" };
  }, WRITE);
}

/**
 * The project leader confirms a knelpunt solved (opgelost): only from
 * zelf_aan_de_slag, when at least one adopted self-help measure is carried
 * out. Public explanation on the timeline; audited.
 */
export function resolveKnelpunt(
  actor: Actor,
  knelpuntId: number,
  input: ResolveInput,
  now = new Date(),
): { ok: true } | Refused<"not_found" | ResolveRefusal> {
  return getDb().transaction((tx) => {
    const knelpunt = tx.select({ id: knelpunten.id, status: knelpunten.status }).from(knelpunten).where(eq(knelpunten.id, knelpuntId)).get();
    if (!knelpunt) return notFound;
    const selfHelp = selfHelpOutcomeOf(tx, knelpunt.id);
    const refusal = resolveRefusal(actor, knelpunt, selfHelp);
    if (refusal) return { ok: false as const, reason: refusal, message: resolveRefusalMessage(refusal) };
    changeKnelpuntStatus(tx, {
      knelpuntId: knelpunt.id,
      from: knelpunt.status,
      to: "opgelost",
      actorId: actor!.id,
      explanation: input.explanation,
      now,
      set: { resolvedAt: now },
    });
    tx.insert(auditLog)
      .values({
        actorId: actor!.id,
        action: "knelpunt.resolved",
        targetType: "knelpunt",
        targetId: String(knelpunt.id),
        reason: input.explanation,
        details: { from: knelpunt.status, selfHelp },
        createdAt: now,
      })
      .run();
    return { ok: true as const };
  }, WRITE);
}

// ---------------------------------------------------------------------------
// The list and the map
// ---------------------------------------------------------------------------

export const KNELPUNTEN_PAGE_SIZE = 20;
export const MAP_POINTS_MAX = 500;

export type KnelpuntQuery = {
  cycleId: number;
  status?: KnelpuntStatus | null;
  wijk?: string | null;
  /** Who looks: held knelpunten are listed only for their reporter and moderators. Left out: a visitor. */
  viewer?: Viewer;
};

export type KnelpuntListItem = {
  id: number;
  /** "" when the viewer may not read it (hidden or flagged): show moderation.hiddenTitle. */
  title: string;
  status: KnelpuntStatus;
  wijk: string;
  /** "" when the viewer may not read it. */
  locationText: string;
  /** A point on the map that the viewer is shown (none for a hidden or flagged knelpunt). */
  hasPoint: boolean;
  /** Supports on all its measures. */
  supportCount: number;
  createdAt: Date;
  /** What the viewer may see of it (app/domain/moderation/view.ts). */
  moderation: ModeratedView;
};

/**
 * Held knelpunten (moderation) are listed only for their reporter and
 * moderators: `moderation != 'held' OR reporter_id = viewer`. The condition
 * is checked on the rows the cycle indexes give (a held knelpunt is rare), so
 * every list keeps reading straight from its index.
 */
function listedCondition(viewer: Viewer | undefined): SQL | undefined {
  if (canModerate(viewer ?? null)) return undefined;
  return viewer ? or(ne(knelpunten.moderation, "held"), eq(knelpunten.reporterId, viewer.id)) : ne(knelpunten.moderation, "held");
}

/** The knelpunten whose words the viewer may read (textShownTo, as SQL): visible, and held ones they may see. */
function shownCondition(viewer: Viewer | undefined): SQL | undefined {
  if (canModerate(viewer ?? null)) return inArray(knelpunten.moderation, ["visible", "held"]);
  return viewer
    ? or(eq(knelpunten.moderation, "visible"), and(eq(knelpunten.moderation, "held"), eq(knelpunten.reporterId, viewer.id)))
    : eq(knelpunten.moderation, "visible");
}

function where(query: KnelpuntQuery, ...extra: Array<SQL | undefined>) {
  return and(
    eq(knelpunten.cycleId, query.cycleId),
    query.status ? eq(knelpunten.status, query.status) : undefined,
    query.wijk ? eq(knelpunten.wijk, query.wijk) : undefined,
    listedCondition(query.viewer),
    ...extra,
  );
}

/** Both orders are read straight from an index (knelpunten_cycle_[status_|wijk_]{new,support}_idx). */
function order(sort: KnelpuntSort) {
  return sort === "support"
    ? [desc(knelpunten.supportCount), desc(knelpunten.createdAt), desc(knelpunten.id)]
    : [desc(knelpunten.createdAt), desc(knelpunten.id)];
}

/**
 * The list's query: one page (plus one row, to know whether there is a next
 * page). Exported so a test can check its query plan.
 */
export function knelpuntListQuery(query: KnelpuntQuery & { sort?: KnelpuntSort }, page: number) {
  return getDb()
    .select({
      id: knelpunten.id,
      title: knelpunten.title,
      status: knelpunten.status,
      wijk: knelpunten.wijk,
      locationText: knelpunten.locationText,
      lat: knelpunten.lat,
      supportCount: knelpunten.supportCount,
      createdAt: knelpunten.createdAt,
      reporterId: knelpunten.reporterId,
      moderation: knelpunten.moderation,
      moderationReason: knelpunten.moderationReason,
    })
    .from(knelpunten)
    .where(where(query))
    .orderBy(...order(query.sort ?? "newest"))
    .limit(KNELPUNTEN_PAGE_SIZE + 1)
    .offset((page - 1) * KNELPUNTEN_PAGE_SIZE);
}

/**
 * A cycle's knelpunten, filtered by status and wijk, newest or most supported
 * first, 20 a page. The caller checks that the viewer may see the cycle
 * (canViewCycle). Held knelpunten only for their reporter and moderators; a
 * hidden or flagged one is listed without its words (title and place "").
 */
export function listKnelpunten(
  query: KnelpuntQuery & { sort?: KnelpuntSort; page?: number },
): { rows: KnelpuntListItem[]; page: number; hasNext: boolean } {
  const page = query.page && Number.isInteger(query.page) && query.page >= 1 ? query.page : 1;
  const rows = knelpuntListQuery(query, page).all();
  const viewer = query.viewer ?? null;
  return {
    rows: rows.slice(0, KNELPUNTEN_PAGE_SIZE).map(({ lat, reporterId, moderationReason, ...row }) => {
      const moderation = moderatedView(viewer, { moderation: row.moderation, moderationReason, authorId: reporterId });
      return {
        id: row.id,
        title: moderation.shown ? row.title : "",
        status: row.status,
        wijk: row.wijk,
        locationText: moderation.shown ? row.locationText : "",
        hasPoint: moderation.shown && lat !== null,
        supportCount: row.supportCount,
        createdAt: row.createdAt,
        moderation,
      };
    }),
    page,
    hasNext: rows.length > KNELPUNTEN_PAGE_SIZE,
  };
}

export type KnelpuntPoint = { id: number; title: string; status: KnelpuntStatus; lat: number; lng: number };

/**
 * The same filtered list for the map: only knelpunten with a point whose words
 * the viewer may read (a hidden or flagged knelpunt is not on the map), at
 * most 500 (`truncated` says there were more), in the list's order.
 */
export function listKnelpuntPoints(query: KnelpuntQuery & { sort?: KnelpuntSort }): { points: KnelpuntPoint[]; truncated: boolean } {
  const rows = getDb()
    .select({ id: knelpunten.id, title: knelpunten.title, status: knelpunten.status, lat: knelpunten.lat, lng: knelpunten.lng })
    .from(knelpunten)
    .where(where(query, isNotNull(knelpunten.lat), isNotNull(knelpunten.lng), shownCondition(query.viewer)))
    .orderBy(...order(query.sort ?? "newest"))
    .limit(MAP_POINTS_MAX + 1)
    .all();
  return {
    points: rows.slice(0, MAP_POINTS_MAX).map((row) => ({ ...row, lat: row.lat!, lng: row.lng! })),
    truncated: rows.length > MAP_POINTS_MAX,
  };
}

/**
 * The distinct wijken of the knelpunten that meet `condition`, in byte order,
 * at most `limit`: a loose index scan that seeks from one wijk to the next on
 * an index that starts with the equality columns of `condition` and then
 * `wijk`, so it reads one index entry per wijk (plus the rows a rare extra
 * condition, like the moderation one, turns down) instead of every knelpunt.
 * Exported for the officials' filter (app/domain/review).
 */
export function distinctWijken(condition: SQL, limit: number): string[] {
  const first = sql`SELECT ${knelpunten.wijk} FROM ${knelpunten} WHERE ${condition} ORDER BY ${knelpunten.wijk} LIMIT 1`;
  const next = sql`SELECT ${knelpunten.wijk} FROM ${knelpunten} WHERE ${condition} AND ${knelpunten.wijk} > w.wijk ORDER BY ${knelpunten.wijk} LIMIT 1`;
  return getDb()
    .all<{ wijk: string }>(
      sql`WITH RECURSIVE w(wijk) AS (SELECT (${first}) UNION ALL SELECT (${next}) FROM w WHERE w.wijk IS NOT NULL)
          SELECT wijk FROM w WHERE wijk IS NOT NULL LIMIT ${limit}`,
    )
    .map((row) => row.wijk);
}

/**
 * distinctWijken(eq(knelpunten.status, status), limit) as plain SQL, so it is
 * not built again on every run (the officials' queue runs it per status on
 * every request); the connection keeps the prepared statement per text.
 */
const DISTINCT_WIJKEN_OF_STATUS = `WITH RECURSIVE w(wijk) AS (
  SELECT (SELECT "knelpunten"."wijk" FROM "knelpunten" WHERE "knelpunten"."status" = @status ORDER BY "knelpunten"."wijk" LIMIT 1)
  UNION ALL
  SELECT (SELECT "knelpunten"."wijk" FROM "knelpunten" WHERE "knelpunten"."status" = @status AND "knelpunten"."wijk" > w.wijk ORDER BY "knelpunten"."wijk" LIMIT 1)
  FROM w WHERE w.wijk IS NOT NULL)
SELECT wijk FROM w WHERE wijk IS NOT NULL LIMIT @limit`;

export function distinctWijkenOfStatus(status: KnelpuntStatus, limit: number): string[] {
  const rows = getDb().$client.prepare(DISTINCT_WIJKEN_OF_STATUS).all({ status, limit }) as Array<{ wijk: string }>;
  return rows.map((row) => row.wijk);
}

/**
 * The wijken to filter on: the cycle's own, then others residents typed
 * (alphabetically), not those of knelpunten held for someone else. The
 * others come from a loose index scan on (cycle_id, wijk, …): one index
 * entry per wijk, however many knelpunten the cycle has.
 */
export function knelpuntWijken(cycleId: number, viewer?: Viewer): string[] {
  const db = getDb();
  const cycle = db.select({ wijken: cycles.wijken }).from(cycles).where(eq(cycles.id, cycleId)).get();
  const own = cycle?.wijken ?? [];
  const used = distinctWijken(and(eq(knelpunten.cycleId, cycleId), listedCondition(viewer))!, 200);
  return [...own, ...used.filter((wijk) => !own.includes(wijk)).sort((a, b) => a.localeCompare(b, "nl"))];
}

/**
 * How many knelpunten a cycle has per status (statuses without any are left
 * out). Held knelpunten are not counted (public pages); pass the viewer to
 * count what the list shows them (their own held ones too). Hidden and
 * flagged ones count: they were reported.
 */
export function countKnelpuntenByStatus(cycleId: number, viewer?: Viewer): Partial<Record<KnelpuntStatus, number>> {
  const rows = getDb()
    .select({ status: knelpunten.status, n: count() })
    .from(knelpunten)
    .where(and(eq(knelpunten.cycleId, cycleId), listedCondition(viewer)))
    .groupBy(knelpunten.status)
    .all();
  return Object.fromEntries(rows.map((row) => [row.status, row.n]));
}

// ---------------------------------------------------------------------------
// The knelpunt page
// ---------------------------------------------------------------------------

export type KnelpuntTimelineEntry = {
  id: number;
  /** Null for the report itself. */
  fromStatus: KnelpuntStatus | null;
  toStatus: KnelpuntStatus;
  /** Null for a deleted account ("verwijderde deelnemer") or no actor. */
  actorName: string | null;
  /** For officials: their organisation, shown with what they did. */
  actorOrganisation: string | null;
  explanation: string | null;
  fastTrackReason: string | null;
  /**
   * The measure that caused the change (e.g. the adopted self-help measure).
   * `title` is "" when the viewer may not read it (`shown` false: hidden by moderation).
   */
  measure: { id: number; title: string; shown: boolean } | null;
  createdAt: Date;
  /** An official's answer: their organisation when they answered (stored with the answer). */
  organisation: string | null;
  /** toegezegd: the responsible department. */
  department: string | null;
  /** toegezegd: the expected date, YYYY-MM-DD. */
  expectedDate: string | null;
  /** The explanation rendered from Markdown on the server (raw HTML off). */
  explanationHtml: string | null;
};

export type MeasureView = {
  id: number;
  kind: MeasureKind;
  /** "" when the viewer may not read it (see `moderation`). */
  title: string;
  /** Rendered on the server (raw HTML off); "" when the viewer may not read it. */
  descriptionHtml: string;
  /** What the viewer may see of its words (app/domain/moderation/view.ts). */
  moderation: ModeratedView;
  /** Null for a deleted account. */
  authorName: string | null;
  status: MeasureStatus;
  /** Why it did not go ahead (niet_doorgegaan). */
  statusReason: string | null;
  supportCount: number;
  volunteerCount: number;
  /** Self-help: the cycle's support threshold and minimum volunteers are met. */
  thresholdsMet: boolean;
  createdAt: Date;
  adoptedAt: Date | null;
  startedAt: Date | null;
  completedAt: Date | null;
  viewerIsAuthor: boolean;
  viewerSupports: boolean;
  viewerVolunteers: boolean;
  can: {
    support: Permission<MeasureRefusal>;
    withdrawSupport: Permission<MeasureRefusal>;
    volunteer: Permission<MeasureRefusal>;
    withdrawVolunteer: Permission<MeasureRefusal>;
    adopt: Permission<MeasureRefusal>;
    abandon: Permission<MeasureRefusal>;
    markStarted: Permission<MeasureRefusal>;
    markDone: Permission<MeasureRefusal>;
  };
};

export type EscalationPermission = EscalationAvailability & {
  /** Why not (available: false), or why only this way (available: true, mode ≠ "normal"). */
  message: KnelpuntMessageKey;
};

export type KnelpuntPage = {
  knelpunt: {
    id: number;
    /** The words are "" (and the point null) when the viewer may not read them (see `moderation`). */
    title: string;
    description: string;
    descriptionHtml: string;
    wijk: string;
    locationText: string;
    lat: number | null;
    lng: number | null;
    /** What the viewer may see of it (app/domain/moderation/view.ts). */
    moderation: ModeratedView;
    status: KnelpuntStatus;
    supportCount: number;
    escalatedAt: Date | null;
    escalationExplanation: string | null;
    /** Public: why it was escalated before self-help was tried. */
    fastTrackReason: string | null;
    resolvedAt: Date | null;
    createdAt: Date;
    updatedAt: Date;
  };
  cycle: {
    id: number;
    slug: string;
    title: string;
    phase: Phase;
    wijken: string[];
    supportLimit: number;
    supportThreshold: number;
    minVolunteers: number;
  };
  /** Null for a deleted account ("verwijderde deelnemer"). */
  reporterName: string | null;
  viewerIsReporter: boolean;
  /** Oldest first. */
  timeline: KnelpuntTimelineEntry[];
  /** Oldest first. */
  selfHelpMeasures: MeasureView[];
  /** Oldest first. */
  governmentMeasures: MeasureView[];
  /** Which page of each kind is shown (all of them, page 1 without a next, when not paged). */
  measurePaging: Record<"zelf" | "overheid", { page: number; hasNext: boolean }>;
  selfHelp: { adopted: number; adoptedDone: number };
  /** For a signed-in resident: supports used in this cycle and its limit (0 = none). */
  supportUsage: { used: number; limit: number } | null;
  can: {
    proposeSelfHelp: Permission<MeasureRefusal>;
    proposeGovernment: Permission<MeasureRefusal>;
    escalate: EscalationPermission;
    resolve: Permission<ResolveRefusal>;
  };
};

const ESCALATION_MODE_MESSAGES = {
  normal: "escalation.mode.normal",
  still_unsafe: "escalation.mode.still_unsafe",
  fast_track: "escalation.mode.fast_track",
} as const satisfies Record<string, KnelpuntMessageKey>;

function escalationPermission(availability: EscalationAvailability): EscalationPermission {
  if (!availability.available) return { ...availability, message: escalationRefusalMessage(availability.reason) };
  return { ...availability, message: ESCALATION_MODE_MESSAGES[availability.mode] };
}

/**
 * Everything the knelpunt page shows, or null when it does not exist, the
 * viewer may not see its cycle (a concept cycle) or it is held (moderation)
 * and the viewer is neither its reporter nor a moderator. A hidden or flagged
 * knelpunt comes without its words (title, description, place and point);
 * so do its hidden or flagged measures, and measures held for someone else
 * are left out. Otherwise: the knelpunt, its cycle, the
 * reporter's display name, the timeline with names, the self-help and
 * government measures with exact counts and what the viewer did, and what the
 * viewer may do (from the same policies the commands ask).
 */
export const MEASURES_PAGE_SIZE = 20;

/**
 * `?zelf=N` (or `?overheid=N`, "" for page 1): the page of the knelpunt page
 * a measure is on, counting the measures of its kind before it (on
 * measures_knelpunt_idx).
 */
export function measurePageQuery(knelpuntId: number, measureId: number): string {
  const db = getDb();
  const measure = db
    .select({ kind: measures.kind, cycleId: measures.cycleId, createdAt: measures.createdAt })
    .from(measures)
    .where(and(eq(measures.id, measureId), eq(measures.knelpuntId, knelpuntId)))
    .get();
  if (!measure) return "";
  const before =
    db
      .select({ n: sql<number>`count(*)` })
      .from(measures)
      .where(
        and(
          eq(measures.knelpuntId, knelpuntId),
          eq(measures.cycleId, measure.cycleId),
          eq(measures.kind, measure.kind),
          or(lt(measures.createdAt, measure.createdAt), and(eq(measures.createdAt, measure.createdAt), lt(measures.id, measureId))),
        ),
      )
      .get()?.n ?? 0;
  const page = Math.floor(before / MEASURES_PAGE_SIZE) + 1;
  return page === 1 ? "" : `?${measure.kind}=${page}`;
}

/**
 * `measurePages`: show one page of MEASURES_PAGE_SIZE measures per kind (the
 * knelpunt page); without it, all of them (the escalation and review pages,
 * which weigh the whole history).
 */
/** The knelpunt page's queries run on every view of it: built once (app/lib/prepared-query.server.ts), values as placeholders. */
const knelpuntPageRow = preparedQuery((db) =>
  db
    .select({
      knelpunt: knelpunten,
      cycle: {
        id: cycles.id,
        slug: cycles.slug,
        title: cycles.title,
        phase: cycles.phase,
        wijken: cycles.wijken,
        supportLimit: cycles.supportLimit,
        supportThreshold: cycles.supportThreshold,
        minVolunteers: cycles.minVolunteers,
      },
      reporterName: users.displayName,
      reporterDeletedAt: users.deletedAt,
    })
    .from(knelpunten)
    .innerJoin(cycles, eq(cycles.id, knelpunten.cycleId))
    .leftJoin(users, eq(users.id, knelpunten.reporterId))
    .where(eq(knelpunten.id, sql.placeholder("id")))
    .prepare(),
);

const timelineActor = alias(users, "actor");
const knelpuntTimelineRows = preparedQuery((db) =>
  db
    .select({
      id: knelpuntStatusChanges.id,
      fromStatus: knelpuntStatusChanges.fromStatus,
      toStatus: knelpuntStatusChanges.toStatus,
      actorName: timelineActor.displayName,
      actorDeletedAt: timelineActor.deletedAt,
      actorRole: timelineActor.role,
      actorOrganisation: timelineActor.organisation,
      explanation: knelpuntStatusChanges.explanation,
      fastTrackReason: knelpuntStatusChanges.fastTrackReason,
      measureId: measures.id,
      measureTitle: measures.title,
      measureModeration: measures.moderation,
      measureAuthorId: measures.authorId,
      createdAt: knelpuntStatusChanges.createdAt,
      organisation: knelpuntStatusChanges.organisation,
      department: knelpuntStatusChanges.department,
      expectedDate: knelpuntStatusChanges.expectedDate,
    })
    .from(knelpuntStatusChanges)
    .leftJoin(timelineActor, eq(timelineActor.id, knelpuntStatusChanges.actorId))
    .leftJoin(measures, eq(measures.id, knelpuntStatusChanges.measureId))
    .where(eq(knelpuntStatusChanges.knelpuntId, sql.placeholder("knelpuntId")))
    .orderBy(asc(knelpuntStatusChanges.id))
    .prepare(),
);

/**
 * One kind's measures of a knelpunt, oldest first, with the listing rule of
 * the viewer: moderators see held ones, others only their own held ones
 * (rides along on measures_knelpunt_idx); a page (`limit`, `offset`) or all.
 */
function measureRowsQuery(listedBy: "moderator" | "viewer" | "visitor", paged: boolean) {
  return preparedQuery((db) => {
    const listed =
      listedBy === "moderator"
        ? undefined
        : listedBy === "viewer"
          ? or(ne(measures.moderation, "held"), eq(measures.authorId, sql.placeholder("viewerId")))
          : ne(measures.moderation, "held");
    const query = db
      .select({
        measure: measures,
        authorName: users.displayName,
        authorDeletedAt: users.deletedAt,
      })
      .from(measures)
      .leftJoin(users, eq(users.id, measures.authorId))
      .where(
        and(
          eq(measures.knelpuntId, sql.placeholder("knelpuntId")),
          eq(measures.cycleId, sql.placeholder("cycleId")),
          eq(measures.kind, sql.placeholder("kind")),
          listed,
        ),
      )
      .orderBy(asc(measures.createdAt), asc(measures.id));
    return paged ? query.limit(sql.placeholder("limit")).offset(sql.placeholder("offset")).prepare() : query.prepare();
  });
}

const measureRowQueries = {
  moderator: { all: measureRowsQuery("moderator", false), page: measureRowsQuery("moderator", true) },
  viewer: { all: measureRowsQuery("viewer", false), page: measureRowsQuery("viewer", true) },
  visitor: { all: measureRowsQuery("visitor", false), page: measureRowsQuery("visitor", true) },
};

export function getKnelpuntPage(id: number, viewer: Viewer, measurePages?: { zelf: number; overheid: number }): KnelpuntPage | null {
  const db = getDb();
  const row = knelpuntPageRow().get({ id });
  if (!row || !canViewCycle(viewer, row.cycle)) return null;
  const { knelpunt, cycle } = row;
  const reporter = { moderation: knelpunt.moderation, moderationReason: knelpunt.moderationReason, authorId: knelpunt.reporterId };
  if (!listedFor(viewer, reporter)) return null;
  const knelpuntView = moderatedView(
    viewer,
    reporter,
    knelpunt.moderation === "held" ? (heldForOf("knelpunt", [knelpunt.id]).get(knelpunt.id) ?? null) : null,
  );
  const shown = knelpuntView.shown;

  const timeline = knelpuntTimelineRows()
    .all({ knelpuntId: knelpunt.id })
    .map(({ actorDeletedAt, actorRole, measureId, measureTitle, measureModeration, measureAuthorId, ...entry }) => {
      const measureText = measureModeration ? { moderation: measureModeration, authorId: measureAuthorId } : null;
      const measureShown = measureText !== null && textShownTo(viewer, measureText);
      return {
        ...entry,
        actorName: actorDeletedAt ? null : entry.actorName,
        actorOrganisation: !actorDeletedAt && actorRole === "ambtenaar" ? entry.actorOrganisation : null,
        measure:
          measureId !== null && measureTitle !== null && measureText && listedFor(viewer, measureText)
            ? { id: measureId, title: measureShown ? measureTitle : "", shown: measureShown }
            : null,
        explanationHtml: entry.explanation ? renderMarkdown(entry.explanation) : null,
      };
    });

  // Held measures only for their author and moderators (rides along on measures_knelpunt_idx).
  const listedBy = canModerate(viewer) ? "moderator" : viewer ? "viewer" : "visitor";
  /** One kind's measures, oldest first: a page of MEASURES_PAGE_SIZE (plus one, to know if there is more), or all. */
  const readMeasures = (kind: "zelf" | "overheid", page: number | null) => {
    const values = { knelpuntId: knelpunt.id, cycleId: knelpunt.cycleId, kind, viewerId: viewer?.id ?? null };
    return page === null
      ? measureRowQueries[listedBy].all().all(values)
      : measureRowQueries[listedBy].page().all({ ...values, limit: MEASURES_PAGE_SIZE + 1, offset: (page - 1) * MEASURES_PAGE_SIZE });
  };
  const zelfRows = readMeasures("zelf", measurePages?.zelf ?? null);
  const overheidRows = readMeasures("overheid", measurePages?.overheid ?? null);
  const measurePaging = {
    zelf: { page: measurePages?.zelf ?? 1, hasNext: measurePages ? zelfRows.length > MEASURES_PAGE_SIZE : false },
    overheid: { page: measurePages?.overheid ?? 1, hasNext: measurePages ? overheidRows.length > MEASURES_PAGE_SIZE : false },
  };
  const measureRows = [
    ...(measurePages ? zelfRows.slice(0, MEASURES_PAGE_SIZE) : zelfRows),
    ...(measurePages ? overheidRows.slice(0, MEASURES_PAGE_SIZE) : overheidRows),
  ];
  const measureHeldFor = heldForOf(
    "measure",
    measureRows.filter(({ measure }) => measure.moderation === "held").map(({ measure }) => measure.id),
  );
  const measureIds = measureRows.map((m) => m.measure.id);
  const supported = new Set<number>();
  const volunteered = new Set<number>();
  if (viewer && measureIds.length) {
    for (const s of db
      .select({ measureId: supports.measureId })
      .from(supports)
      .where(and(inArray(supports.measureId, measureIds), eq(supports.userId, viewer.id)))
      .all()) {
      supported.add(s.measureId);
    }
    for (const v of db
      .select({ measureId: volunteers.measureId })
      .from(volunteers)
      .where(and(inArray(volunteers.measureId, measureIds), eq(volunteers.userId, viewer.id)))
      .all()) {
      volunteered.add(v.measureId);
    }
  }
  const usage = viewer && isResident(viewer) ? supportUsage(viewer.id, cycle.id) : null;
  // Over all the knelpunt's measures, not only the page shown.
  const selfHelp = pageSelfHelpOutcome(knelpunt.id);
  const knelpuntState = { status: knelpunt.status, moderation: knelpunt.moderation };
  const msg = measureRefusalMessage;

  const views: MeasureView[] = measureRows.map(({ measure, authorName, authorDeletedAt }) => {
    const viewerSupports = supported.has(measure.id);
    const moderation = moderatedView(viewer, measure, measureHeldFor.get(measure.id) ?? null);
    return {
      id: measure.id,
      kind: measure.kind,
      title: moderation.shown ? measure.title : "",
      // Only the rendered HTML travels to the page (the Markdown would double the hydration data).
      descriptionHtml: moderation.shown ? renderMarkdown(measure.description) : "",
      moderation,
      authorName: authorDeletedAt ? null : authorName,
      status: measure.status,
      statusReason: measure.statusReason,
      supportCount: measure.supportCount,
      volunteerCount: measure.volunteerCount,
      thresholdsMet:
        measure.kind === "zelf" && measure.supportCount >= cycle.supportThreshold && measure.volunteerCount >= cycle.minVolunteers,
      createdAt: measure.createdAt,
      adoptedAt: measure.adoptedAt,
      startedAt: measure.startedAt,
      completedAt: measure.completedAt,
      viewerIsAuthor: viewer !== null && measure.authorId === viewer.id,
      viewerSupports,
      viewerVolunteers: volunteered.has(measure.id),
      can: {
        support: permission(
          supportRefusal(viewer, measure, knelpuntState, cycle, { used: usage?.used ?? 0, alreadySupporting: viewerSupports }),
          msg,
        ),
        withdrawSupport: permission(withdrawSupportRefusal(viewer, measure, cycle), msg),
        volunteer: permission(volunteerRefusal(viewer, measure, knelpuntState, cycle), msg),
        withdrawVolunteer: permission(withdrawVolunteerRefusal(viewer, measure, cycle), msg),
        adopt: permission(adoptionRefusal(viewer, measure, knelpuntState, cycle), msg),
        abandon: permission(abandonRefusal(viewer, measure), msg),
        markStarted: permission(progressRefusal(viewer, measure, "in_uitvoering"), msg),
        markDone: permission(progressRefusal(viewer, measure, "uitgevoerd"), msg),
      },
    };
  });

  return {
    knelpunt: {
      id: knelpunt.id,
      title: shown ? knelpunt.title : "",
      description: shown ? knelpunt.description : "",
      descriptionHtml: shown ? renderMarkdown(knelpunt.description) : "",
      wijk: knelpunt.wijk,
      locationText: shown ? knelpunt.locationText : "",
      lat: shown ? knelpunt.lat : null,
      lng: shown ? knelpunt.lng : null,
      moderation: knelpuntView,
      status: knelpunt.status,
      supportCount: knelpunt.supportCount,
      escalatedAt: knelpunt.escalatedAt,
      escalationExplanation: knelpunt.escalationExplanation,
      fastTrackReason: knelpunt.fastTrackReason,
      resolvedAt: knelpunt.resolvedAt,
      createdAt: knelpunt.createdAt,
      updatedAt: knelpunt.updatedAt,
    },
    cycle,
    reporterName: row.reporterDeletedAt ? null : row.reporterName,
    viewerIsReporter: viewer !== null && knelpunt.reporterId === viewer.id,
    timeline,
    selfHelpMeasures: views.filter((m) => m.kind === "zelf"),
    governmentMeasures: views.filter((m) => m.kind === "overheid"),
    measurePaging,
    selfHelp,
    supportUsage: usage,
    can: {
      proposeSelfHelp: permission(proposeRefusal(viewer, "zelf", knelpuntState, cycle), msg),
      proposeGovernment: permission(proposeRefusal(viewer, "overheid", knelpuntState, cycle), msg),
      escalate: escalationPermission(
        escalationAvailability({
          role: viewer?.role ?? null,
          knelpuntStatus: knelpunt.status,
          phase: cycle.phase,
          selfHelp,
          moderation: knelpunt.moderation,
        }),
      ),
      resolve: permission(resolveRefusal(viewer, knelpuntState, selfHelp), resolveRefusalMessage),
    },
  };
}
