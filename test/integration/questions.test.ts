import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { answerChoices, answers, auditLog, cycles, posts, questionOptions, questions, users } from "#db/schema";
import type { Phase } from "~/domain/cycles/phases";
import { questionSchema } from "~/domain/questions/schemas";
import {
  ANSWERS_PAGE_SIZE,
  answerQuestion,
  askQuestion,
  exportAnswersCsv,
  getAskQuestionForm,
  getQuestionPage,
  listOpenQuestions,
  listQuestionCards,
  optionCountsQuery,
  respondentCountsQuery,
  setQuestionStatus,
  type Viewer,
} from "~/domain/questions/questions.server";
import { createUser, type TestUser } from "../support/factories";

let counter = 0;

function makeCycle(phase: Phase): number {
  counter += 1;
  const now = new Date();
  return getDb()
    .insert(cycles)
    .values({ slug: `ronde-${counter}-${phase.replace("_", "-")}`, title: `Ronde ${counter}`, theme: "Fietstunnels", phase, createdAt: now, updatedAt: now })
    .returning({ id: cycles.id })
    .get().id;
}

function makePost(cycleId: number | null): { id: number; slug: string } {
  counter += 1;
  const now = new Date();
  const slug = `bericht-${counter}`;
  const id = getDb()
    .insert(posts)
    .values({ slug, title: `Bericht ${counter}`, body: "Tekst", status: "published", cycleId, createdAt: now, updatedAt: now, publishedAt: now })
    .returning({ id: posts.id })
    .get().id;
  return { id, slug };
}

const as = (user: TestUser): NonNullable<Viewer> => ({ id: user.id, role: user.role });

let leader: TestUser;
let official: TestUser;
let admin: TestUser;
let residents: TestUser[];

beforeAll(async () => {
  leader = await createUser({ role: "projectleider", displayName: "Mark" });
  official = await createUser({ role: "ambtenaar", displayName: "Fatima", organisation: "Gemeente" });
  admin = await createUser({ role: "beheerder", displayName: "Joost" });
  residents = [];
  for (const name of ["Sanne", "Ingrid", "Youssef", "Annemarie", "Bart"]) {
    residents.push(await createUser({ role: "bewoner", displayName: name }));
  }
});

function ask(input: { cycleId: number; kind: "open" | "single" | "multiple"; options?: string[]; prompt?: string; postId?: number }) {
  const parsed = questionSchema.parse({
    cycleId: String(input.cycleId),
    prompt: input.prompt ?? "Wanneer voelt de tunnel onveilig?",
    description: "",
    kind: input.kind,
    options: (input.options ?? []).join("\n"),
    postId: input.postId ? String(input.postId) : "",
  });
  const result = askQuestion(as(leader), parsed);
  if (!result.ok) throw new Error(`ask failed: ${result.reason}`);
  const options = getDb()
    .select({ id: questionOptions.id, label: questionOptions.label })
    .from(questionOptions)
    .where(eq(questionOptions.questionId, result.id))
    .orderBy(questionOptions.position)
    .all();
  return { id: result.id, options: options.map((option) => option.id) };
}

function answerRows(questionId: number) {
  return getDb().select().from(answers).where(eq(answers.questionId, questionId)).all();
}

function choicesOf(answerId: number) {
  return getDb()
    .select({ optionId: answerChoices.optionId })
    .from(answerChoices)
    .where(eq(answerChoices.answerId, answerId))
    .all()
    .map((row) => row.optionId)
    .sort((a, b) => a - b);
}

