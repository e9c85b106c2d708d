/**
 * Data at city scale, on top of the demo seed (db/seed.ts), so SQLite's
 * planner sees realistic table sizes: thousands of accounts, knelpunten,
 * measures, supports, reactions, ratings, answers, audit rows and mails,
 * spread over many cycles, plus one very busy knelpunt (hundreds of
 * measures, ~600 reactions, thousands of ratings), one busy post and one
 * busy open question. Written with prepared statements in one transaction
 * (a second or two). Deterministic (a seeded generator), so plans do not
 * change from run to run.
 *
 * It writes rows directly, as the seed does: the rules the commands check
 * (phase gates, support limits) are not the point here, only the shape and
 * the size of the data. Counters (support_count, volunteer_count) are set
 * from COUNT(*) at the end, as the schema promises.
 */
import type { Db } from "#db/client.server";

export type CityScale = {
  /** The main demo cycle (zelf_doen), now with thousands of knelpunten. */
  mainCycleSlug: string;
  mainCycleId: number;
  /** A closed (afgerond) cycle with a report. */
  closedCycleSlug: string;
  /** A concept cycle (only project leaders see it). */
  conceptCycleSlug: string;
  /** A knelpunt with hundreds of measures and reactions and thousands of ratings. */
  busyKnelpuntId: number;
  /** An escalated knelpunt (the officials' review page). */
  escalatedKnelpuntId: number;
  /** A self-help measure of the busy knelpunt. */
  busyMeasureId: number;
  /** A post with hundreds of reactions. */
  busyPostSlug: string;
  /** An open question with thousands of open answers (in a running cycle). */
  busyQuestionId: number;
  /** A multiple-choice question with many answers. */
  choiceQuestionId: number;
  /** A resident with many supports, volunteers, reactions, ratings and answers. */
  busyResidentId: string;
  /** A reaction of the busy resident (the edit page). */
  busyResidentReactionId: number;
  /** A held reaction (moderation) and a flagged measure, for the flag page. */
  flaggedMeasureId: number;
  /** An official with many templates. */
  officialId: string;
  templateId: number;
  /** The wijk names used. */
  wijken: string[];
  counts: Record<string, number>;
};

const WIJKEN = [
  "Oosterparkwijk",
  "De Hoogte",
  "Korrewegwijk",
  "Van Starkenborgh",
  "Indische Buurt",
  "Binnenstad",
  "Schilderswijk",
  "Herewegwijk",
  "Oosterpoort",
  "Selwerd",
  "Paddepoel",
  "Vinkhuizen",
  "Beijum",
  "Lewenborg",
  "Helpman",
  "Corpus den Hoorn",
];

const DAY = 86_400_000;

