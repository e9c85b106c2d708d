/**
 * Recording the SQL the app runs, and judging SQLite query plans.
 *
 * `recordStatements` wraps the statement methods of better-sqlite3 (every
 * query, whether drizzle's or raw `$client.prepare`, runs through them) and
 * keeps each statement's text, its bound parameters and a label saying who
 * ran it (route, viewer, URL). `explain` runs `EXPLAIN QUERY PLAN` with those
 * same parameters; `judgePlan` applies the rule below.
 *
 * The rules.
 *
 * 1. Full scan (every statement). A plan is bad when it reads a whole table
 *    that grows with use (GROWING_TABLES): a `SCAN <table>` line, with or
 *    without `USING [COVERING] INDEX` (a covering-index scan still visits
 *    every row). The one exception is an *ordered early exit*: the table is
 *    the first loop of its SELECT, the statement has a LIMIT, no temporary
 *    B-tree sorts that SELECT's ORDER BY (so rows come in the scan's own
 *    order and reading stops after the page), and the (table, index) pair is
 *    on EARLY_EXIT_SCANS with the reason why the WHERE keeps nearly every row
 *    it reads (a selective filter would still read the whole table before it
 *    found a page). A SCAN of a small table (SMALL_TABLES), of a subquery or
 *    of a CTE is fine.
 *
 * 2. Sorting everything to show a page (pages only: a download returns all
 *    it is about anyway). A SELECT with a LIMIT whose plan sorts its whole
 *    result in a temporary B-tree (`USE TEMP B-TREE FOR ORDER BY` or
 *    `FOR DISTINCT`; not the partial `LAST n TERMS` / `RIGHT PART` sorts,
 *    which stream) must read every matching row before it can cut the page;
 *    that is bad when a loop of that SELECT reads a growing table (other than
 *    a lookup by primary key, which adds no rows), unless the
 *    (table, index) pair is on BOUNDED_SORTS with the reason why the rows it
 *    finds stay few (a cycle's questions, one text's flags).
 *
 * Aggregates (count, avg, GROUP BY) read what they aggregate: fine when a
 * SEARCH bounds them to one cycle, knelpunt or question; rule 1 catches an
 * aggregate over a whole table. What the rules cannot see: a SEARCH on an
 * index whose leading column barely narrows (e.g. a status shared by every
 * cycle), or an early exit whose filter is selective; those were reviewed
 * by hand (QUERY_PLANS_REPORT=1 prints every plan with a SCAN or a sort).
 *
 * Every table of the schema must be in exactly one of GROWING_TABLES and
 * SMALL_TABLES, so a new table is a decision too.
 */
import type Database from "better-sqlite3";

/** Tables whose rows grow with people and use: never read whole on a page. */
export const GROWING_TABLES = new Set([
  "users",
  "sessions",
  "outbox",
  "audit_log",
  "posts",
  "questions",
  "question_options",
  "answers",
  "answer_choices",
  "reactions",
  "knelpunten",
  "measures",
  "knelpunt_status_changes",
  "measure_status_changes",
  "supports",
  "volunteers",
  "answer_templates",
  "safety_ratings",
  // Summaries of the ratings: a row per knelpunt and day with ratings (and per pair of a person's ratings at most 41 days apart).
  "rating_day_sums",
  "rating_day_repeats",
  "follows",
  "code_of_conduct_acceptances",
  "moderation_cases",
  "flags",
  "participant_approvals",
]);

/**
 * Small tables: a few rows per cycle (a lab runs a few cycles a year), a
 * handful of secrets, or rows that a job prunes every hour.
 */
export const SMALL_TABLES = new Map<string, string>([
  ["cycles", "a few cycles a year"],
  ["cycle_phase_changes", "at most five rows per cycle"],
  ["app_secrets", "a handful of keys"],
  ["rate_limits", "counters of the current window only: pruned every hour (app/server.ts)"],
  ["one_time_codes", "codes of about a day: deleted a day after they expire (hourly job)"],
  ["pending_notifications", "digest lines of at most a day: the daily digest sends and deletes them"],
  ["__drizzle_migrations", "one row per migration"],
]);

/**
 * Ordered early exits that are allowed: `table` read in the order of `index`
 * ("rowid" for the table's own order), stopping after LIMIT rows.
 */