describe("asking a question", () => {
  it("stores the question and its options in order", () => {
    const cycleId = makeCycle("meedenken");
    const { id, options } = ask({ cycleId, kind: "multiple", options: ["Avond", "Nacht", "Ochtend"] });
    const row = getDb().select().from(questions).where(eq(questions.id, id)).get()!;
    expect(row).toMatchObject({ cycleId, kind: "multiple", status: "open", createdBy: leader.id, postId: null });
    const labels = getDb().select().from(questionOptions).where(eq(questionOptions.questionId, id)).orderBy(questionOptions.position).all();
    expect(labels.map((option) => option.label)).toEqual(["Avond", "Nacht", "Ochtend"]);
    expect(options).toHaveLength(3);
  });

  it("shows the question in a post of the same cycle, and refuses a post of another cycle", () => {
    const cycleId = makeCycle("meedenken");
    const own = makePost(cycleId);
    const other = makePost(makeCycle("meedenken"));
    const { id } = ask({ cycleId, kind: "open", postId: own.id });
    expect(getDb().select().from(questions).where(eq(questions.id, id)).get()!.postId).toBe(own.id);

    const input = questionSchema.parse({ cycleId: String(cycleId), prompt: "Een vraag hier", kind: "open", postId: String(other.id) });
    expect(askQuestion(as(leader), input)).toMatchObject({ ok: false, reason: "post_mismatch", field: "postId", message: "question.error.postMismatch" });
  });

  it("refuses a closed cycle and anyone but a project leader", () => {
    const closed = makeCycle("afgerond");
    const input = questionSchema.parse({ cycleId: String(closed), prompt: "Een vraag hier", kind: "open" });
    expect(askQuestion(as(leader), input)).toMatchObject({ ok: false, reason: "cycle_closed", field: "cycleId" });
    const open = questionSchema.parse({ cycleId: String(makeCycle("meedenken")), prompt: "Een vraag hier", kind: "open" });
    expect(askQuestion(as(residents[0]!), open)).toEqual({ ok: false, reason: "forbidden" });
    expect(askQuestion(as(official), open)).toEqual({ ok: false, reason: "forbidden" });
    expect(askQuestion(null, open)).toEqual({ ok: false, reason: "forbidden" });
  });

  it("offers the cycles that are not closed and preselects ?ronde= and ?bericht=", () => {
    const cycleId = makeCycle("zelf_doen");
    const post = makePost(cycleId);
    const closed = makeCycle("afgerond");
    const slug = getDb().select({ slug: cycles.slug }).from(cycles).where(eq(cycles.id, cycleId)).get()!.slug;
    const form = getAskQuestionForm({ cycleSlug: slug });
    expect(form.selectedCycleId).toBe(cycleId);
    expect(form.cycles.map((cycle) => cycle.id)).not.toContain(closed);
    expect(getAskQuestionForm({ postSlug: post.slug })).toMatchObject({ selectedCycleId: cycleId, selectedPostId: post.id });
  });
});

