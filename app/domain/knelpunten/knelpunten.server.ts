/**
 * Knelpunten (unsafe places): reporting, resolving, the list, the map and
 * the knelpunt page. Commands check the policy (./policy.ts) inside one
 * synchronous write transaction and return `{ ok: true, ... } | { ok: false,
 * reason, message }`. Measures live in ~/domain/measures, escalation in
 * ~/domain/escalation.
 */
import { and, asc, count, desc, eq, inArray, isNotNull, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { getDb } from "#db/client.server";
import { auditLog, cycles, knelpuntStatusChanges, knelpunten, measures, supports, users, volunteers } from "#db/schema";
import { canViewCycle, isResident, type Phase } from "~/domain/cycles/policy";
import { escalationAvailability, type EscalationAvailability } from "~/domain/escalation/policy";
import { selfHelpOutcomeOf, supportUsage } from "~/domain/measures/measures.server";
import {
  abandonRefusal,
  adoptionRefusal,
  progressRefusal,
  proposeRefusal,
  selfHelpOutcome,
  supportRefusal,
  volunteerRefusal,
  withdrawSupportRefusal,
  withdrawVolunteerRefusal,
  type MeasureKind,
  type MeasureRefusal,
  type MeasureStatus,
} from "~/domain/measures/policy";
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
import { WRITE, changeKnelpuntStatus } from "./status.server";

export type { Actor };
export type Viewer = Actor;

const notFound = { ok: false, reason: "not_found", message: "knelpunt.error.notFound" } as const satisfies Refused<"not_found">;

export type Knelpunt = typeof knelpunten.$inferSelect;

export function getKnelpunt(id: number): Knelpunt | undefined {
  return getDb().select().from(knelpunten).where(eq(knelpunten.id, id)).get();
}

// ---------------------------------------------------------------------------
// Commands
// ---------------------------------------------------------------------------

/**
 * A resident reports a knelpunt in a cycle (phase meedenken or later, while
 * phaseAllows "reportKnelpunt"). A wijk that matches one of the cycle's
 * (ignoring case) is stored as the cycle spells it. The report is the first
 * row of the timeline (→ open).
 */
export function reportKnelpunt(
  actor: Actor,
  cycleId: number,
  input: KnelpuntInput,
  now = new Date(),
): { ok: true; id: number } | Refused<"not_found" | ReportRefusal> {
  return getDb().transaction((tx) => {
    const cycle = tx.select({ id: cycles.id, phase: cycles.phase, wijken: cycles.wijken }).from(cycles).where(eq(cycles.id, cycleId)).get();
    if (!cycle) return notFound;
    const refusal = reportRefusal(actor, cycle);
    if (refusal === "not_visible") return notFound;
    if (refusal) return { ok: false as const, reason: refusal, message: reportRefusalMessage(refusal) };
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
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: knelpunten.id })
      .get();
    tx.insert(knelpuntStatusChanges).values({ knelpuntId: row.id, fromStatus: null, toStatus: "open", actorId: actor!.id, createdAt: now }).run();
    return { ok: true as const, id: row.id };
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
};

export type KnelpuntListItem = {
  id: number;
  title: string;
  status: KnelpuntStatus;
  wijk: string;
  locationText: string;
  hasPoint: boolean;
  /** Supports on all its measures. */
  supportCount: number;
  createdAt: Date;
};

function where(query: KnelpuntQuery, ...extra: SQL[]) {
  return and(
    eq(knelpunten.cycleId, query.cycleId),
    query.status ? eq(knelpunten.status, query.status) : undefined,
    query.wijk ? eq(knelpunten.wijk, query.wijk) : undefined,
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
 * (canViewCycle).
 */
export function listKnelpunten(
  query: KnelpuntQuery & { sort?: KnelpuntSort; page?: number },
): { rows: KnelpuntListItem[]; page: number; hasNext: boolean } {
  const page = query.page && Number.isInteger(query.page) && query.page >= 1 ? query.page : 1;
  const rows = knelpuntListQuery(query, page).all();
  return {
    rows: rows.slice(0, KNELPUNTEN_PAGE_SIZE).map(({ lat, ...row }) => ({ ...row, hasPoint: lat !== null })),
    page,
    hasNext: rows.length > KNELPUNTEN_PAGE_SIZE,
  };
}

export type KnelpuntPoint = { id: number; title: string; status: KnelpuntStatus; lat: number; lng: number };

/**
 * The same filtered list for the map: only knelpunten with a point, at most
 * 500 (`truncated` says there were more), in the list's order.
 */
export function listKnelpuntPoints(query: KnelpuntQuery & { sort?: KnelpuntSort }): { points: KnelpuntPoint[]; truncated: boolean } {
  const rows = getDb()
    .select({ id: knelpunten.id, title: knelpunten.title, status: knelpunten.status, lat: knelpunten.lat, lng: knelpunten.lng })
    .from(knelpunten)
    .where(where(query, isNotNull(knelpunten.lat), isNotNull(knelpunten.lng)))
    .orderBy(...order(query.sort ?? "newest"))
    .limit(MAP_POINTS_MAX + 1)
    .all();
  return {
    points: rows.slice(0, MAP_POINTS_MAX).map((row) => ({ ...row, lat: row.lat!, lng: row.lng! })),
    truncated: rows.length > MAP_POINTS_MAX,
  };
}

/** The wijken to filter on: the cycle's own, then others residents typed (alphabetically). */
export function knelpuntWijken(cycleId: number): string[] {
  const db = getDb();
  const cycle = db.select({ wijken: cycles.wijken }).from(cycles).where(eq(cycles.id, cycleId)).get();
  const own = cycle?.wijken ?? [];
  const used = db
    .selectDistinct({ wijk: knelpunten.wijk })
    .from(knelpunten)
    .where(eq(knelpunten.cycleId, cycleId))
    .orderBy(asc(knelpunten.wijk))
    .limit(200)
    .all()
    .map((row) => row.wijk);
  return [...own, ...used.filter((wijk) => !own.includes(wijk)).sort((a, b) => a.localeCompare(b, "nl"))];
}

/** How many knelpunten a cycle has per status (statuses without any are left out). */
export function countKnelpuntenByStatus(cycleId: number): Partial<Record<KnelpuntStatus, number>> {
  const rows = getDb()
    .select({ status: knelpunten.status, n: count() })
    .from(knelpunten)
    .where(eq(knelpunten.cycleId, cycleId))
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
  /** The measure that caused the change (e.g. the adopted self-help measure). */
  measure: { id: number; title: string } | null;
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
  title: string;
  /** Markdown, as stored. */
  description: string;
  /** Rendered on the server (raw HTML off). */
  descriptionHtml: string;
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
    title: string;
    description: string;
    descriptionHtml: string;
    wijk: string;
    locationText: string;
    lat: number | null;
    lng: number | null;
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
 * Everything the knelpunt page shows, or null when it does not exist or the
 * viewer may not see its cycle (a concept cycle): the knelpunt, its cycle, the
 * reporter's display name, the timeline with names, the self-help and
 * government measures with exact counts and what the viewer did, and what the
 * viewer may do (from the same policies the commands ask).
 */
export function getKnelpuntPage(id: number, viewer: Viewer): KnelpuntPage | null {
  const db = getDb();
  const row = db
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
    .where(eq(knelpunten.id, id))
    .get();
  if (!row || !canViewCycle(viewer, row.cycle)) return null;
  const { knelpunt, cycle } = row;

  const actor = alias(users, "actor");
  const timeline = db
    .select({
      id: knelpuntStatusChanges.id,
      fromStatus: knelpuntStatusChanges.fromStatus,
      toStatus: knelpuntStatusChanges.toStatus,
      actorName: actor.displayName,
      actorDeletedAt: actor.deletedAt,
      actorRole: actor.role,
      actorOrganisation: actor.organisation,
      explanation: knelpuntStatusChanges.explanation,
      fastTrackReason: knelpuntStatusChanges.fastTrackReason,
      measureId: measures.id,
      measureTitle: measures.title,
      createdAt: knelpuntStatusChanges.createdAt,
      organisation: knelpuntStatusChanges.organisation,
      department: knelpuntStatusChanges.department,
      expectedDate: knelpuntStatusChanges.expectedDate,
    })
    .from(knelpuntStatusChanges)
    .leftJoin(actor, eq(actor.id, knelpuntStatusChanges.actorId))
    .leftJoin(measures, eq(measures.id, knelpuntStatusChanges.measureId))
    .where(eq(knelpuntStatusChanges.knelpuntId, knelpunt.id))
    .orderBy(asc(knelpuntStatusChanges.id))
    .all()
    .map(({ actorDeletedAt, actorRole, measureId, measureTitle, ...entry }) => ({
      ...entry,
      actorName: actorDeletedAt ? null : entry.actorName,
      actorOrganisation: !actorDeletedAt && actorRole === "ambtenaar" ? entry.actorOrganisation : null,
      measure: measureId !== null && measureTitle !== null ? { id: measureId, title: measureTitle } : null,
      explanationHtml: entry.explanation ? renderMarkdown(entry.explanation) : null,
    }));

  const measureRows = db
    .select({
      measure: measures,
      authorName: users.displayName,
      authorDeletedAt: users.deletedAt,
    })
    .from(measures)
    .leftJoin(users, eq(users.id, measures.authorId))
    .where(eq(measures.knelpuntId, knelpunt.id))
    .orderBy(asc(measures.createdAt), asc(measures.id))
    .all();
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
  const selfHelp = selfHelpOutcome(measureRows.map((m) => m.measure));
  const knelpuntState = { status: knelpunt.status };
  const msg = measureRefusalMessage;

  const views: MeasureView[] = measureRows.map(({ measure, authorName, authorDeletedAt }) => {
    const viewerSupports = supported.has(measure.id);
    return {
      id: measure.id,
      kind: measure.kind,
      title: measure.title,
      description: measure.description,
      descriptionHtml: renderMarkdown(measure.description),
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
      title: knelpunt.title,
      description: knelpunt.description,
      descriptionHtml: renderMarkdown(knelpunt.description),
      wijk: knelpunt.wijk,
      locationText: knelpunt.locationText,
      lat: knelpunt.lat,
      lng: knelpunt.lng,
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
    selfHelp,
    supportUsage: usage,
    can: {
      proposeSelfHelp: permission(proposeRefusal(viewer, "zelf", knelpuntState, cycle), msg),
      proposeGovernment: permission(proposeRefusal(viewer, "overheid", knelpuntState, cycle), msg),
      escalate: escalationPermission(
        escalationAvailability({ role: viewer?.role ?? null, knelpuntStatus: knelpunt.status, phase: cycle.phase, selfHelp }),
      ),
      resolve: permission(resolveRefusal(viewer, knelpuntState, selfHelp), resolveRefusalMessage),
    },
  };
}