export const EARLY_EXIT_SCANS: Array<{ table: string; index: string; reason: string }> = [
  { table: "audit_log", index: "rowid", reason: "the log page without filters: the newest 51 rows by id (every row qualifies)" },
  { table: "outbox", index: "rowid", reason: "the mail preview without an address: the newest 30 mails (every row qualifies)" },
  { table: "users", index: "users_created_idx", reason: "the accounts page without a search: the newest accounts (every row qualifies)" },
];

/** Sorts of a growing table's rows before a LIMIT that are allowed: the rows found stay few. */
export const BOUNDED_SORTS: Array<{ table: string; index: string; reason: string }> = [
  { table: "questions", index: "questions_cycle_idx", reason: "the questions of one cycle, or of the running cycles (tens)" },
  { table: "questions", index: "questions_post_idx", reason: "the questions asked in one post (a few)" },
  { table: "posts", index: "posts_status_published_idx", reason: "the drafts (few by nature) for project leaders, newest first" },
  { table: "posts", index: "posts_cycle_idx", reason: "the posts of the cycles that are not closed, for the question form" },
  { table: "flags", index: "flags_target_user_unique", reason: "the open flags on one text (a few)" },
  { table: "audit_log", index: "audit_log_created_idx", reason: "the log filtered on dates: the rows of the range the person chose, newest id first" },
  { table: "users", index: "users_email_unique", reason: "the accounts page's search: the accounts whose email starts with what the administrator typed" },
  { table: "users", index: "users_display_name_lower_idx", reason: "the accounts page's search: the accounts whose name starts with what the administrator typed" },
];

export type Captured = {
  sql: string;
  params: unknown[];
  /** Rows returned (all/iterate), for the report. */
  rows: number | null;
  label: string;
};

type StatementMethods = Pick<Database.Statement, "all" | "get" | "run" | "iterate">;

/**
 * Starts recording every statement run while `label()` returns a string
 * (null: not recording). It wraps better-sqlite3's Statement prototype, which
 * every connection of the process shares; `client` only provides a statement
 * to find it. Returns the list and a function that stops recording.
 */
export function recordStatements(client: Database.Database, label: () => string | null) {
  const captured: Captured[] = [];
  const proto = Object.getPrototypeOf(client.prepare("SELECT 1")) as StatementMethods & { source?: string };
  const original = { all: proto.all, get: proto.get, run: proto.run, iterate: proto.iterate };
  const wrap = <K extends keyof typeof original>(name: K) =>
    function (this: Database.Statement, ...params: unknown[]) {
      const current = label();
      const result = (original[name] as (...args: unknown[]) => unknown).apply(this, params);
      if (current !== null) {
        captured.push({ sql: this.source, params: flatParams(params), rows: Array.isArray(result) ? result.length : null, label: current });
      }
      return result;
    };
  proto.all = wrap("all") as never;
  proto.get = wrap("get") as never;
  proto.run = wrap("run") as never;
  proto.iterate = wrap("iterate") as never;
  return {
    captured,
    stop() {
      Object.assign(proto, original);
    },
  };
}

/** better-sqlite3 takes parameters spread or as one array. */
function flatParams(params: unknown[]): unknown[] {
  return params.length === 1 && Array.isArray(params[0]) ? (params[0] as unknown[]) : params;
}

export type PlanNode = { id: number; parent: number; detail: string };

/** Statements worth a plan: reads and writes that look rows up (not transaction control or pragmas). */
export function hasPlan(sql: string): boolean {
  return !/^\s*(begin|commit|rollback|savepoint|release|pragma)\b/i.test(sql);
}

export function explain(client: Database.Database, sql: string, params: unknown[]): PlanNode[] {
  return client.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...(params as never[])) as PlanNode[];
}

/** The plan as indented text, as the sqlite3 shell prints it. */
export function formatPlan(plan: PlanNode[]): string {
  const depth = new Map<number, number>([[0, 0]]);
  return plan
    .map((node) => {
      const d = (depth.get(node.parent) ?? 0) + 1;
      depth.set(node.id, d);
      return `${"  ".repeat(d)}${node.detail}`;
    })
    .join("\n");
}

const KEYWORDS = new Set([
  "where", "on", "using", "join", "left", "right", "inner", "outer", "cross", "full", "natural", "order", "group", "limit",
  "having", "union", "except", "intersect", "window", "set", "values", "as", "select", "from", "indexed", "not",
]);