describe("answering", () => {
  it("saves an open answer, and changing it keeps one row", () => {
    const { id } = ask({ cycleId: makeCycle("meedenken"), kind: "open" });
    const sanne = residents[0]!;
    const first = answerQuestion(as(sanne), id, { text: "  Samen fietsen na tienen  ", optionIds: [] }, new Date("2026-01-01T20:00:00Z"));
    expect(first).toEqual({ ok: true, changed: false, held: false });
    const second = answerQuestion(as(sanne), id, { text: "De lampen laten maken", optionIds: [] }, new Date("2026-01-02T20:00:00Z"));
    expect(second).toEqual({ ok: true, changed: true, held: false });
    const rows = answerRows(id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ userId: sanne.id, text: "De lampen laten maken" });
    expect(rows[0]!.createdAt.toISOString()).toBe("2026-01-01T20:00:00.000Z");
    expect(rows[0]!.updatedAt.toISOString()).toBe("2026-01-02T20:00:00.000Z");
  });

  it("replaces the chosen options when a choice answer changes", () => {
    const { id, options } = ask({ cycleId: makeCycle("zelf_doen"), kind: "multiple", options: ["A", "B", "C"] });
    const bart = residents[4]!;
    expect(answerQuestion(as(bart), id, { text: "", optionIds: [options[0]!, options[1]!] })).toMatchObject({ ok: true });
    expect(answerQuestion(as(bart), id, { text: "", optionIds: [options[2]!] })).toMatchObject({ ok: true, changed: true });
    const rows = answerRows(id);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.text).toBeNull();
    expect(choicesOf(rows[0]!.id)).toEqual([options[2]]);
  });

  it("refuses answering a closed question, and leaves the answer as it was", () => {
    const { id } = ask({ cycleId: makeCycle("opschalen"), kind: "open" });
    const sanne = residents[0]!;
    expect(answerQuestion(as(sanne), id, { text: "Eerste antwoord", optionIds: [] })).toMatchObject({ ok: true });
    expect(setQuestionStatus(as(leader), id, "closed")).toEqual({ ok: true });
    expect(answerQuestion(as(sanne), id, { text: "Nieuw antwoord", optionIds: [] })).toEqual({
      ok: false,
      reason: "closed",
      field: "text",
      message: "question.refusal.closed",
    });
    expect(answerQuestion(as(residents[1]!), id, { text: "Te laat", optionIds: [] })).toMatchObject({ ok: false, reason: "closed" });
    expect(answerRows(id).map((row) => row.text)).toEqual(["Eerste antwoord"]);
  });

  it("refuses an option of another question", () => {
    const cycleId = makeCycle("meedenken");
    const one = ask({ cycleId, kind: "single", options: ["Ja", "Nee"] });
    const other = ask({ cycleId, kind: "single", options: ["Ringweg", "Station"] });
    expect(answerQuestion(as(residents[1]!), one.id, { text: "", optionIds: [other.options[0]!] })).toEqual({
      ok: false,
      reason: "invalid",
      field: "options",
      message: "question.error.optionUnknown",
    });
    // Also mixed with a valid one, on a multiple-choice question.
    const multi = ask({ cycleId, kind: "multiple", options: ["A", "B"] });
    expect(answerQuestion(as(residents[1]!), multi.id, { text: "", optionIds: [multi.options[0]!, other.options[1]!] })).toMatchObject({
      ok: false,
      message: "question.error.optionUnknown",
    });
    expect(answerQuestion(as(residents[1]!), multi.id, { text: "", optionIds: [999_999] })).toMatchObject({ ok: false, reason: "invalid" });
    expect(answerRows(one.id)).toHaveLength(0);
    expect(answerRows(multi.id)).toHaveLength(0);
  });

  it("refuses two options on a single-choice question, and none at all", () => {
    const { id, options } = ask({ cycleId: makeCycle("meedenken"), kind: "single", options: ["Ja", "Nee", "Weet niet"] });
    expect(answerQuestion(as(residents[2]!), id, { text: "", optionIds: [options[0]!, options[1]!] })).toEqual({
      ok: false,
      reason: "invalid",
      field: "options",
      message: "question.error.chooseOnlyOne",
    });
    expect(answerQuestion(as(residents[2]!), id, { text: "", optionIds: [] })).toMatchObject({ message: "question.error.chooseOne" });
    expect(answerRows(id)).toHaveLength(0);
  });

  it("refuses an empty, too short or too long open answer", () => {
    const { id } = ask({ cycleId: makeCycle("meedenken"), kind: "open" });
    const resident = as(residents[2]!);
    expect(answerQuestion(resident, id, { text: "   ", optionIds: [] })).toMatchObject({ field: "text", message: "question.error.answerEmpty" });
    expect(answerQuestion(resident, id, { text: "a", optionIds: [] })).toMatchObject({ message: "question.error.answerTooShort" });
    expect(answerQuestion(resident, id, { text: "x".repeat(2001), optionIds: [] })).toMatchObject({ message: "question.error.answerTooLong" });
    expect(answerQuestion(resident, id, { text: "x".repeat(2000), optionIds: [] })).toMatchObject({ ok: true });
  });

  it("refuses project leaders, officials and administrators: they do not answer", () => {
    const { id, options } = ask({ cycleId: makeCycle("meedenken"), kind: "single", options: ["Ja", "Nee"] });
    for (const user of [leader, official, admin]) {
      expect(answerQuestion(as(user), id, { text: "", optionIds: [options[0]!] })).toMatchObject({ ok: false, reason: "not_resident" });
    }
    expect(answerQuestion(null, id, { text: "", optionIds: [options[0]!] })).toMatchObject({ ok: false, reason: "not_signed_in" });
    expect(answerRows(id)).toHaveLength(0);
  });

  it("follows the cycle's phase: not in a closed cycle, and a concept cycle's question is not found", () => {
    const closedCycle = makeCycle("meedenken");
    const { id } = ask({ cycleId: closedCycle, kind: "open" });
    getDb().update(cycles).set({ phase: "afgerond" }).where(eq(cycles.id, closedCycle)).run();
    expect(answerQuestion(as(residents[0]!), id, { text: "Nog een idee", optionIds: [] })).toMatchObject({ ok: false, reason: "phase" });

    const concept = ask({ cycleId: makeCycle("concept"), kind: "open" });
    expect(answerQuestion(as(residents[0]!), concept.id, { text: "Nog een idee", optionIds: [] })).toEqual({ ok: false, reason: "not_found" });
    expect(answerQuestion(as(residents[0]!), 987_654, { text: "Nog een idee", optionIds: [] })).toEqual({ ok: false, reason: "not_found" });
  });
});

