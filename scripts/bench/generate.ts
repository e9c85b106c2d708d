/**
 * The bench dataset: a city-scale Veranderlab, deterministic (fixed seed),
 * written through the app's own migrations into its own SQLite file.
 *
 *   npx tsx scripts/bench/generate.ts [--out .tmp/bench/large.db] [--seed 2026]
 *
 * 50,000 accounts, 20 cycles (a few in every phase; most data in three
 * running cycles), 5,000 knelpunten, 20,000 measures, 1,000,000 supports,
 * 200,000 reactions, 100,000 safety ratings, 500 posts, plus what goes with
 * them the way the commands write it: status timelines, volunteers,
 * questions with answers, escalations and officials' answers (a queue to
 * work), a little moderation, audit rows.
 *
 * The file is created by `openDatabase()` (db/client.server.ts), so it has
 * exactly the app's schema. Rows are then inserted with prepared statements
 * in one transaction per table (foreign keys are checked once at the end
 * with PRAGMA foreign_key_check; CHECK and UNIQUE constraints are checked on
 * every insert). The counters (knelpunten.support_count,
 * measures.support_count, measures.volunteer_count) are written from the
 * same plan the rows come from, and verified against COUNT(*) afterwards.
 * No ANALYZE: the app does not run one, so neither does the bench.
 *
 * Every bench account has the password BENCH_PASSWORD; its argon2id hash
 * (the app's parameters) was computed once and is checked at start-up.
 */
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import Database from "better-sqlite3";
import { openDatabase } from "../../db/client.server";
import { verifyPassword } from "../../app/auth/password.server";
import { CODE_OF_CONDUCT_VERSION } from "../../app/domain/moderation/code-of-conduct";
import { excerptFrom } from "../../app/domain/posts/markdown.server";
import { amsterdamDay } from "../../app/domain/ratings/days";
import type { Phase } from "../../app/domain/cycles/phases";
import type { KnelpuntStatus } from "../../app/domain/knelpunten/statuses";
import type { MeasureStatus } from "../../app/domain/measures/statuses";
import { Random, WeightedPicker, apportion, distinctWalk } from "./random";
import {
  QUESTION_OPTIONS,
  QUESTION_PROMPTS,
  WIJKEN,
  knelpuntText,
  measureText,
  personName,
  postText,
  reactionText,
} from "./texts";

export const BENCH_PASSWORD = "bench-veranderlab-2026";
/** argon2id (m=19456, t=2, p=1) of BENCH_PASSWORD, computed once with app/auth/password.server.ts. */
const BENCH_PASSWORD_HASH = "$argon2id$v=19$m=19456,t=2,p=1$SK4kbFDXLCyPOp5RJkwGJg$r4Rop3vdpzF2/QsPwNaIdXSmdo4RR/hWMI6TpCFPReA";

export const BENCH_SIZES = {
  accounts: 50_000,
  cycles: 20,
  knelpunten: 5_000,
  measures: 20_000,
  supports: 1_000_000,
  reactions: 200_000,
  ratings: 100_000,
  posts: 500,
} as const;

const DAY = 86_400_000;

type CycleSpec = {
  slug: string;
  title: string;
  phase: Phase;
  /** Days ago each phase started, in order, up to `phase`. */
  starts: number[];
  knelpunten: number;
  supportLimit: number;
  supportThreshold: number;
  minVolunteers: number;
  posts: number;
};

const ORDER: Phase[] = ["concept", "meedenken", "zelf_doen", "opschalen", "afgerond"];

function cycleSpecs(): CycleSpec[] {
  const specs: CycleSpec[] = [
    // The three big running cycles.
    { slug: "nachtelijke-fietsroutes", title: "Nachtelijke fietsroutes", phase: "zelf_doen", starts: [130, 110, 45], knelpunten: 2600, supportLimit: 0, supportThreshold: 25, minVolunteers: 3, posts: 90 },
    { slug: "veilig-over-straat", title: "Veilig over straat in de wijken", phase: "opschalen", starts: [240, 220, 150, 50], knelpunten: 700, supportLimit: 20, supportThreshold: 20, minVolunteers: 3, posts: 60 },
    { slug: "donkere-parken", title: "Donkere parken en plantsoenen", phase: "zelf_doen", starts: [100, 85, 30], knelpunten: 600, supportLimit: 15, supportThreshold: 15, minVolunteers: 2, posts: 40 },
  ];
  const names = [
    "Bushaltes in de avond", "Schoolroutes", "Rond het station", "Winkelcentra na sluitingstijd", "Parkeergarages",
    "Sportparken", "Langs het water", "Stegen en achterpaden", "Speeltuinen", "Nieuwbouwwijken", "Rond de uitgaansstraten",
    "Fietsenstallingen", "Pleinen in de avond", "Dorpen aan de rand van de stad", "Trappenhuizen en galerijen",
    "Rond de ziekenhuizen", "Industrieterreinen",
  ];
  let n = 0;
  const add = (phase: Phase, starts: number[], knelpunten: number, supportLimit: number, posts: number) => {
    const title = names[n++]!;
    const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
    specs.push({ slug, title, phase, starts, knelpunten, supportLimit, supportThreshold: 10, minVolunteers: 2, posts });
  };
  for (let i = 0; i < 4; i++) add("zelf_doen", [90 + i * 10, 75 + i * 10, 20 + i * 5], 100, 10, 20);
  for (let i = 0; i < 3; i++) add("opschalen", [200 + i * 15, 180 + i * 15, 120 + i * 10, 30 + i * 5], 80, 10, 20);
  for (let i = 0; i < 3; i++) add("meedenken", [40 + i * 10, 25 + i * 5], 100, 10, 10);
  for (let i = 0; i < 5; i++) {
    const start = 1000 - i * 140;
    add("afgerond", [start, start - 20, start - 60, start - 110, start - 180], 32, 0, 14);
  }
  for (let i = 0; i < 2; i++) add("concept", [3 + i * 4], 0, 0, 0);
  return specs;
}

export type GenerateResult = {
  file: string;
  seconds: number;
  counts: Record<string, number>;
  phases: Array<{ label: string; seconds: number }>;
};