/** Table aliases in the statement: `FROM t a`, `JOIN "t" "a"`, `FROM t AS a`. */
export function aliasesOf(sql: string): Map<string, string> {
  const map = new Map<string, string>();
  const pattern = /\b(?:from|join)\s+["`]?(\w+)["`]?(?:\s+(?:as\s+)?["`]?(\w+)["`]?)?/gi;
  for (const match of sql.matchAll(pattern)) {
    const table = match[1]!;
    map.set(table, table);
    const alias = match[2];
    if (alias && !KEYWORDS.has(alias.toLowerCase())) map.set(alias, table);
  }
  return map;
}

export type Finding = { kind: "full-scan" | "sort-for-page" | "unknown-table"; line: string; table: string };

function descendants(plan: PlanNode[], id: number): PlanNode[] {
  const children = plan.filter((node) => node.parent === id);
  return children.flatMap((child) => [child, ...descendants(plan, child.id)]);
}

const LOOP = /^(?:SCAN|SEARCH) (\S+)(?: USING (?:COVERING )?INDEX (\S+)| USING INTEGER PRIMARY KEY)?/;

/**
 * Judges one plan (see the rules at the top). `tables`: every table of the
 * schema; `page`: whether a page (not a download) ran it. Returns what is
 * wrong (empty: fine).
 */
export function judgePlan(sql: string, plan: PlanNode[], tables: Set<string>, page = true): Finding[] {
  const findings: Finding[] = [];
  const aliases = aliasesOf(sql);
  const derived = new Set(
    plan.flatMap((node) => {
      const m = /^(?:CO-ROUTINE|MATERIALIZE)\s+(.+)$/.exec(node.detail);
      return m ? [m[1]!.trim()] : [];
    }),
  );
  const hasLimit = /\blimit\b/i.test(sql);
  for (const node of plan) {
    const m = /^SCAN (\S+)(?: USING (?:COVERING )?INDEX (\S+))?/.exec(node.detail);
    if (!m) continue;
    const name = m[1]!;
    if (name === "CONSTANT" || name.startsWith("(") || derived.has(name)) continue;
    const table = aliases.get(name) ?? (tables.has(name) ? name : null);
    if (table === null) {
      findings.push({ kind: "unknown-table", line: node.detail, table: name });
      continue;
    }
    if (!GROWING_TABLES.has(table)) continue;
    const index = m[2] ?? "rowid";
    const siblings = plan.filter((other) => other.parent === node.parent);
    const firstLoop = siblings.find((other) => /^(SCAN|SEARCH) /.test(other.detail));
    const sorts = siblings.some((other) => /^USE TEMP B-TREE FOR (ORDER BY|RIGHT PART OF ORDER BY|LAST)/.test(other.detail));
    const allowed = EARLY_EXIT_SCANS.some((scan) => scan.table === table && scan.index === index);
    if (allowed && hasLimit && firstLoop === node && !sorts) continue;
    findings.push({ kind: "full-scan", line: node.detail, table });
  }
  if (page && hasLimit) {
    for (const sort of plan.filter((node) => /^USE TEMP B-TREE FOR (ORDER BY|DISTINCT)$/.test(node.detail))) {
      // The SELECT's loops: the sort's siblings, and the index searches under a MULTI-INDEX OR.
      const siblings = plan.filter((node) => node.parent === sort.parent);
      const orParts = siblings.filter((node) => node.detail === "MULTI-INDEX OR").flatMap((or) => descendants(plan, or.id));
      for (const loop of [...siblings, ...orParts]) {
        const m = LOOP.exec(loop.detail);
        // A lookup by primary key (a join to the author, the cycle) adds no rows to sort.
        if (!m || /\((?:rowid|id)=\?\)(?: LEFT-JOIN)?$/.test(loop.detail)) continue;
        const table = aliases.get(m[1]!) ?? (tables.has(m[1]!) ? m[1]! : null);
        if (!table || !GROWING_TABLES.has(table)) continue;
        const index = m[2] ?? "rowid";
        if (BOUNDED_SORTS.some((bounded) => bounded.table === table && bounded.index === index)) continue;
        findings.push({ kind: "sort-for-page", line: `${loop.detail} + ${sort.detail}`, table });
      }
    }
  }
  return findings;
}