describe("closing and results", () => {
  /** 5 residents: A+B, A, B+C, C, A → A 3 (60%), B 2 (40%), C 2 (40%), D 0. */
  function multipleWithAnswers() {
    const cycleId = makeCycle("zelf_doen");
    const q = ask({ cycleId, kind: "multiple", options: ["A", "B", "C", "D"] });
    const [a, b, c] = q.options as [number, number, number, number];
    const picks = [[a, b], [a], [b, c], [c], [a]];
    picks.forEach((optionIds, index) => {
      expect(answerQuestion(as(residents[index]!), q.id, { text: "", optionIds })).toMatchObject({ ok: true });
    });
    return { cycleId, ...q };
  }

  it("counts per option and percentages of respondents; visible to everyone only after closing", () => {
    const q = multipleWithAnswers();
    const visitorCard = () => listQuestionCards({ cycleId: q.cycleId, viewer: null })[0]!;
    expect(visitorCard().results).toBeNull();
    expect(visitorCard().respondents).toBe(5);
    expect(listQuestionCards({ cycleId: q.cycleId, viewer: as(residents[0]!) })[0]!.results).toBeNull();

    // Project leaders see them while the question is open.
    const leaderCard = listQuestionCards({ cycleId: q.cycleId, viewer: as(leader) })[0]!;
    expect(leaderCard.results?.respondents).toBe(5);

    expect(setQuestionStatus(as(leader), q.id, "closed")).toEqual({ ok: true });
    const card = visitorCard();
    expect(card.status).toBe("closed");
    expect(card.closedAt).toBeInstanceOf(Date);
    expect(card.canAnswer).toBe(false);
    expect(card.refusal).toBe("question.refusal.closed");
    expect(card.results).toEqual({
      respondents: 5,
      options: [
        { id: q.options[0], label: "A", count: 3, percent: 60 },
        { id: q.options[1], label: "B", count: 2, percent: 40 },
        { id: q.options[2], label: "C", count: 2, percent: 40 },
        { id: q.options[3], label: "D", count: 0, percent: 0 },
      ],
      answers: null,
    });
  });

  it("shows the viewer's own answer and whether they can answer", () => {
    const q = multipleWithAnswers();
    const mine = listQuestionCards({ cycleId: q.cycleId, viewer: as(residents[2]!) })[0]!;
    expect(mine.canAnswer).toBe(true);
    expect(mine.refusal).toBeNull();
    expect(mine.myAnswer?.optionIds.sort((x, y) => x - y)).toEqual([q.options[1], q.options[2]]);
    const theirs = listQuestionCards({ cycleId: q.cycleId, viewer: as(official) })[0]!;
    expect(theirs).toMatchObject({ canAnswer: false, refusal: "question.refusal.not_resident", myAnswer: null, results: null, canManage: false });
    expect(listQuestionCards({ cycleId: q.cycleId, viewer: null })[0]!.refusal).toBe("question.refusal.not_signed_in");
  });

  it("lists open answers newest first with the author's name, 20 a page", () => {
    const cycleId = makeCycle("meedenken");
    const { id } = ask({ cycleId, kind: "open" });
    const base = Date.UTC(2026, 0, 1);
    // 5 real answers, then 20 more straight into the table for paging.
    residents.forEach((resident, index) => {
      answerQuestion(as(resident), id, { text: `Antwoord ${index}`, optionIds: [] }, new Date(base + index * 60_000));
    });
    const now = new Date(base - 86_400_000);
    for (let i = 0; i < 20; i += 1) {
      const userId = `paging-${id}-${i}`;
      getDb().insert(users).values({ id: userId, email: `${userId}@example.test`, displayName: `Bewoner ${i}`, createdAt: now }).run();
      getDb().insert(answers).values({ questionId: id, userId, text: `Ouder ${i}`, createdAt: now, updatedAt: new Date(now.getTime() + i) }).run();
    }
    setQuestionStatus(as(leader), id, "closed");
    const first = getQuestionPage(null, id, 1)!.card.results!;
    expect(first.respondents).toBe(25);
    expect(first.answers!.rows).toHaveLength(ANSWERS_PAGE_SIZE);
    expect(first.answers!.hasNext).toBe(true);
    expect(first.answers!.rows[0]).toMatchObject({ authorName: "Bart", text: "Antwoord 4" });
    const second = getQuestionPage(null, id, 2)!.card.results!.answers!;
    expect(second.rows).toHaveLength(5);
    expect(second.hasNext).toBe(false);
    expect(second.rows.at(-1)).toMatchObject({ text: "Ouder 0", authorName: "Bewoner 0" });
    // Embedded cards show a few and link to the page.
    const embedded = listQuestionCards({ cycleId, viewer: null })[0]!.results!.answers!;
    expect(embedded.rows).toHaveLength(5);
    expect(embedded.hasNext).toBe(true);
  });

  it("closes and reopens, recorded in the audit log; only project leaders", () => {
    const { id } = ask({ cycleId: makeCycle("meedenken"), kind: "open" });
    expect(setQuestionStatus(as(residents[0]!), id, "closed")).toMatchObject({ ok: false, reason: "forbidden" });
    expect(setQuestionStatus(as(official), id, "closed")).toMatchObject({ ok: false, reason: "forbidden" });
    expect(setQuestionStatus(as(leader), id, "open")).toMatchObject({ ok: false, reason: "unchanged" });
    expect(setQuestionStatus(as(leader), id, "closed")).toEqual({ ok: true });
    expect(setQuestionStatus(as(leader), id, "open")).toEqual({ ok: true });
    const row = getDb().select().from(questions).where(eq(questions.id, id)).get()!;
    expect(row.status).toBe("open");
    expect(row.closedAt).toBeNull();
    const log = getDb()
      .select({ action: auditLog.action, actorId: auditLog.actorId })
      .from(auditLog)
      .where(and(eq(auditLog.targetType, "question"), eq(auditLog.targetId, String(id))))
      .orderBy(auditLog.id)
      .all();
    expect(log).toEqual([
      { action: "question.closed", actorId: leader.id },
      { action: "question.reopened", actorId: leader.id },
    ]);
    expect(setQuestionStatus(as(leader), 987_654, "closed")).toEqual({ ok: false, reason: "not_found" });
  });

  it("hides questions of a concept cycle from everyone but project leaders", () => {
    const cycleId = makeCycle("concept");
    const { id } = ask({ cycleId, kind: "open" });
    expect(getQuestionPage(null, id)).toBeNull();
    expect(getQuestionPage(as(residents[0]!), id)).toBeNull();
    expect(getQuestionPage(as(leader), id)?.card.id).toBe(id);
    expect(listQuestionCards({ cycleId, viewer: as(residents[0]!) })).toEqual([]);
    expect(listQuestionCards({ cycleId, viewer: as(leader) })).toHaveLength(1);
  });

  it("lists the cards of a post in the order asked", () => {
    const cycleId = makeCycle("meedenken");
    const post = makePost(cycleId);
    const first = ask({ cycleId, kind: "open", postId: post.id, prompt: "Eerste vraag hier" });
    const second = ask({ cycleId, kind: "open", postId: post.id, prompt: "Tweede vraag hier" });
    ask({ cycleId, kind: "open", prompt: "Niet in het bericht" });
    const cards = listQuestionCards({ postId: post.id, viewer: null });
    expect(cards.map((card) => card.id)).toEqual([first.id, second.id]);
    expect(cards[0]!.post).toEqual({ slug: post.slug, title: expect.any(String) });
  });

  it("lists open questions that can be answered now, newest first, with whether the viewer answered", () => {
    const running = makeCycle("meedenken");
    const older = ask({ cycleId: running, kind: "open", prompt: "Oudere open vraag" });
    const newer = ask({ cycleId: running, kind: "open", prompt: "Nieuwere open vraag" });
    getDb().update(questions).set({ createdAt: new Date(Date.now() + 60_000) }).where(eq(questions.id, newer.id)).run();
    const closed = ask({ cycleId: running, kind: "open", prompt: "Gesloten vraag hier" });
    setQuestionStatus(as(leader), closed.id, "closed");
    const concept = ask({ cycleId: makeCycle("concept"), kind: "open", prompt: "Vraag in concept" });
    answerQuestion(as(residents[3]!), older.id, { text: "Mijn antwoord", optionIds: [] });

    const list = listOpenQuestions({ viewer: as(residents[3]!), limit: 50 });
    const ids = list.map((item) => item.id);
    expect(ids.indexOf(newer.id)).toBeLessThan(ids.indexOf(older.id));
    expect(ids).not.toContain(closed.id);
    expect(ids).not.toContain(concept.id);
    expect(list.find((item) => item.id === older.id)).toMatchObject({ answered: true, respondents: 1 });
    expect(list.find((item) => item.id === newer.id)).toMatchObject({ answered: false, respondents: 0 });
    expect(listOpenQuestions({ viewer: null, limit: 1 })).toHaveLength(1);
  });

  it("counts with indexed GROUP BY queries", () => {
    const plan = (query: { toSQL(): { sql: string; params: unknown[] } }) => {
      const { sql: text, params } = query.toSQL();
      return getDb()
        .$client.prepare(`EXPLAIN QUERY PLAN ${text}`)
        .all(...params)
        .map((row) => (row as { detail: string }).detail)
        .join("\n");
    };
    expect(plan(respondentCountsQuery([1, 2]))).toMatch(/USING COVERING INDEX answers_question_user_unique/);
    expect(plan(optionCountsQuery([1, 2]))).toMatch(/USING COVERING INDEX answer_choices_option_idx/);
  });
});