/** Writes the dataset into `file` (deleted first). */
export async function generate(file: string, seed = 2026, log: (line: string) => void = console.log): Promise<GenerateResult> {
  const started = performance.now();
  const phases: Array<{ label: string; seconds: number }> = [];
  let mark = started;
  const step = (label: string) => {
    const t = performance.now();
    phases.push({ label, seconds: (t - mark) / 1000 });
    log(`  ${label.padEnd(34)} ${((t - mark) / 1000).toFixed(1)} s`);
    mark = t;
  };

  if (!(await verifyPassword(BENCH_PASSWORD_HASH, BENCH_PASSWORD))) throw new Error("BENCH_PASSWORD_HASH does not match BENCH_PASSWORD");

  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // The app's migrations make the schema; then a plain connection for speed.
  openDatabase(file).$client.close();
  const db = new Database(file);
  db.pragma("journal_mode = OFF");
  db.pragma("synchronous = OFF");
  db.pragma("foreign_keys = OFF");
  db.pragma("cache_size = -400000");
  db.pragma("temp_store = MEMORY");
  step("schema (app migrations)");

  const random = new Random(seed);
  // Midnight UTC today: every moment in the dataset lies before it.
  const NOW = Math.floor(Date.now() / DAY) * DAY;
  const daysAgo = (days: number) => NOW - Math.round(days * DAY);
  const between = (from: number, to: number) => (to <= from ? from : from + Math.floor(random.next() * (to - from)));
  const counts: Record<string, number> = {};
  const insertAll = <T>(table: string, sql: string, rows: Iterable<T>, values: (row: T) => unknown[]) => {
    const statement = db.prepare(sql);
    let n = 0;
    db.transaction(() => {
      for (const row of rows) {
        statement.run(...values(row));
        n++;
      }
    })();
    counts[table] = (counts[table] ?? 0) + n;
    return n;
  };

  // ---------------------------------------------------------------------
  // Accounts
  // ---------------------------------------------------------------------
  type Account = { id: string; email: string; name: string; role: string; wijk: string | null; organisation: string | null; createdAt: number };
  const accounts: Account[] = [];
  const staff = (email: string, name: string, role: string, organisation: string | null = null) =>
    accounts.push({ id: random.id24(), email, name, role, wijk: null, organisation, createdAt: daysAgo(1100) });
  staff("beheerder@bench.veranderlab.test", "Beheer Bench", "beheerder");
  for (let i = 1; i <= 3; i++) staff(`projectleider-${i}@bench.veranderlab.test`, `Projectleider ${personName(random)}`, "projectleider");
  const organisations = [
    "Gemeente Groningen, afdeling Openbare Ruimte",
    "Gemeente Groningen, Stadsbeheer",
    "Gemeente Groningen, team Verkeer",
    "Politie Groningen, basisteam Oost",
    "Politie Groningen, basisteam West",
    "Politie Groningen, basisteam Centrum",
  ];
  for (let i = 1; i <= organisations.length; i++) staff(`ambtenaar-${i}@bench.veranderlab.test`, personName(random), "ambtenaar", organisations[i - 1]!);
  const leaders = accounts.filter((a) => a.role === "projectleider");
  const officials = accounts.filter((a) => a.role === "ambtenaar");
  const residentsStart = accounts.length;
  for (let i = accounts.length; i < BENCH_SIZES.accounts; i++) {
    const n = i - residentsStart + 1;
    accounts.push({
      id: random.id24(),
      email: `bewoner-${String(n).padStart(5, "0")}@bench.veranderlab.test`,
      name: personName(random),
      role: "bewoner",
      wijk: random.chance(0.85) ? random.pick(WIJKEN) : null,
      organisation: null,
      createdAt: daysAgo(random.next() * 1000 + 1),
    });
  }
  const residents = accounts.slice(residentsStart);
  // About seven in ten residents ever support something.
  const supporters = random.shuffle(residents.slice()).slice(0, 35_000);
  const notifyModes = ["direct", "direct", "dagelijks", "nooit"];
  insertAll(
    "users",
    `INSERT INTO users (id, email, email_verified_at, password_hash, display_name, wijk, role, organisation, locale, notify_mode,
       code_of_conduct_version, code_of_conduct_accepted_at, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`,
    accounts,
    (a) => [a.id, a.email, a.createdAt + 600_000, BENCH_PASSWORD_HASH, a.name, a.wijk, a.role, a.organisation, random.chance(0.05) ? "en" : "nl",
      random.pick(notifyModes), CODE_OF_CONDUCT_VERSION, a.createdAt + 700_000, a.createdAt],
  );
  insertAll("code_of_conduct_acceptances", `INSERT INTO code_of_conduct_acceptances (user_id, version, accepted_at) VALUES (?,?,?)`, accounts, (a) => [
    a.id, CODE_OF_CONDUCT_VERSION, a.createdAt + 700_000,
  ]);
  step(`accounts (${accounts.length})`);

  // ---------------------------------------------------------------------
  // Cycles and their timelines
  // ---------------------------------------------------------------------
  type Cycle = CycleSpec & { id: number; wijken: string[]; phaseStart: Partial<Record<Phase, number>>; end: number; leader: Account };
  const cycles: Cycle[] = cycleSpecs().map((spec, i) => {
    const phaseStart: Partial<Record<Phase, number>> = {};
    spec.starts.forEach((days, index) => (phaseStart[ORDER[index]!] = daysAgo(days)));
    const wijken = random.shuffle(WIJKEN.slice()).slice(0, random.between(3, 6));
    return { ...spec, id: i + 1, wijken, phaseStart, end: spec.phase === "afgerond" ? phaseStart.afgerond! : NOW, leader: random.pick(leaders) };
  });
  /** When a phase ended (the next one started), or the cycle's end. */
  const phaseEnd = (cycle: Cycle, phase: Phase) => cycle.phaseStart[ORDER[ORDER.indexOf(phase) + 1]!] ?? cycle.end;
  insertAll(
    "cycles",
    `INSERT INTO cycles (id, slug, title, theme, intro, phase, wijken, support_limit, support_threshold, min_volunteers, screening, created_by, created_at, updated_at)
     VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
    cycles,
    (c) => [c.id, c.slug, c.title, `${c.title}: plekken die 's avonds onveilig voelen, en wat we er samen aan doen.`,
      `In deze ronde werken bewoners, gemeente en politie aan **${c.title.toLowerCase()}**.\n\n- Meld een plek die onveilig voelt.\n- Bedenk wat we zelf kunnen doen.\n- Steun de ideeën die u goed vindt.`,
      c.phase, JSON.stringify(c.wijken), c.supportLimit, c.supportThreshold, c.minVolunteers, 0, c.leader.id, c.phaseStart.concept!, c.phaseStart[c.phase]!],
  );
  const phaseChanges: unknown[][] = [];
  const audit: unknown[][] = [];
  for (const c of cycles) {
    let previous: Phase | null = null;
    for (const phase of ORDER) {
      const at = c.phaseStart[phase];
      if (at === undefined) break;
      phaseChanges.push([c.id, previous, phase, c.leader.id, at]);
      if (previous) audit.push([c.leader.id, "cycle.phase_moved", "cycle", String(c.id), null, JSON.stringify({ from: previous, to: phase }), at]);
      previous = phase;
    }
  }
  insertAll("cycle_phase_changes", `INSERT INTO cycle_phase_changes (cycle_id, from_phase, to_phase, actor_id, created_at) VALUES (?,?,?,?,?)`, phaseChanges, (r) => r);
  step(`cycles (${cycles.length})`);

  // ---------------------------------------------------------------------
  // Knelpunten: who reported what, where and when; escalation plans
  // ---------------------------------------------------------------------
  type Knelpunt = {
    id: number;
    cycle: Cycle;
    reporter: Account;
    createdAt: number;
    weight: number;
    canHaveSelfHelp: boolean;
    escalation: null | { at: number; fastTrack: boolean; path: KnelpuntStatus[] };
    status: KnelpuntStatus;
    supportCount: number;
    measures: Measure[];
    busy: boolean;
  };
  type Measure = {
    id: number;
    knelpunt: Knelpunt;
    kind: "zelf" | "overheid";
    author: Account;
    createdAt: number;
    weight: number;
    supports: number;
    volunteers: number;
    status: MeasureStatus;
    steps: Array<{ to: MeasureStatus; at: number }>;
  };
  const knelpunten: Knelpunt[] = [];
  const answerPaths: Record<string, KnelpuntStatus[][]> = {
    zelf_doen: [[], [], [], ["in_behandeling"]],
    opschalen: [[], [], [], [], [], ["in_behandeling"], ["in_behandeling"], ["toegezegd"], ["in_behandeling", "toegezegd"], ["afgewezen"], ["in_behandeling", "toegezegd", "uitgevoerd"]],
    afgerond: [[], ["in_behandeling"], ["in_behandeling", "toegezegd"], ["toegezegd"], ["afgewezen"], ["in_behandeling", "afgewezen"], ["in_behandeling", "toegezegd", "uitgevoerd"], ["toegezegd", "uitgevoerd"]],
  };
  const escalationShare: Partial<Record<Phase, number>> = { zelf_doen: 0.012, opschalen: 0.4, afgerond: 0.35 };
  for (const cycle of cycles) {
    const reportFrom = cycle.phaseStart.meedenken;
    if (reportFrom === undefined) continue;
    const selfHelpEnd = cycle.phaseStart.zelf_doen !== undefined ? phaseEnd(cycle, "zelf_doen") : null;
    for (let i = 0; i < cycle.knelpunten; i++) {
      const busy = cycle.id === 1 && i === 0;
      const createdAt = busy ? daysAgo(100) : between(reportFrom, Math.min(cycle.end, NOW - 3_600_000));
      const canHaveSelfHelp = selfHelpEnd !== null && createdAt < selfHelpEnd - DAY;
      let escalation: Knelpunt["escalation"] = null;
      const share = escalationShare[cycle.phase] ?? 0;
      if (!busy && random.chance(share)) {
        const fastTrack = cycle.phase === "zelf_doen";
        const from = fastTrack ? Math.max(createdAt, cycle.phaseStart.zelf_doen!) : Math.max(createdAt, cycle.phaseStart.opschalen!);
        const to = Math.min(fastTrack ? NOW : phaseEnd(cycle, "opschalen"), NOW - 3_600_000);
        if (from + DAY < to) escalation = { at: between(from + DAY / 2, to), fastTrack, path: random.pick(answerPaths[cycle.phase]!) };
      }
      knelpunten.push({
        id: knelpunten.length + 1,
        cycle,
        reporter: random.pick(residents),
        createdAt,
        // The busy knelpunt draws attention like the busiest others do.
        weight: busy ? 3 : random.heavy(1),
        canHaveSelfHelp,
        escalation,
        status: "open",
        supportCount: 0,
        measures: [],
        busy,
      });
    }
  }
  const busyKnelpunt = knelpunten.find((k) => k.busy)!;

  // ---------------------------------------------------------------------
  // Measures: self-help for knelpunten reported in time, government ones for escalated knelpunten
  // ---------------------------------------------------------------------
  const measuresList: Measure[] = [];
  const addMeasure = (knelpunt: Knelpunt, kind: "zelf" | "overheid", from: number, to: number) => {
    const m: Measure = {
      id: 0,
      knelpunt,
      kind,
      author: random.pick(residents),
      createdAt: Math.min(between(from, to), NOW - 120_000),
      weight: random.heavy(1.1) * (knelpunt.busy ? 1.5 : 1),
      supports: 0,
      volunteers: 0,
      status: "voorgesteld",
      steps: [],
    };
    knelpunt.measures.push(m);
    measuresList.push(m);
  };
  const selfHelpWindow = (k: Knelpunt): [number, number] => {
    const start = Math.max(k.createdAt, k.cycle.phaseStart.zelf_doen!);
    const end = k.escalation?.fastTrack ? k.escalation.at : phaseEnd(k.cycle, "zelf_doen");
    return [start, Math.max(start, end - 3_600_000)];
  };
  const governmentKnelpunten = knelpunten.filter((k) => k.escalation && !k.escalation.fastTrack);
  const governmentMeasures = Math.round(governmentKnelpunten.length * 1.5);
  for (let i = 0; i < governmentMeasures; i++) {
    const k = random.pick(governmentKnelpunten);
    addMeasure(k, "overheid", k.escalation!.at + DAY / 4, Math.max(k.escalation!.at + DAY / 2, phaseEnd(k.cycle, "opschalen") - 3_600_000));
  }
  for (let i = 0; i < 300; i++) addMeasure(busyKnelpunt, "zelf", ...selfHelpWindow(busyKnelpunt));
  const selfHelpKnelpunten = knelpunten.filter((k) => k.canHaveSelfHelp && !k.busy);
  const selfHelpPicker = new WeightedPicker(selfHelpKnelpunten.map((k) => Math.sqrt(k.weight)));
  while (measuresList.length < BENCH_SIZES.measures) {
    const k = selfHelpKnelpunten[selfHelpPicker.pick(random)]!;
    addMeasure(k, "zelf", ...selfHelpWindow(k));
  }
  // Ids in the order they were proposed.
  measuresList.sort((a, b) => a.createdAt - b.createdAt);
  measuresList.forEach((m, i) => (m.id = i + 1));
  for (const k of knelpunten) k.measures.sort((a, b) => a.id - b.id);

  // ---------------------------------------------------------------------
  // Supports: 1,000,000 over the measures, heavy-tailed, within every cycle's limit
  // ---------------------------------------------------------------------
  const supportCounts = apportion(BENCH_SIZES.supports, measuresList.map((m) => m.weight * (m.knelpunt.weight + 0.5)), supporters.length);
  measuresList.forEach((m, i) => (m.supports = supportCounts[i]!));
  // Cycles with a limit: count per supporter per cycle; a walk skips whoever is at the limit.
  const usage = new Map<number, Uint16Array>();
  const supporterOfMeasure = new Map<number, number[]>();
  let supportId = 0;
  const supportRows = function* () {
    for (const m of measuresList) {
      const cycle = m.knelpunt.cycle;
      let used = usage.get(cycle.id);
      if (!used && cycle.supportLimit > 0) usage.set(cycle.id, (used = new Uint16Array(supporters.length)));
      const walk = distinctWalk(random, supporters.length);
      const chosen: number[] = [];
      let tries = 0;
      while (chosen.length < m.supports) {
        if (++tries > supporters.length) throw new Error(`Cannot place ${m.supports} supports on measure ${m.id} within the limit`);
        const index = walk();
        if (used) {
          if (used[index]! >= cycle.supportLimit) continue;
          used[index]! += 1;
        }
        chosen.push(index);
      }
      // The first few supporters are the ones who may also volunteer.
      supporterOfMeasure.set(m.id, chosen.slice(0, 12));
      const until = Math.min(m.kind === "zelf" ? phaseEnd(cycle, "zelf_doen") : phaseEnd(cycle, "opschalen"), NOW);
      for (const index of chosen) {
        yield [++supportId, m.id, cycle.id, supporters[index]!.id, between(m.createdAt + 60_000, Math.max(m.createdAt + 120_000, until))];
      }
    }
  };

  // Measures need their final counters before they are inserted, supports need
  // the measures: plan the supports first (in memory), then insert in order.
  const plannedSupports: unknown[][] = [];
  for (const row of supportRows()) plannedSupports.push(row);
  // Volunteers: self-help measures, from their first supporters.
  const volunteerRows: unknown[][] = [];
  for (const m of measuresList) {
    if (m.kind !== "zelf") continue;
    const pool = supporterOfMeasure.get(m.id)!;
    const n = Math.min(pool.length, Math.floor(random.heavy(0.9) * 1.2));
    for (let i = 0; i < n; i++) volunteerRows.push([m.id, supporters[pool[i]!]!.id, m.createdAt + 3_600_000 * (i + 1)]);
    m.volunteers = n;
  }
  step(`plan (${plannedSupports.length} supports)`);

  // ---------------------------------------------------------------------
  // Statuses: adoption where the thresholds are met, escalation plans, answers
  // ---------------------------------------------------------------------
  const knelpuntChanges: Array<{ k: Knelpunt; from: KnelpuntStatus | null; to: KnelpuntStatus; actor: string; at: number; extra?: Record<string, unknown> }> = [];
  const measureChanges: unknown[][] = [];
  for (const k of knelpunten) {
    knelpuntChanges.push({ k, from: null, to: "open", actor: k.reporter.id, at: k.createdAt });
    const cycle = k.cycle;
    // Self-help: adopt what met the thresholds (the first adoption moves the knelpunt to zelf_aan_de_slag).
    let adoptedAt: number | null = null;
    let completedAt: number | null = null;
    for (const m of k.measures) {
      measureChanges.push([m.id, null, "voorgesteld", m.author.id, null, m.createdAt]);
      if (m.kind !== "zelf") continue;
      const [, windowEnd] = selfHelpWindow(k);
      const meets = m.supports >= cycle.supportThreshold && m.volunteers >= cycle.minVolunteers;
      const adoptable = !k.escalation?.fastTrack && meets && random.chance(k.busy ? 0.5 : 0.45);
      if (adoptable) {
        const adopted = between(m.createdAt + 2 * DAY, Math.max(m.createdAt + 2 * DAY + 1, windowEnd));
        if (adopted >= NOW) continue;
        m.steps.push({ to: "aangenomen", at: adopted });
        audit.push([cycle.leader.id, "measure.adopted", "measure", String(m.id), null,
          JSON.stringify({ knelpuntId: k.id, supportCount: m.supports, volunteerCount: m.volunteers, supportThreshold: cycle.supportThreshold, minVolunteers: cycle.minVolunteers }), adopted]);
        if (adoptedAt === null || adopted < adoptedAt) adoptedAt = adopted;
        if (random.chance(0.6) && adopted + 3 * DAY < NOW) {
          const started = adopted + between(DAY, 3 * DAY);
          m.steps.push({ to: "in_uitvoering", at: started });
          if (random.chance(0.5) && started + 7 * DAY < NOW) {
            const done = started + between(2 * DAY, 7 * DAY);
            m.steps.push({ to: "uitgevoerd", at: done });
            if (completedAt === null || done > completedAt) completedAt = done;
          }
        }
      } else if (!k.busy && random.chance(0.04) && m.createdAt + 5 * DAY < NOW) {
        m.steps.push({ to: "niet_doorgegaan", at: m.createdAt + between(2 * DAY, 5 * DAY) });
      }
      if (m.steps.length) m.status = m.steps[m.steps.length - 1]!.to;
    }
    let status: KnelpuntStatus = "open";
    if (adoptedAt !== null && (!k.escalation || adoptedAt < k.escalation.at)) {
      const firstAdopted = k.measures.find((m) => m.steps.some((s) => s.to === "aangenomen" && s.at === adoptedAt))!;
      knelpuntChanges.push({ k, from: status, to: "zelf_aan_de_slag", actor: cycle.leader.id, at: adoptedAt, extra: { measureId: firstAdopted.id } });
      status = "zelf_aan_de_slag";
    }
    if (k.escalation) {
      const { at, fastTrack } = k.escalation;
      const explanation = "Bewoners hebben gedaan wat ze zelf konden. Er is meer licht nodig en toezicht in het weekend; dat kunnen alleen gemeente en politie.";
      const fastTrackReason = fastTrack ? "Acuut gevaar: de plek is al weken volledig donker en er zijn mensen lastiggevallen. Dit kan niet wachten tot de fase Opschalen." : null;
      knelpuntChanges.push({ k, from: status, to: "geescaleerd", actor: cycle.leader.id, at, extra: { explanation, fastTrackReason } });
      audit.push([cycle.leader.id, "knelpunt.escalated", "knelpunt", String(k.id), fastTrackReason, JSON.stringify({ from: status, fastTrack, explanation }), at]);
      status = "geescaleerd";
      let when = at;
      for (const to of k.escalation.path) {
        when = between(when + DAY / 2, Math.max(when + DAY, NOW - DAY));
        if (when >= NOW) break;
        const official = random.pick(officials);
        const extra: Record<string, unknown> = {
          explanation: "Dank voor de melding. We hebben gekeken en laten hier weten wat we doen en wanneer.",
          organisation: official.organisation,
        };
        if (to === "toegezegd") {
          extra.department = "Stadsbeheer, team Verlichting";
          extra.expectedDate = amsterdamDay(when + 30 * DAY);
        }
        knelpuntChanges.push({ k, from: status, to, actor: official.id, at: when, extra });
        audit.push([official.id, "knelpunt.answered", "knelpunt", String(k.id), extra.explanation, JSON.stringify({ from: status, to, organisation: official.organisation }), when]);
        status = to;
      }
    } else if (status === "zelf_aan_de_slag" && completedAt !== null && random.chance(0.5) && !k.busy && completedAt + DAY < NOW) {
      const at = completedAt + DAY;
      knelpuntChanges.push({ k, from: status, to: "opgelost", actor: cycle.leader.id, at, extra: { explanation: "Bewoners hebben dit zelf opgelost; de plek voelt weer veilig." } });
      status = "opgelost";
    }
    k.status = status;
    for (const m of k.measures) {
      let from: MeasureStatus = "voorgesteld";
      for (const s of m.steps) {
        measureChanges.push([m.id, from, s.to, s.to === "aangenomen" ? cycle.leader.id : m.author.id, s.to === "niet_doorgegaan" ? "Er waren te weinig mensen om mee te helpen." : null, s.at]);
        from = s.to;
      }
      k.supportCount += m.supports;
    }
  }

  // ---------------------------------------------------------------------
  // Insert knelpunten, measures, supports, volunteers and the timelines
  // ---------------------------------------------------------------------
  const groningen = { lat: [53.19, 53.25], lng: [6.52, 6.63] };
  const changesOf = new Map<Knelpunt, typeof knelpuntChanges>();
  for (const c of knelpuntChanges) changesOf.set(c.k, [...(changesOf.get(c.k) ?? []), c]);
  insertAll(
    "knelpunten",
    `INSERT INTO knelpunten (id, cycle_id, title, description, wijk, location_text, lat, lng, reporter_id, status, support_count,
       escalated_at, escalated_by, escalation_explanation, fast_track_reason, resolved_at, created_at, updated_at)
     VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
    knelpunten,
    (k) => {
      const text = knelpuntText(random);
      const point = random.chance(0.8);
      const escalated = k.escalation;
      const changes = changesOf.get(k)!;
      const resolved = changes.find((c) => c.to === "opgelost");
      const last = changes[changes.length - 1]!;
      return [
        k.id, k.cycle.id,
        k.busy ? "Fietstunnel onder de Europaweg voelt 's avonds onveilig" : text.title,
        text.description,
        random.chance(0.9) ? random.pick(k.cycle.wijken) : random.pick(WIJKEN),
        text.locationText,
        point ? groningen.lat[0]! + random.next() * (groningen.lat[1]! - groningen.lat[0]!) : null,
        point ? groningen.lng[0]! + random.next() * (groningen.lng[1]! - groningen.lng[0]!) : null,
        k.reporter.id, k.status, k.supportCount,
        escalated ? escalated.at : null,
        escalated ? k.cycle.leader.id : null,
        escalated ? "Bewoners hebben gedaan wat ze zelf konden. Er is meer licht nodig en toezicht in het weekend; dat kunnen alleen gemeente en politie." : null,
        escalated?.fastTrack ? "Acuut gevaar: de plek is al weken volledig donker en er zijn mensen lastiggevallen. Dit kan niet wachten tot de fase Opschalen." : null,
        resolved ? resolved.at : null,
        k.createdAt,
        Math.max(last.at, ...k.measures.map((m) => m.createdAt)),
      ];
    },
  );
  step(`knelpunten (${knelpunten.length})`);

  insertAll(
    "measures",
    `INSERT INTO measures (id, knelpunt_id, cycle_id, kind, title, description, author_id, status, status_reason, support_count, volunteer_count,
       adopted_at, started_at, completed_at, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
    measuresList,
    (m) => {
      const text = measureText(random);
      const at = (to: MeasureStatus) => m.steps.find((s) => s.to === to)?.at ?? null;
      return [m.id, m.knelpunt.id, m.knelpunt.cycle.id, m.kind, text.title, text.description, m.author.id, m.status,
        m.status === "niet_doorgegaan" ? "Er waren te weinig mensen om mee te helpen." : null,
        m.supports, m.volunteers, at("aangenomen"), at("in_uitvoering"), at("uitgevoerd"), m.createdAt, m.steps.length ? m.steps[m.steps.length - 1]!.at : m.createdAt];
    },
  );
  step(`measures (${measuresList.length})`);

  insertAll("supports", `INSERT INTO supports (id, measure_id, cycle_id, user_id, created_at) VALUES (?,?,?,?,?)`, plannedSupports, (r) => r);
  plannedSupports.length = 0;
  step(`supports (${counts.supports})`);
  insertAll("volunteers", `INSERT INTO volunteers (measure_id, user_id, created_at) VALUES (?,?,?)`, volunteerRows, (r) => r);

  knelpuntChanges.sort((a, b) => a.at - b.at);
  insertAll(
    "knelpunt_status_changes",
    `INSERT INTO knelpunt_status_changes (knelpunt_id, from_status, to_status, actor_id, explanation, fast_track_reason, measure_id, organisation, department, expected_date, created_at)
     VALUES (?,?,?,?,?,?,?,?,?,?,?)`,
    knelpuntChanges,
    (c) => [c.k.id, c.from, c.to, c.actor, c.extra?.explanation ?? null, c.extra?.fastTrackReason ?? null, c.extra?.measureId ?? null,
      c.extra?.organisation ?? null, c.extra?.department ?? null, c.extra?.expectedDate ?? null, c.at],
  );
  measureChanges.sort((a, b) => (a[5] as number) - (b[5] as number));
  insertAll("measure_status_changes", `INSERT INTO measure_status_changes (measure_id, from_status, to_status, actor_id, reason, created_at) VALUES (?,?,?,?,?,?)`, measureChanges, (r) => r);
  step("volunteers and timelines");

  // ---------------------------------------------------------------------
  // Posts and questions
  // ---------------------------------------------------------------------
  type Post = { id: number; slug: string; cycle: Cycle | null; publishedAt: number | null; createdAt: number; weight: number; busy: boolean };
  const posts: Post[] = [];
  const generalPosts = BENCH_SIZES.posts - cycles.reduce((sum, c) => sum + c.posts, 0);
  const postRows: unknown[][] = [];
  const addPost = (cycle: Cycle | null, busy = false) => {
    const id = posts.length + 1;
    const from = cycle ? cycle.phaseStart.concept! + DAY : daysAgo(1100);
    const to = cycle ? Math.min(cycle.end + 30 * DAY, NOW - DAY) : NOW - DAY;
    const createdAt = busy ? daysAgo(9) : between(from, to);
    const draft = !busy && random.chance(0.04);
    const text = postText(random, id);
    // The title ends in "(id)", so the slug is unique.
    const slug = text.title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
    const publishedAt = draft ? null : createdAt + 3_600_000;
    posts.push({ id, slug, cycle, publishedAt, createdAt, weight: draft ? 0 : random.heavy(1), busy });
    postRows.push([id, slug, text.title, text.body, excerptFrom(text.body), draft ? "draft" : "published", cycle?.id ?? null, (cycle?.leader ?? leaders[0]!).id,
      createdAt, publishedAt ?? createdAt, publishedAt]);
  };
  addPost(cycles[0]!, true);
  for (const c of cycles) for (let i = c.id === 1 ? 1 : 0; i < c.posts; i++) addPost(c);
  for (let i = 0; i < generalPosts; i++) addPost(null);
  insertAll(
    "posts",
    `INSERT INTO posts (id, slug, title, body, excerpt, status, cycle_id, author_id, created_at, updated_at, published_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)`,
    postRows,
    (r) => r,
  );
  const busyPost = posts[0]!;

  // Two questions per cycle that is not a concept: one multiple choice (in the cycle's newest post), one open.
  const questionRows: unknown[][] = [];
  const optionRows: unknown[][] = [];
  const answerRows: unknown[][] = [];
  const choiceRows: unknown[][] = [];
  let questionId = 0;
  let optionId = 0;
  let answerId = 0;
  for (const c of cycles) {
    if (c.phase === "concept") continue;
    const respondents = c.id === 1 ? 4000 : c.id === 2 ? 2000 : c.id === 3 ? 1000 : 150;
    const closed = c.phase === "afgerond";
    const cyclePosts = posts.filter((p) => p.cycle === c && p.publishedAt !== null).sort((a, b) => b.publishedAt! - a.publishedAt!);
    for (const kind of ["single", "open"] as const) {
      const id = ++questionId;
      const createdAt = between(c.phaseStart.meedenken!, Math.min(c.end, NOW - 2 * DAY));
      questionRows.push([id, c.id, kind === "single" ? (cyclePosts[0]?.id ?? null) : null, QUESTION_PROMPTS[id % QUESTION_PROMPTS.length]!, "", kind,
        closed ? "closed" : "open", c.leader.id, createdAt, closed ? c.end : null]);
      const options: number[] = [];
      if (kind === "single") {
        QUESTION_OPTIONS.forEach((label, position) => {
          optionRows.push([++optionId, id, label, position]);
          options.push(optionId);
        });
      }
      const walk = distinctWalk(random, residents.length);
      for (let i = 0; i < respondents; i++) {
        const at = between(createdAt, closed ? c.end : NOW);
        answerRows.push([++answerId, id, residents[walk()]!.id, kind === "open" ? random.pick(["Meer licht bij de tunnel.", "Samen fietsen helpt mij.", "Toezicht in het weekend.", "Ik weet het nog niet."]) : null, at, at]);
        if (kind === "single") choiceRows.push([answerId, options[Math.min(options.length - 1, Math.floor(random.heavy(0.6)))]!]);
      }
    }
  }
  insertAll("questions", `INSERT INTO questions (id, cycle_id, post_id, prompt, description, kind, status, created_by, created_at, closed_at) VALUES (?,?,?,?,?,?,?,?,?,?)`, questionRows, (r) => r);
  insertAll("question_options", `INSERT INTO question_options (id, question_id, label, position) VALUES (?,?,?,?)`, optionRows, (r) => r);
  insertAll("answers", `INSERT INTO answers (id, question_id, user_id, text, created_at, updated_at) VALUES (?,?,?,?,?,?)`, answerRows, (r) => r);
  insertAll("answer_choices", `INSERT INTO answer_choices (answer_id, option_id) VALUES (?,?)`, choiceRows, (r) => r);
  step(`posts (${posts.length}) and questions`);

  // ---------------------------------------------------------------------
  // Reactions: 200,000 under posts, knelpunten and measures (busy ones first)
  // ---------------------------------------------------------------------
  type Target = { type: "post" | "knelpunt" | "measure"; id: number; createdAt: number; cycleId: number | null };
  const reactionPlan: Array<[Target, number]> = [];
  reactionPlan.push([{ type: "knelpunt", id: busyKnelpunt.id, createdAt: busyKnelpunt.createdAt, cycleId: busyKnelpunt.cycle.id }, 520]);
  reactionPlan.push([{ type: "post", id: busyPost.id, createdAt: busyPost.createdAt, cycleId: busyPost.cycle?.id ?? null }, 350]);
  const spread = (targets: Target[], weights: number[], total: number) => {
    const n = apportion(total, weights);
    targets.forEach((t, i) => n[i]! > 0 && reactionPlan.push([t, n[i]!]));
  };
  const publishedPosts = posts.filter((p) => p.publishedAt !== null && !p.busy);
  spread(publishedPosts.map((p) => ({ type: "post", id: p.id, createdAt: p.publishedAt!, cycleId: p.cycle?.id ?? null })), publishedPosts.map((p) => Math.sqrt(p.weight)), 30_000);
  const otherKnelpunten = knelpunten.filter((k) => !k.busy);
  spread(otherKnelpunten.map((k) => ({ type: "knelpunt", id: k.id, createdAt: k.createdAt, cycleId: k.cycle.id })), otherKnelpunten.map((k) => Math.sqrt(k.weight) + 0.2), 100_000);
  const reactionsSoFar = reactionPlan.reduce((sum, [, n]) => sum + n, 0);
  spread(measuresList.map((m) => ({ type: "measure", id: m.id, createdAt: m.createdAt, cycleId: m.knelpunt.cycle.id })), measuresList.map((m) => m.weight), BENCH_SIZES.reactions - reactionsSoFar);

  const reactionRows: unknown[][] = [];
  const moderated: Array<{ id: number; state: "hidden" | "flagged"; authorId: string; cycleId: number | null; at: number; leader: string }> = [];
  let reactionId = 0;
  for (const [target, n] of reactionPlan) {
    const times: number[] = [];
    for (let i = 0; i < n; i++) times.push(between(target.createdAt + 60_000, NOW - 60_000));
    times.sort((a, b) => a - b);
    for (const at of times) {
      const id = ++reactionId;
      const author = random.chance(0.02) ? random.pick(leaders) : random.pick(residents);
      const roll = random.next();
      const state = roll < 0.002 ? "hidden" : roll < 0.003 ? "flagged" : "visible";
      const edited = random.chance(0.05) ? at + between(60_000, DAY) : at;
      reactionRows.push([id, target.type, target.id, author.id, reactionText(random), state,
        state === "hidden" ? "Verborgen door de moderator: deze reactie noemde iemand bij naam." : null, at, Math.min(edited, NOW)]);
      if (state !== "visible") moderated.push({ id, state, authorId: author.id, cycleId: target.cycleId, at, leader: random.pick(leaders).id });
    }
  }
  insertAll(
    "reactions",
    `INSERT INTO reactions (id, target_type, target_id, author_id, body, moderation, moderation_reason, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)`,
    reactionRows,
    (r) => r,
  );
  reactionRows.length = 0;
  // Their moderation cases (and the flags that hid the flagged ones), as the moderation commands write them.
  const caseRows: unknown[][] = [];
  const flagRows: unknown[][] = [];
  for (const m of moderated) {
    const decided = m.state === "hidden" ? Math.min(NOW - 1, m.at + DAY) : null;
    caseRows.push(["reaction", m.id, m.authorId, m.cycleId, m.state, null, null, m.state === "flagged" ? 3 : 0, m.state === "flagged" ? 1 : 0,
      m.at + 3_600_000, decided ?? m.at + 3_600_000, decided, decided ? m.leader : null]);
    if (m.state === "flagged") {
      const walk = distinctWalk(random, residents.length);
      for (let i = 0; i < 3; i++) flagRows.push(["reaction", m.id, residents[walk()]!.id, random.pick(["abuse", "accusation", "other"]), null, m.at + 1_000_000 * (i + 1)]);
    } else {
      audit.push([m.leader, "moderation.hidden", "reaction", String(m.id), "Verborgen door de moderator: deze reactie noemde iemand bij naam.", JSON.stringify({}), decided]);
    }
  }
  insertAll(
    "moderation_cases",
    `INSERT INTO moderation_cases (target_type, target_id, author_id, cycle_id, state, held_for, matched_words, open_flags, open, created_at, updated_at, decided_at, decided_by)
     VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`,
    caseRows,
    (r) => r,
  );
  insertAll("flags", `INSERT INTO flags (target_type, target_id, user_id, reason, note, created_at) VALUES (?,?,?,?,?,?)`, flagRows, (r) => r);
  step(`reactions (${reactionId})`);

  // ---------------------------------------------------------------------
  // Safety ratings: 100,000, one per person per knelpunt per day, better after completed measures
  // ---------------------------------------------------------------------
  const rated = knelpunten.filter((k) => k.cycle.phase !== "meedenken" && !k.busy);
  const ratingCounts = apportion(BENCH_SIZES.ratings - 3000, rated.map((k) => k.weight + 0.1), residents.length);
  const ratingRows = function* () {
    const plan: Array<[Knelpunt, number]> = [[busyKnelpunt, 3000], ...rated.map((k, i) => [k, ratingCounts[i]!] as [Knelpunt, number])];
    for (const [k, n] of plan) {
      const walk = distinctWalk(random, residents.length);
      const completed = k.measures.flatMap((m) => m.steps.filter((s) => s.to === "uitgevoerd").map((s) => s.at)).sort((a, b) => a - b)[0];
      const from = Math.max(k.createdAt, NOW - 360 * DAY);
      for (let i = 0; i < n; i++) {
        const at = between(from, NOW - 60_000);
        const base = completed !== undefined && at > completed ? 3.5 : 2.2;
        const score = Math.max(1, Math.min(5, Math.round(base + random.normal() * 0.9)));
        yield [k.id, residents[walk()]!.id, amsterdamDay(at), score, at, at];
      }
    }
  };
  // The triggers of migration 0007 fill the ratings' summaries (rating_day_sums, rating_day_repeats) as
  // the rows go in, as they do in the app; the checks below compare them with the ratings.
  insertAll(
    "safety_ratings",
    `INSERT INTO safety_ratings (knelpunt_id, user_id, day, score, created_at, updated_at) VALUES (?,?,?,?,?,?)`,
    ratingRows(),
    (r) => r,
  );
  step(`safety ratings (${counts.safety_ratings})`);

  audit.sort((a, b) => (a[6] as number) - (b[6] as number));
  insertAll("audit_log", `INSERT INTO audit_log (actor_id, action, target_type, target_id, reason, details, created_at) VALUES (?,?,?,?,?,?,?)`, audit, (r) => r);

  // ---------------------------------------------------------------------
  // Checks: foreign keys, counters equal to COUNT(*), rating summaries, the sizes asked for
  // ---------------------------------------------------------------------
  const fkProblems = db.prepare("PRAGMA foreign_key_check").all();
  if (fkProblems.length) throw new Error(`Foreign key problems: ${JSON.stringify(fkProblems.slice(0, 5))}`);
  const counterProblems = db
    .prepare(
      `SELECT
         (SELECT count(*) FROM measures m WHERE m.support_count != (SELECT count(*) FROM supports s WHERE s.measure_id = m.id)) AS measureSupports,
         (SELECT count(*) FROM measures m WHERE m.volunteer_count != (SELECT count(*) FROM volunteers v WHERE v.measure_id = m.id)) AS measureVolunteers,
         (SELECT count(*) FROM knelpunten k WHERE k.support_count != (SELECT coalesce(sum(m.support_count), 0) FROM measures m WHERE m.knelpunt_id = k.id)) AS knelpuntSupports`,
    )
    .get() as Record<string, number>;
  if (Object.values(counterProblems).some((n) => n !== 0)) throw new Error(`Counters differ from COUNT(*): ${JSON.stringify(counterProblems)}`);
  const limitProblems = db
    .prepare(
      `SELECT count(*) AS n FROM (SELECT s.user_id, s.cycle_id, count(*) AS used FROM supports s GROUP BY s.user_id, s.cycle_id) u
       JOIN cycles c ON c.id = u.cycle_id WHERE c.support_limit > 0 AND u.used > c.support_limit`,
    )
    .get() as { n: number };
  if (limitProblems.n) throw new Error(`${limitProblems.n} residents are over a cycle's support limit`);
  // The ratings' summaries: equal, row for row, to the aggregate of the ratings (both ways).
  const summaryProblems = db
    .prepare(
      `WITH expected_sums AS (
         SELECT knelpunt_id, day, count(*) AS count, sum(score) AS score_sum, sum(day = last_day) AS latest
         FROM (SELECT knelpunt_id, day, score, max(day) OVER (PARTITION BY knelpunt_id, user_id) AS last_day FROM safety_ratings)
         GROUP BY knelpunt_id, day),
       expected_repeats AS (
         SELECT knelpunt_id, day, next_day, count(*) AS count
         FROM (SELECT knelpunt_id, day, lead(day) OVER (PARTITION BY knelpunt_id, user_id ORDER BY day) AS next_day FROM safety_ratings)
         WHERE julianday(next_day) - julianday(day) <= 41
         GROUP BY knelpunt_id, day, next_day)
       SELECT
         (SELECT count(*) FROM (SELECT * FROM expected_sums EXCEPT SELECT knelpunt_id, day, count, score_sum, latest FROM rating_day_sums)) +
         (SELECT count(*) FROM (SELECT knelpunt_id, day, count, score_sum, latest FROM rating_day_sums EXCEPT SELECT * FROM expected_sums)) AS daySums,
         (SELECT count(*) FROM (SELECT * FROM expected_repeats EXCEPT SELECT knelpunt_id, day, next_day, count FROM rating_day_repeats)) +
         (SELECT count(*) FROM (SELECT knelpunt_id, day, next_day, count FROM rating_day_repeats EXCEPT SELECT * FROM expected_repeats)) AS repeats`,
    )
    .get() as Record<string, number>;
  if (Object.values(summaryProblems).some((n) => n !== 0)) throw new Error(`Rating summaries differ from the ratings: ${JSON.stringify(summaryProblems)}`);
  const sizes = { users: "accounts", cycles: "cycles", knelpunten: "knelpunten", measures: "measures", supports: "supports", reactions: "reactions", safety_ratings: "ratings", posts: "posts" } as const;
  for (const [table, key] of Object.entries(sizes)) {
    const n = (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    if (n !== BENCH_SIZES[key]) throw new Error(`${table}: ${n} rows, expected ${BENCH_SIZES[key]}`);
  }
  step("checks (foreign keys, counters, limits, rating summaries, sizes)");

  // Back to what the app expects of its file (WAL is stored in the file).
  db.pragma("journal_mode = WAL");
  db.close();
  step("close");
  const seconds = (performance.now() - started) / 1000;
  return { file, seconds, counts, phases };
}

/** What the bench targets on this dataset (also found by run.ts from any database). */
export const BUSY_KNELPUNT_TITLE = "Fietstunnel onder de Europaweg voelt 's avonds onveilig";

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const out = path.resolve(argument("out") ?? ".tmp/bench/large.db");
  const seed = Number(argument("seed") ?? 2026);
  console.log(`Generating the bench dataset into ${out} (seed ${seed})`);
  const result = await generate(out, seed);
  const size = fs.statSync(out).size;
  console.log(`Done in ${result.seconds.toFixed(1)} s; ${(size / 1024 / 1024).toFixed(0)} MB`);
  console.log(JSON.stringify(result.counts));
}