/** A small deterministic generator (mulberry32). */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function fillCityScale(db: Db, now = new Date(), scale = 1): CityScale {
  const client = db.$client;
  const rnd = random(20_261_128);
  const int = (n: number) => Math.floor(rnd() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;
  const ago = (maxDays: number, minDays = 0) => now.getTime() - Math.round((minDays + rnd() * (maxDays - minDays)) * DAY);
  const n = (base: number) => Math.max(1, Math.round(base * scale));

  const one = <T>(sql: string, ...params: unknown[]) => client.prepare(sql).get(...params) as T;

  const main = one<{ id: number; slug: string }>(`SELECT id, slug FROM cycles WHERE slug = 'enge-fietstunnels'`);
  const closed = one<{ id: number; slug: string }>(`SELECT id, slug FROM cycles WHERE phase = 'afgerond' LIMIT 1`);
  const concept = one<{ id: number; slug: string }>(`SELECT id, slug FROM cycles WHERE phase = 'concept' LIMIT 1`);
  const leader = one<{ id: string }>(`SELECT id FROM users WHERE email = 'projectleider@veranderlab.test'`).id;
  const official = one<{ id: string }>(`SELECT id FROM users WHERE email = 'ambtenaar@veranderlab.test'`).id;

  const counts: Record<string, number> = {};
  const count = (table: string, k = 1) => {
    counts[table] = (counts[table] ?? 0) + k;
  };

  const result = client.transaction(() => {
    // -- Accounts --------------------------------------------------------------
    const insertUser = client.prepare(
      `INSERT INTO users (id, email, email_verified_at, password_hash, display_name, wijk, role, organisation, locale, notify_mode,
                          code_of_conduct_version, code_of_conduct_accepted_at, blocked_at, blocked_reason, deleted_at, created_at)
       VALUES (?, ?, ?, 'x', ?, ?, ?, ?, 'nl', ?, 2, ?, ?, ?, ?, ?)`,
    );
    const residents: string[] = [];
    const officials: string[] = [official];
    const leaders: string[] = [leader];
    const totalUsers = n(6000);
    for (let i = 0; i < totalUsers; i++) {
      const role = i % 400 === 1 ? "projectleider" : i % 150 === 2 ? "ambtenaar" : i === 3 ? "beheerder" : "bewoner";
      const userId = `city-${i.toString(36)}-${int(1e9).toString(36)}`;
      const created = ago(1100);
      const deleted = role === "bewoner" && i % 97 === 5;
      const blocked = role === "bewoner" && i % 131 === 7;
      // Never confirmed (pruned after 30 days): only residents, who then never did anything.
      const unconfirmed = role === "bewoner" && i % 23 === 0;
      insertUser.run(
        userId,
        deleted ? null : `burger${i}@stad.test`,
        unconfirmed ? null : created + 60_000,
        deleted ? "verwijderde deelnemer" : `Bewoner ${i}`,
        pick(WIJKEN),
        role,
        role === "ambtenaar" ? "Gemeente Groningen" : null,
        pick(["direct", "dagelijks", "nooit"]),
        created,
        blocked ? created + DAY : null,
        blocked ? "Herhaald schelden" : null,
        deleted ? created + 2 * DAY : null,
        created,
      );
      count("users");
      if (role === "bewoner" && !deleted && !blocked && !unconfirmed) residents.push(userId);
      if (role === "ambtenaar") officials.push(userId);
      if (role === "projectleider") leaders.push(userId);
    }
    const busyResident = residents[1]!;
    const insertAcceptance = client.prepare(`INSERT OR IGNORE INTO code_of_conduct_acceptances (user_id, version, accepted_at) VALUES (?, 2, ?)`);
    for (const userId of residents) {
      insertAcceptance.run(userId, ago(1000));
      count("code_of_conduct_acceptances");
    }

    // -- Cycles: many closed ones, a few running ------------------------------
    const insertCycle = client.prepare(
      `INSERT INTO cycles (slug, title, theme, intro, phase, wijken, support_limit, support_threshold, min_volunteers, screening, created_by, created_at, updated_at)
       VALUES (?, ?, ?, '', ?, ?, 10, 5, 2, ?, ?, ?, ?)`,
    );
    const insertPhase = client.prepare(`INSERT INTO cycle_phase_changes (cycle_id, from_phase, to_phase, actor_id, created_at) VALUES (?, ?, ?, ?, ?)`);
    const cycleIds: number[] = [main.id, main.id, main.id, main.id, closed.id];
    const extraCycles = 30;
    for (let i = 0; i < extraCycles; i++) {
      const phase = i < 24 ? "afgerond" : pick(["meedenken", "zelf_doen", "opschalen", "concept"] as const);
      const created = ago(1100, 60);
      const cycleId = Number(
        insertCycle.run(
          `stadsronde-${i}`,
          `Stadsronde ${i}`,
          "Onveilige plekken in de stad",
          phase,
          JSON.stringify(WIJKEN.slice(i % 8, (i % 8) + 4)),
          i % 5 === 0 ? 1 : 0,
          leader,
          created,
          created,
        ).lastInsertRowid,
      );
      insertPhase.run(cycleId, null, "concept", leader, created);
      if (phase !== "concept") insertPhase.run(cycleId, "concept", phase, leader, created + DAY);
      count("cycles");
      if (phase !== "concept") cycleIds.push(cycleId);
    }

    // -- Posts and questions --------------------------------------------------
    const insertPost = client.prepare(
      `INSERT INTO posts (slug, title, body, excerpt, status, cycle_id, author_id, created_at, updated_at, published_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const postIds: number[] = [];
    let busyPostId = 0;
    for (let i = 0; i < n(600); i++) {
      const created = ago(1100);
      const draft = i % 25 === 0;
      const postId = Number(
        insertPost.run(
          `stadsbericht-${i}`,
          `Stadsbericht ${i}`,
          `Tekst van bericht ${i}.\n\nMet een tweede alinea.`,
          `Tekst van bericht ${i}.`,
          draft ? "draft" : "published",
          i % 3 === 0 ? null : pick(cycleIds),
          pick(leaders),
          created,
          created,
          draft ? null : created,
        ).lastInsertRowid,
      );
      count("posts");
      if (!draft) postIds.push(postId);
      if (i === 1) busyPostId = postId;
    }
    client.prepare(`UPDATE posts SET cycle_id = ?, published_at = ? WHERE id = ?`).run(main.id, now.getTime() - 3_600_000, busyPostId);

    const insertQuestion = client.prepare(
      `INSERT INTO questions (cycle_id, post_id, prompt, description, kind, status, created_by, created_at, closed_at) VALUES (?, ?, ?, '', ?, ?, ?, ?, ?)`,
    );
    const insertOption = client.prepare(`INSERT INTO question_options (question_id, label, position) VALUES (?, ?, ?)`);
    const questionList: Array<{ id: number; kind: "open" | "single" | "multiple"; options: number[] }> = [];
    for (let i = 0; i < n(200); i++) {
      const kind = pick(["open", "single", "multiple"] as const);
      const cycleId = i < 3 ? main.id : pick(cycleIds);
      const open = cycleId === main.id || rnd() < 0.3;
      const created = ago(900);
      const questionId = Number(
        insertQuestion.run(cycleId, i === 0 ? busyPostId : null, `Stadsvraag ${i}?`, i < 3 ? (["open", "multiple", "single"] as const)[i] : kind, open ? "open" : "closed", leader, created, open ? null : created + 30 * DAY)
          .lastInsertRowid,
      );
      count("questions");
      const actualKind = i < 3 ? (["open", "multiple", "single"] as const)[i]! : kind;
      const options: number[] = [];
      if (actualKind !== "open") {
        for (let p = 0; p < 5; p++) {
          options.push(Number(insertOption.run(questionId, `Keuze ${p + 1}`, p).lastInsertRowid));
          count("question_options");
        }
      }
      questionList.push({ id: questionId, kind: actualKind, options });
    }
    const busyQuestion = questionList[0]!;
    const choiceQuestion = questionList[1]!;

    const insertAnswer = client.prepare(
      `INSERT OR IGNORE INTO answers (question_id, user_id, text, moderation, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
    );
    const insertChoice = client.prepare(`INSERT OR IGNORE INTO answer_choices (answer_id, option_id) VALUES (?, ?)`);
    const answerIds: Array<{ id: number; userId: string }> = [];
    const answerFor = (question: (typeof questionList)[number], userId: string) => {
      const at = ago(400);
      const info = insertAnswer.run(
        question.id,
        userId,
        question.kind === "open" ? `Mijn antwoord als ${userId}` : null,
        rnd() < 0.01 ? "held" : rnd() < 0.01 ? "hidden" : "visible",
        at,
        at + int(5) * DAY,
      );
      if (!info.changes) return;
      const answerId = Number(info.lastInsertRowid);
      count("answers");
      answerIds.push({ id: answerId, userId });
      if (question.kind === "single") {
        insertChoice.run(answerId, pick(question.options));
        count("answer_choices");
      } else if (question.kind === "multiple") {
        for (const option of question.options) if (rnd() < 0.4) (insertChoice.run(answerId, option), count("answer_choices"));
      }
    };
    for (const userId of residents.slice(0, n(3000))) answerFor(busyQuestion, userId);
    for (const userId of residents.slice(0, n(1500))) answerFor(choiceQuestion, userId);
    for (let i = 0; i < n(12000); i++) answerFor(pick(questionList), pick(residents));
    for (const question of questionList.slice(0, 40)) answerFor(question, busyResident);

    // -- Knelpunten, measures, supports, volunteers --------------------------
    const insertKnelpunt = client.prepare(
      `INSERT INTO knelpunten (cycle_id, title, description, wijk, location_text, lat, lng, reporter_id, status, escalated_at, escalated_by,
                               escalation_explanation, fast_track_reason, resolved_at, moderation, moderation_reason, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertKnelpuntChange = client.prepare(
      `INSERT INTO knelpunt_status_changes (knelpunt_id, from_status, to_status, actor_id, explanation, organisation, department, expected_date, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertMeasure = client.prepare(
      `INSERT INTO measures (knelpunt_id, cycle_id, kind, title, description, author_id, status, adopted_at, started_at, completed_at, moderation, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertMeasureChange = client.prepare(
      `INSERT INTO measure_status_changes (measure_id, from_status, to_status, actor_id, reason, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
    );
    const insertSupport = client.prepare(`INSERT OR IGNORE INTO supports (measure_id, cycle_id, user_id, created_at) VALUES (?, ?, ?, ?)`);
    const insertVolunteer = client.prepare(`INSERT OR IGNORE INTO volunteers (measure_id, user_id, created_at) VALUES (?, ?, ?)`);
    const insertReaction = client.prepare(
      `INSERT INTO reactions (target_type, target_id, author_id, body, moderation, moderation_reason, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertRating = client.prepare(
      `INSERT OR IGNORE INTO safety_ratings (knelpunt_id, user_id, day, score, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
    );
    const insertCase = client.prepare(
      `INSERT OR IGNORE INTO moderation_cases (target_type, target_id, author_id, cycle_id, state, held_for, matched_words, open_flags, open, created_at, updated_at, decided_at, decided_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertFlag = client.prepare(
      `INSERT OR IGNORE INTO flags (target_type, target_id, user_id, reason, note, created_at, resolved_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

    const moderationOf = () => {
      const r = rnd();
      return r < 0.01 ? "held" : r < 0.02 ? "flagged" : r < 0.03 ? "hidden" : "visible";
    };
    const caseFor = (type: string, targetId: number, authorId: string, cycleId: number | null, state: string, at: number) => {
      if (state === "visible") return;
      const open = state === "held" || state === "flagged" ? 1 : 0;
      insertCase.run(type, targetId, authorId, cycleId, state, state === "held" ? "wording" : null, state === "held" ? '["woord"]' : null, state === "flagged" ? 3 : 0, open, at, at, open ? null : at + DAY, open ? null : leader);
      count("moderation_cases");
      if (state === "flagged" || state === "hidden") {
        for (let f = 0; f < 3; f++) {
          insertFlag.run(type, targetId, pick(residents), pick(["profiling", "abuse", "spam"]), null, at + f * 3_600_000, open ? null : at + DAY);
          count("flags");
        }
      }
    };
    const react = (type: "post" | "knelpunt" | "measure", targetId: number, authorId: string, cycleId: number | null, at: number) => {
      const state = moderationOf();
      const reactionId = Number(
        insertReaction.run(type, targetId, authorId, `Reactie van ${authorId}`, state, state === "hidden" ? "Beledigend" : null, at, at).lastInsertRowid,
      );
      count("reactions");
      caseFor("reaction", reactionId, authorId, cycleId, state, at);
      return reactionId;
    };

    const knelpuntIds: number[] = [];
    let busyKnelpuntId = 0;
    let escalatedKnelpuntId = 0;
    let busyMeasureId = 0;
    let flaggedMeasureId = 0;
    const totalKnelpunten = n(7000);
    for (let i = 0; i < totalKnelpunten; i++) {
      const busy = i === 0;
      // The running demo cycle gets ~3000 of them: deep pages, a full map, long filters.
      const cycleId = busy || i < n(3000) ? main.id : pick(cycleIds);
      const created = busy ? now.getTime() - 40 * DAY : ago(cycleId === main.id ? 60 : 1000, 1);
      const r = rnd();
      const status =
        busy ? "geescaleerd"
        : r < 0.45 ? "open"
        : r < 0.6 ? "zelf_aan_de_slag"
        : r < 0.7 ? "opgelost"
        : r < 0.8 ? "geescaleerd"
        : pick(["in_behandeling", "toegezegd", "uitgevoerd", "afgewezen"] as const);
      const escalated = ["geescaleerd", "in_behandeling", "toegezegd", "uitgevoerd", "afgewezen"].includes(status);
      const escalatedAt = escalated ? created + (1 + int(20)) * DAY : null;
      const state = busy ? "visible" : moderationOf();
      const reporter = busy ? busyResident : i % 50 === 0 ? busyResident : pick(residents);
      const point = rnd() < 0.7;
      const knelpuntId = Number(
        insertKnelpunt.run(
          cycleId,
          `Knelpunt ${i} in de stad`,
          `Beschrijving van knelpunt ${i}: het is er 's avonds donker.`,
          pick(WIJKEN),
          `Straat ${i}`,
          point ? 53.2 + rnd() * 0.05 : null,
          point ? 6.55 + rnd() * 0.05 : null,
          reporter,
          status,
          escalatedAt,
          escalated ? leader : null,
          escalated ? "Zelf lukt het niet." : null,
          escalated && rnd() < 0.1 ? "Acuut gevaar." : null,
          status === "opgelost" ? created + 30 * DAY : null,
          state,
          state === "hidden" ? "Beschuldigt mensen" : null,
          created,
          created,
        ).lastInsertRowid,
      );
      count("knelpunten");
      knelpuntIds.push(knelpuntId);
      if (busy) busyKnelpuntId = knelpuntId;
      else if (!escalatedKnelpuntId && status === "geescaleerd" && state === "visible" && cycleId === main.id) escalatedKnelpuntId = knelpuntId;
      caseFor("knelpunt", knelpuntId, reporter, cycleId, state, created);
      insertKnelpuntChange.run(knelpuntId, null, "open", reporter, null, null, null, null, created);
      count("knelpunt_status_changes");
      if (escalated) {
        insertKnelpuntChange.run(knelpuntId, "open", "geescaleerd", leader, "Zelf lukt het niet.", null, null, null, escalatedAt);
        count("knelpunt_status_changes");
        if (status !== "geescaleerd") {
          const answeredAt = escalatedAt! + (1 + int(30)) * DAY;
          insertKnelpuntChange.run(knelpuntId, "geescaleerd", status, pick(officials), "We pakken het op.", "Gemeente Groningen", status === "toegezegd" ? "Stadsbeheer" : null, status === "toegezegd" ? day(answeredAt + 30 * DAY) : null, answeredAt);
          count("knelpunt_status_changes");
        }
      }

      // Measures: most knelpunten have a few; the busy one has hundreds.
      const measureCount = busy ? 300 : int(4);
      for (let m = 0; m < measureCount; m++) {
        const kind = m % 3 === 2 ? "overheid" : "zelf";
        const mr = rnd();
        const mStatus = mr < 0.6 ? "voorgesteld" : mr < 0.7 ? "aangenomen" : mr < 0.8 ? "in_uitvoering" : mr < 0.9 ? "uitgevoerd" : "niet_doorgegaan";
        // Never in the future: adoption and completion follow within two weeks.
        const mCreated = created + Math.min(int(10) * DAY, Math.max(0, now.getTime() - created - 15 * DAY)) + m * 60_000;
        const mState = busy && m === 5 ? "flagged" : moderationOf();
        const author = m === 0 && i % 40 === 0 ? busyResident : pick(residents);
        const measureId = Number(
          insertMeasure.run(
            knelpuntId,
            cycleId,
            kind,
            `Maatregel ${m} voor knelpunt ${i}`,
            `Wat we zelf doen (${m}).`,
            author,
            mStatus,
            mStatus === "voorgesteld" || mStatus === "niet_doorgegaan" ? null : mCreated + 5 * DAY,
            mStatus === "in_uitvoering" || mStatus === "uitgevoerd" ? mCreated + 7 * DAY : null,
            mStatus === "uitgevoerd" ? Math.min(now.getTime() - DAY, mCreated + 14 * DAY) : null,
            mState,
            mCreated,
            mCreated,
          ).lastInsertRowid,
        );
        count("measures");
        if (busy && m === 0) busyMeasureId = measureId;
        if (busy && m === 5) flaggedMeasureId = measureId;
        caseFor("measure", measureId, author, cycleId, mState, mCreated);
        insertMeasureChange.run(measureId, null, "voorgesteld", author, null, mCreated);
        count("measure_status_changes");
        if (mStatus !== "voorgesteld") {
          insertMeasureChange.run(measureId, "voorgesteld", mStatus, leader, null, mCreated + 5 * DAY);
          count("measure_status_changes");
        }
        const supporters = busy ? 5 + int(30) : int(12);
        for (let s = 0; s < supporters; s++) {
          const info = insertSupport.run(measureId, cycleId, s === 0 && i % 7 === 0 ? busyResident : pick(residents), mCreated + s * 3_600_000);
          if (info.changes) count("supports");
        }
        if (kind === "zelf") {
          for (let v = 0; v < int(4); v++) {
            const info = insertVolunteer.run(measureId, v === 0 && i % 9 === 0 ? busyResident : pick(residents), mCreated + v * 3_600_000);
            if (info.changes) count("volunteers");
          }
        }
        if (rnd() < 0.2) react("measure", measureId, pick(residents), cycleId, mCreated + DAY);
      }

      // Reactions and ratings.
      const reactionCount = busy ? 600 : int(4);
      for (let r2 = 0; r2 < reactionCount; r2++) react("knelpunt", knelpuntId, r2 % 25 === 0 ? busyResident : pick(residents), cycleId, created + r2 * 600_000);
      const ratingCount = busy ? 3000 : int(5);
      for (let g = 0; g < ratingCount; g++) {
        const at = busy ? now.getTime() - int(400) * DAY : Math.min(now.getTime() - 3_600_000, created + int(60) * DAY);
        const info = insertRating.run(knelpuntId, g % 30 === 0 ? busyResident : pick(residents), day(at), 1 + int(5), at, at);
        if (info.changes) count("safety_ratings");
      }
    }

    // Reactions under posts; a busy one.
    for (let r = 0; r < 500; r++) react("post", busyPostId, pick(residents), main.id, now.getTime() - (500 - r) * 3_600_000);
    for (let r = 0; r < n(4000); r++) react("post", pick(postIds), pick(residents), null, ago(1000));
    const busyResidentReactionId = react("post", busyPostId, busyResident, main.id, now.getTime() - 60_000);
    client.prepare(`UPDATE reactions SET moderation = 'visible', moderation_reason = NULL WHERE id = ?`).run(busyResidentReactionId);
    client.prepare(`DELETE FROM moderation_cases WHERE target_type = 'reaction' AND target_id = ?`).run(busyResidentReactionId);

    // Counters, equal to COUNT(*) (the schema's promise).
    client.exec(`
      UPDATE measures SET support_count = (SELECT count(*) FROM supports s WHERE s.measure_id = measures.id),
                          volunteer_count = (SELECT count(*) FROM volunteers v WHERE v.measure_id = measures.id);
      UPDATE knelpunten SET support_count = (SELECT coalesce(sum(m.support_count), 0) FROM measures m WHERE m.knelpunt_id = knelpunten.id);
    `);

    // -- Following, sessions, templates, mail, audit log ----------------------
    const insertFollow = client.prepare(`INSERT OR IGNORE INTO follows (knelpunt_id, user_id, following, updated_at) VALUES (?, ?, ?, ?)`);
    for (let f = 0; f < n(5000); f++) {
      if (insertFollow.run(pick(knelpuntIds), pick(residents), rnd() < 0.8 ? 1 : 0, ago(300)).changes) count("follows");
    }
    const insertSession = client.prepare(`INSERT INTO sessions (id, secret_hash, user_id, created_at, last_active_at) VALUES (?, ?, ?, ?, ?)`);
    for (let s = 0; s < n(4000); s++) {
      const at = ago(20);
      insertSession.run(`city-session-${s}`, Buffer.alloc(32, s % 256), pick(residents), at, at);
      count("sessions");
    }
    const insertTemplate = client.prepare(`INSERT INTO answer_templates (owner_id, title, body, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`);
    let templateId = 0;
    for (let t = 0; t < 150; t++) {
      const at = ago(300);
      templateId = Number(insertTemplate.run(officials[t % 3 === 0 ? 0 : 1 + (t % (officials.length - 1))]!, `Sjabloon ${t}`, `Tekst van sjabloon ${t}.`, at, at).lastInsertRowid);
      count("answer_templates");
    }
    client.prepare(`UPDATE answer_templates SET owner_id = ? WHERE id = ?`).run(official, templateId);
    const insertMail = client.prepare(`INSERT INTO outbox (to_address, subject, text_body, created_at, sent_at, attempts) VALUES (?, ?, ?, ?, ?, ?)`);
    for (let m = 0; m < n(8000); m++) {
      const at = ago(90);
      insertMail.run(`burger${int(6000)}@stad.test`, "Nieuws over een knelpunt", "Er is iets veranderd.", at, rnd() < 0.98 ? at + 5000 : null, 1);
      count("outbox");
    }
    const insertAudit = client.prepare(
      `INSERT INTO audit_log (actor_id, action, target_type, target_id, reason, details, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    const auditActions = [
      ["knelpunt.escalated", "knelpunt"],
      ["knelpunt.answered", "knelpunt"],
      ["measure.adopted", "measure"],
      ["moderation.hidden", "reaction"],
      ["moderation.approved", "reaction"],
      ["account.blocked", "user"],
      ["cycle.phase_moved", "cycle"],
      ["post.published", "post"],
    ] as const;
    for (let a = 0; a < n(15000); a++) {
      const [action, type] = pick(auditActions);
      const target = type === "user" ? pick(residents) : String(type === "knelpunt" ? pick(knelpuntIds) : 1 + int(1000));
      insertAudit.run(pick([...leaders, ...officials]), action, type, target, "Reden", null, ago(1000));
      count("audit_log");
    }
    for (let a = 0; a < 30; a++) {
      insertAudit.run(leader, "account.blocked", "user", busyResident, "Reden", null, ago(100));
      count("audit_log");
    }
    // Lines waiting for the daily digest.
    const insertPending = client.prepare(
      `INSERT INTO pending_notifications (user_id, knelpunt_id, status_change_id, created_at)
       SELECT ?, knelpunt_id, id, created_at FROM knelpunt_status_changes WHERE knelpunt_id = ? ORDER BY id DESC LIMIT 1`,
    );
    for (let p = 0; p < n(300); p++) count("pending_notifications", insertPending.run(pick(residents), pick(knelpuntIds)).changes);
    const insertApproval = client.prepare(`INSERT OR IGNORE INTO participant_approvals (user_id, approved_by, approved_at) VALUES (?, ?, ?)`);
    for (let p = 0; p < n(800); p++) if (insertApproval.run(pick(residents), leader, ago(500)).changes) count("participant_approvals");
    return {
      busyKnelpuntId,
      escalatedKnelpuntId,
      busyMeasureId,
      flaggedMeasureId,
      busyPostId,
      busyQuestionId: busyQuestion.id,
      choiceQuestionId: choiceQuestion.id,
      busyResident,
      busyResidentReactionId,
      templateId,
    };
  })();

  const busyPostSlug = client.prepare(`SELECT slug FROM posts WHERE id = ?`).pluck().get(result.busyPostId) as string;
  return {
    mainCycleSlug: main.slug,
    mainCycleId: main.id,
    closedCycleSlug: closed.slug,
    conceptCycleSlug: concept.slug,
    busyKnelpuntId: result.busyKnelpuntId,
    escalatedKnelpuntId: result.escalatedKnelpuntId,
    busyMeasureId: result.busyMeasureId,
    busyPostSlug,
    busyQuestionId: result.busyQuestionId,
    choiceQuestionId: result.choiceQuestionId,
    busyResidentId: result.busyResident,
    busyResidentReactionId: result.busyResidentReactionId,
    flaggedMeasureId: result.flaggedMeasureId,
    officialId: official,
    templateId: result.templateId,
    wijken: WIJKEN,
    counts,
  };
}