describe("CSV export", () => {
  it("has a header, one row per answer, labels joined with '; ', and is safe for spreadsheets", async () => {
    const cycleId = makeCycle("meedenken");
    const open = ask({ cycleId, kind: "open", prompt: "Wat wilt u zelf doen?" });
    const formula = await createUser({ displayName: "-Piet" });
    answerQuestion(as(residents[0]!), open.id, { text: "=SUM(A1)", optionIds: [] }, new Date("2026-02-01T10:00:00Z"));
    answerQuestion(as(residents[1]!), open.id, { text: 'Hij zei "kom mee" en ging', optionIds: [] }, new Date("2026-02-01T11:00:00Z"));
    answerQuestion(as(residents[2]!), open.id, { text: "Regel een\nregel twee, met komma", optionIds: [] }, new Date("2026-02-01T12:00:00Z"));
    answerQuestion(as(formula), open.id, { text: "@dag\tmet tab", optionIds: [] }, new Date("2026-02-01T13:00:00Z"));

    const result = exportAnswersCsv(as(leader), open.id, "nl");
    if (!result.ok) throw new Error(result.reason);
    expect(result.filename).toBe(`vraag-${open.id}-antwoorden.csv`);
    expect(result.body.startsWith("\uFEFF")).toBe(true);
    const lines = result.body.slice(1).split("\r\n");
    expect(lines[0]).toBe("vraag,naam,antwoord,beantwoord op,moderatie");
    expect(lines[1]).toBe("Wat wilt u zelf doen?,Sanne,'=SUM(A1),2026-02-01T10:00:00.000Z,zichtbaar");
    expect(lines[2]).toBe('Wat wilt u zelf doen?,Ingrid,"Hij zei ""kom mee"" en ging",2026-02-01T11:00:00.000Z,zichtbaar');
    // A newline inside a cell is kept, inside quotes; records end with CRLF.
    expect(lines[3]).toBe('Wat wilt u zelf doen?,Youssef,"Regel een\nregel twee, met komma",2026-02-01T12:00:00.000Z,zichtbaar');
    expect(lines[4]).toBe("Wat wilt u zelf doen?,'-Piet,'@dag\tmet tab,2026-02-01T13:00:00.000Z,zichtbaar");
    expect(lines[5]).toBe("");
    expect(lines).toHaveLength(6);

    const choice = ask({ cycleId, kind: "multiple", options: ["+31 avond", "Nacht"], prompt: "Wanneer is het eng?" });
    answerQuestion(as(residents[3]!), choice.id, { text: "", optionIds: [choice.options[1]!, choice.options[0]!] }, new Date("2026-02-02T10:00:00Z"));
    const csv = exportAnswersCsv(as(leader), choice.id, "en");
    if (!csv.ok) throw new Error(csv.reason);
    expect(csv.body.slice(1).split("\r\n").slice(0, 2)).toEqual([
      "question,name,answer,answered at,moderation",
      `Wanneer is het eng?,Annemarie,"'+31 avond; Nacht",2026-02-02T10:00:00.000Z,visible`,
    ]);
  });

  it("is for project leaders only", () => {
    const { id } = ask({ cycleId: makeCycle("meedenken"), kind: "open" });
    expect(exportAnswersCsv(as(residents[0]!), id, "nl")).toEqual({ ok: false, reason: "forbidden" });
    expect(exportAnswersCsv(as(official), id, "nl")).toEqual({ ok: false, reason: "forbidden" });
    expect(exportAnswersCsv(as(leader), 987_654, "nl")).toEqual({ ok: false, reason: "not_found" });
  });
});

describe("one answer per person, in the database", () => {
  it("the unique index refuses a second row for the same person and question", () => {
    const { id } = ask({ cycleId: makeCycle("meedenken"), kind: "open" });
    answerQuestion(as(residents[0]!), id, { text: "Eerste", optionIds: [] });
    const now = new Date();
    expect(() =>
      getDb().insert(answers).values({ questionId: id, userId: residents[0]!.id, text: "Dubbel", createdAt: now, updatedAt: now }).run(),
    ).toThrow(/UNIQUE/);
    expect(getDb().select({ n: sql<number>`count(*)` }).from(answers).where(eq(answers.questionId, id)).get()!.n).toBe(1);
  });
});
