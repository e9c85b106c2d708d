/**
 * Moderation of what participants write (issue 6), for knelpunten, measures
 * and open answers: the gate (code of conduct, wording check, screening)
 * when they are written, and what every list, page, report and open data
 * export shows of a held, flagged or hidden text to whom.
 */
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { answers, codeOfConductAcceptances, cycles, knelpunten, measures, moderationCases, users } from "#db/schema";
import type { Phase } from "~/domain/cycles/policy";
import { escalateKnelpunt } from "~/domain/escalation/escalation.server";
import {
  countKnelpuntenByStatus,
  getKnelpuntPage,
  knelpuntListQuery,
  knelpuntWijken,
  listKnelpuntPoints,
  listKnelpunten,
  reportKnelpunt,
} from "~/domain/knelpunten/knelpunten.server";
import { knelpuntSchema } from "~/domain/knelpunten/schemas";
import { adoptMeasure, knelpuntOfMeasure, proposeMeasure, supportMeasure, volunteerForMeasure } from "~/domain/measures/measures.server";
import { measureSchema } from "~/domain/measures/schemas";
import { CODE_OF_CONDUCT_VERSION } from "~/domain/moderation/code-of-conduct";
import { NO_CONTRIBUTION_INPUT, type ContributionInput } from "~/domain/moderation/gate.server";
import { approveParticipant, decide, flagText } from "~/domain/moderation/moderation.server";
import { askQuestion, answerQuestion, exportAnswersCsv, getQuestionPage, listQuestionCards, setQuestionStatus } from "~/domain/questions/questions.server";
import { questionSchema } from "~/domain/questions/schemas";
import { cycleOpenData, cycleReport } from "~/domain/reports/report.server";
import { answerKnelpunt, getReviewPage, listPublicAnswers, listReviewQueue } from "~/domain/review/review.server";
import { createUser, type TestUser } from "../support/factories";

const PROFILING = "Er hangen altijd Marokkaanse jongens bij de tunnel.";
const WORD = "Marokkaanse";
const POST_ANYWAY: ContributionInput = { postAnyway: true, acceptCode: false };

function makeCycle(phase: Phase, settings: { screening?: boolean } = {}): number {
  const now = new Date();
  return getDb()
    .insert(cycles)
    .values({
      slug: `ronde-${randomUUID()}`,
      title: "Moderatieronde",
      theme: "Tunnels",
      phase,
      wijken: ["Oosterparkwijk"],
      supportLimit: 0,
      supportThreshold: 1,
      minVolunteers: 0,
      screening: settings.screening ?? false,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: cycles.id })
    .get().id;
}

const cycleRow = (id: number) => getDb().select().from(cycles).where(eq(cycles.id, id)).get()!;
const setPhase = (cycleId: number, phase: Phase) => getDb().update(cycles).set({ phase }).where(eq(cycles.id, cycleId)).run();
const caseOf = (type: "knelpunt" | "measure" | "answer", id: number) =>
  getDb()
    .select()
    .from(moderationCases)
    .where(and(eq(moderationCases.targetType, type), eq(moderationCases.targetId, id)))
    .get();

const knelpuntForm = (extra: Record<string, string> = {}) =>
  knelpuntSchema.parse({
    title: "Jongeren bij de fietstunnel",
    description: "Het is er 's avonds onrustig en donker.",
    wijk: "Oosterparkwijk",
    locationText: "Tunnel onder de Europaweg",
    lat: "53.21",
    lng: "6.58",
    ...extra,
  });

function report(who: TestUser, cycleId: number, extra: Record<string, string> = {}, contribution = NO_CONTRIBUTION_INPUT) {
  const result = reportKnelpunt(who, cycleId, knelpuntForm(extra), new Date(), contribution);
  if (!result.ok) throw new Error(`report: ${result.reason}`);
  return result;
}

const selfHelp = (description = "We lopen 's avonds samen door de tunnel.") =>
  measureSchema.parse({ kind: "zelf", title: "Samen door de tunnel", description });

/** Everything a viewer can get about a cycle's knelpunten, as one string (to look for words). */
function everythingFor(viewer: TestUser | null, cycleId: number, knelpuntId: number): string {
  const who = viewer ? { id: viewer.id, role: viewer.role } : null;
  return JSON.stringify([
    listKnelpunten({ cycleId, viewer: who }),
    listKnelpuntPoints({ cycleId, viewer: who }),
    knelpuntWijken(cycleId, who),
    getKnelpuntPage(knelpuntId, who),
  ]);
}

const openData = (cycleId: number) => JSON.stringify(cycleOpenData(cycleRow(cycleId)));

let author: TestUser;
let other: TestUser;
let leader: TestUser;
let official: TestUser;

beforeAll(async () => {
  author = await createUser({ role: "bewoner", displayName: "Schrijver" });
  other = await createUser({ role: "bewoner", displayName: "Buurvrouw" });
  leader = await createUser({ role: "projectleider", displayName: "Projectleider" });
  official = await createUser({ role: "ambtenaar", displayName: "Ambtenaar", organisation: "Gemeente" });
});

describe("a knelpunt with words about origin", () => {
  it("is refused with the words, and nothing is saved", () => {
    const cycleId = makeCycle("meedenken");
    const result = reportKnelpunt(author, cycleId, knelpuntForm({ description: PROFILING }));
    expect(result).toEqual({ ok: false, reason: "wording", words: [WORD] });
    expect(getDb().select().from(knelpunten).where(eq(knelpunten.cycleId, cycleId)).all()).toEqual([]);
  });

  it("posted anyway: saved as held with an open case, seen only by its author and project leaders", () => {
    const cycleId = makeCycle("meedenken");
    const visible = report(other, cycleId, { title: "Kapotte lamp bij het plein" }).id;
    const result = report(author, cycleId, { description: PROFILING, wijk: "Wijk van de schrijver" }, POST_ANYWAY);
    expect(result.held).toBe(true);
    const id = result.id;
    expect(getDb().select().from(knelpunten).where(eq(knelpunten.id, id)).get()).toMatchObject({ moderation: "held", description: PROFILING });
    expect(caseOf("knelpunt", id)).toMatchObject({ state: "held", heldFor: "wording", open: true, authorId: author.id, matchedWords: [WORD] });

    // Another resident and a visitor: not in any list, no page, not counted, not in the open data or report.
    for (const viewer of [other, null]) {
      const all = everythingFor(viewer, cycleId, id);
      expect(all).not.toContain(WORD);
      expect(all).not.toContain("Wijk van de schrijver");
      expect(listKnelpunten({ cycleId, viewer }).rows.map((row) => row.id)).toEqual([visible]);
      expect(listKnelpuntPoints({ cycleId, viewer }).points.map((point) => point.id)).toEqual([visible]);
      expect(getKnelpuntPage(id, viewer)).toBeNull();
    }
    expect(countKnelpuntenByStatus(cycleId)).toEqual({ open: 1 });
    expect(openData(cycleId)).not.toContain(WORD);
    expect(cycleOpenData(cycleRow(cycleId)).knelpunten.map((k) => (k as Record<string, unknown>).id)).toEqual([visible]);
    expect(cycleReport({ id: cycleId })).toMatchObject({ knelpunten: 1, participants: 1 });

    // Its author: in the list (with the notice) and on its page, told why it waits.
    const mine = listKnelpunten({ cycleId, viewer: author }).rows.find((row) => row.id === id)!;
    expect(mine).toMatchObject({ title: "Jongeren bij de fietstunnel", moderation: { state: "held", shown: true } });
    expect(countKnelpuntenByStatus(cycleId, author)).toEqual({ open: 2 });
    const page = getKnelpuntPage(id, author)!;
    expect(page.knelpunt).toMatchObject({ description: PROFILING, moderation: { state: "held", heldFor: "wording", shown: true, flaggable: false } });
    // A project leader too.
    expect(getKnelpuntPage(id, leader)!.knelpunt).toMatchObject({ description: PROFILING, moderation: { state: "held", heldFor: "wording" } });
    expect(listKnelpunten({ cycleId, viewer: leader }).rows).toHaveLength(2);

    // Nobody builds on it until a project leader decides.
    setPhase(cycleId, "zelf_doen");
    expect(proposeMeasure(other, id, selfHelp())).toMatchObject({ ok: false, reason: "not_found" });
    expect(proposeMeasure(author, id, selfHelp())).toMatchObject({ ok: false, reason: "moderated" });
    expect(getKnelpuntPage(id, author)!.can.proposeSelfHelp).toMatchObject({ allowed: false, reason: "moderated" });
    expect(
      escalateKnelpunt(leader, id, { explanation: "Dit moet de gemeente oppakken.", stillUnsafe: false, fastTrackReason: "Acuut gevaar door glas." }),
    ).toMatchObject({ ok: false, reason: "held", message: "escalation.refusal.held" });
    expect(getKnelpuntPage(id, leader)!.can.escalate).toMatchObject({ available: false, reason: "held" });

    // Approved: public.
    expect(decide(leader, { type: "knelpunt", id }, "approve", null)).toEqual({ ok: true });
    expect(getKnelpuntPage(id, other)!.knelpunt).toMatchObject({ description: PROFILING, moderation: { state: "visible", flaggable: true } });
    expect(countKnelpuntenByStatus(cycleId)).toEqual({ open: 2 });
  });
});

describe("the list's condition on held knelpunten", () => {
  it("rides along on the cycle indexes, for visitors, residents and project leaders", () => {
    const cycleId = makeCycle("meedenken");
    for (const viewer of [null, { id: other.id, role: other.role }, { id: leader.id, role: leader.role }]) {
      for (const filter of [{}, { status: "open" as const }, { wijk: "Oosterparkwijk" }]) {
        for (const sort of ["newest", "support"] as const) {
          const query = knelpuntListQuery({ cycleId, viewer, ...filter, sort }, 1).toSQL();
          const plan = getDb()
            .$client.prepare(`EXPLAIN QUERY PLAN ${query.sql}`)
            .all(...(query.params as unknown[]))
            .map((row) => (row as { detail: string }).detail)
            .join("\n");
          expect(plan).toMatch(/USING INDEX knelpunten_cycle_/);
          expect(plan).not.toMatch(/TEMP B-TREE/);
        }
      }
    }
  });
});

describe("a measure with words about origin", () => {
  it("is refused, then held when posted anyway: invisible to others, and cannot gather support", () => {
    const cycleId = makeCycle("zelf_doen");
    const knelpuntId = report(other, cycleId).id;
    expect(proposeMeasure(author, knelpuntId, selfHelp(PROFILING))).toEqual({ ok: false, reason: "wording", words: [WORD] });
    expect(getDb().select().from(measures).where(eq(measures.knelpuntId, knelpuntId)).all()).toEqual([]);

    const result = proposeMeasure(author, knelpuntId, selfHelp(PROFILING), new Date(), POST_ANYWAY);
    if (!result.ok) throw new Error(result.reason);
    expect(result.held).toBe(true);
    const id = result.id;
    expect(caseOf("measure", id)).toMatchObject({ state: "held", heldFor: "wording", open: true });

    for (const viewer of [other, null]) {
      const page = getKnelpuntPage(knelpuntId, viewer)!;
      expect(page.selfHelpMeasures).toEqual([]);
      expect(JSON.stringify(page)).not.toContain(WORD);
      expect(knelpuntOfMeasure(viewer, id)).toBeNull();
    }
    expect(openData(cycleId)).not.toContain(WORD);
    expect(cycleOpenData(cycleRow(cycleId)).measures).toEqual([]);
    expect(supportMeasure(other, id)).toMatchObject({ ok: false, reason: "not_found" });
    expect(volunteerForMeasure(other, id)).toMatchObject({ ok: false, reason: "not_found" });
    expect(adoptMeasure(leader, id)).toMatchObject({ ok: false, reason: "moderated", message: "measure.refusal.moderated" });

    const own = getKnelpuntPage(knelpuntId, author)!.selfHelpMeasures;
    expect(own).toMatchObject([{ id, descriptionHtml: expect.stringContaining(PROFILING), moderation: { state: "held", heldFor: "wording", shown: true } }]);
    expect(own[0]!.can.support).toMatchObject({ allowed: false, reason: "not_visible" });
    expect(getKnelpuntPage(knelpuntId, leader)!.selfHelpMeasures).toMatchObject([{ id, moderation: { state: "held", heldFor: "wording" } }]);
    expect(knelpuntOfMeasure(author, id)).toBe(knelpuntId);
  });
});

describe("an open answer with words about origin", () => {
  function ask(cycleId: number, kind: "open" | "single" = "open") {
    const parsed = questionSchema.parse({
      cycleId: String(cycleId),
      prompt: "Wat maakt de tunnel onveilig?",
      description: "",
      kind,
      options: kind === "open" ? "" : "Ja\nNee",
      postId: "",
    });
    const result = askQuestion({ id: leader.id, role: leader.role }, parsed);
    if (!result.ok) throw new Error(result.reason);
    return result.id;
  }

  it("is refused, then held when posted anyway; an edit without the words releases it", () => {
    const cycleId = makeCycle("meedenken");
    const questionId = ask(cycleId);
    expect(answerQuestion(author, questionId, { text: PROFILING, optionIds: [] })).toEqual({ ok: false, reason: "wording", words: [WORD] });
    expect(getDb().select().from(answers).where(eq(answers.questionId, questionId)).all()).toEqual([]);

    answerQuestion(other, questionId, { text: "De lampen zijn vaak kapot.", optionIds: [] });
    const result = answerQuestion(author, questionId, { text: PROFILING, optionIds: [] }, new Date(), POST_ANYWAY);
    expect(result).toEqual({ ok: true, changed: false, held: true });
    const answer = getDb().select().from(answers).where(and(eq(answers.questionId, questionId), eq(answers.userId, author.id))).get()!;
    expect(answer.moderation).toBe("held");
    expect(caseOf("answer", answer.id)).toMatchObject({ state: "held", heldFor: "wording", open: true });

    // Results are public once the question is closed.
    setQuestionStatus({ id: leader.id, role: leader.role }, questionId, "closed");
    for (const viewer of [other, null]) {
      const who = viewer ? { id: viewer.id, role: viewer.role } : null;
      const card = getQuestionPage(who, questionId)!.card;
      expect(card.results!.answers!.rows.map((row) => row.id)).not.toContain(answer.id);
      expect(JSON.stringify(card)).not.toContain(WORD);
      expect(JSON.stringify(listQuestionCards({ cycleId, viewer: who }))).not.toContain(WORD);
    }
    const mine = getQuestionPage({ id: author.id, role: author.role }, questionId)!.card;
    expect(mine.myAnswer).toMatchObject({ text: PROFILING, moderation: { state: "held", heldFor: "wording" } });
    expect(mine.results!.answers!.rows.find((row) => row.id === answer.id)).toMatchObject({
      text: PROFILING,
      own: true,
      moderation: { state: "held", heldFor: "wording", shown: true, flaggable: false },
    });
    const leaderCard = getQuestionPage({ id: leader.id, role: leader.role }, questionId)!.card;
    expect(leaderCard.results!.answers!.rows.find((row) => row.id === answer.id)).toMatchObject({ text: PROFILING, moderation: { state: "held" } });
    // The leaders' CSV has every answer, with its state.
    const csv = exportAnswersCsv({ id: leader.id, role: leader.role }, questionId, "nl");
    expect(csv.ok && csv.body).toContain(`${PROFILING},2`);
    expect(csv.ok && csv.body).toContain("wacht op goedkeuring");

    // Changed without the words: public again, the case closes.
    setQuestionStatus({ id: leader.id, role: leader.role }, questionId, "open");
    expect(answerQuestion(author, questionId, { text: "Het is er erg donker.", optionIds: [] })).toEqual({ ok: true, changed: true, held: false });
    expect(getDb().select().from(answers).where(eq(answers.id, answer.id)).get()!.moderation).toBe("visible");
    expect(caseOf("answer", answer.id)).toMatchObject({ state: "visible", open: false });
  });

  it("a choice has no words: never held, also in a screening cycle, but the code of conduct applies", async () => {
    const cycleId = makeCycle("meedenken", { screening: true });
    const questionId = ask(cycleId, "single");
    const card = getQuestionPage(null, questionId)!.card;
    const newcomer = await createUser({ role: "bewoner", displayName: "Nieuw" });
    expect(answerQuestion(newcomer, questionId, { text: "", optionIds: [card.options[0]!.id] })).toEqual({ ok: true, changed: false, held: false });
    getDb().update(users).set({ codeOfConductVersion: 1 }).where(eq(users.id, newcomer.id)).run();
    expect(answerQuestion(newcomer, questionId, { text: "", optionIds: [card.options[1]!.id] })).toEqual({ ok: false, reason: "code_of_conduct" });
  });
});

describe("the code of conduct", () => {
  it("someone who accepted an older version is refused until they accept the current one", async () => {
    const cycleId = makeCycle("zelf_doen");
    const person = await createUser({ role: "bewoner", displayName: "Oude versie" });
    getDb().update(users).set({ codeOfConductVersion: 1 }).where(eq(users.id, person.id)).run();
    expect(reportKnelpunt(person, cycleId, knelpuntForm())).toEqual({ ok: false, reason: "code_of_conduct" });
    expect(getDb().select().from(knelpunten).where(eq(knelpunten.cycleId, cycleId)).all()).toEqual([]);
    const knelpuntId = report(other, cycleId).id;
    expect(proposeMeasure(person, knelpuntId, selfHelp())).toEqual({ ok: false, reason: "code_of_conduct" });

    const result = reportKnelpunt(person, cycleId, knelpuntForm(), new Date(), { postAnyway: false, acceptCode: true });
    expect(result).toMatchObject({ ok: true, held: false });
    expect(getDb().select().from(codeOfConductAcceptances).where(eq(codeOfConductAcceptances.userId, person.id)).all()).toMatchObject([
      { version: CODE_OF_CONDUCT_VERSION },
    ]);
    expect(getDb().select().from(users).where(eq(users.id, person.id)).get()!.codeOfConductVersion).toBe(CODE_OF_CONDUCT_VERSION);
    expect(proposeMeasure(person, knelpuntId, selfHelp())).toMatchObject({ ok: true, held: false });
  });
});

describe("screening", () => {
  it("holds a new resident's knelpunt until a project leader approves them; after that they are public at once", async () => {
    const cycleId = makeCycle("meedenken", { screening: true });
    const newcomer = await createUser({ role: "bewoner", displayName: "Nieuwkomer" });
    const first = report(newcomer, cycleId, { title: "Eerste melding nieuwkomer" });
    expect(first.held).toBe(true);
    expect(caseOf("knelpunt", first.id)).toMatchObject({ state: "held", heldFor: "screening", open: true });
    expect(getKnelpuntPage(first.id, newcomer)!.knelpunt.moderation).toMatchObject({ state: "held", heldFor: "screening" });
    expect(getKnelpuntPage(first.id, other)).toBeNull();
    expect(everythingFor(other, cycleId, first.id)).not.toContain("Eerste melding nieuwkomer");
    expect(openData(cycleId)).not.toContain("Eerste melding nieuwkomer");

    expect(approveParticipant(leader, newcomer.id)).toEqual({ ok: true, released: 1 });
    expect(getKnelpuntPage(first.id, other)!.knelpunt).toMatchObject({ title: "Eerste melding nieuwkomer", moderation: { state: "visible" } });
    const second = report(newcomer, cycleId, { title: "Tweede melding nieuwkomer" });
    expect(second.held).toBe(false);
    expect(listKnelpunten({ cycleId, viewer: other }).rows.map((row) => row.title)).toEqual(["Tweede melding nieuwkomer", "Eerste melding nieuwkomer"]);
  });
});

describe("flagged by three people", () => {
  it("a flagged knelpunt is listed without its words until a project leader decides", async () => {
    const cycleId = makeCycle("meedenken");
    const id = report(author, cycleId, { title: "Gemelde titel", description: "Gemelde beschrijving hier." }).id;
    const flaggers = await Promise.all([1, 2, 3].map((n) => createUser({ role: "bewoner", displayName: `Melder ${n}` })));
    for (const flagger of flaggers) flagText(flagger, { type: "knelpunt", id }, { reason: "accusation", note: null });
    expect(getDb().select().from(knelpunten).where(eq(knelpunten.id, id)).get()!.moderation).toBe("flagged");
    for (const viewer of [other, null]) {
      expect(everythingFor(viewer, cycleId, id)).not.toContain("Gemelde");
      expect(getKnelpuntPage(id, viewer)!.knelpunt).toMatchObject({ title: "", moderation: { state: "flagged", shown: false, reason: null } });
    }
    expect(openData(cycleId)).not.toContain("Gemelde");
    expect(decide(leader, { type: "knelpunt", id }, "approve", null)).toEqual({ ok: true });
    expect(getKnelpuntPage(id, other)!.knelpunt).toMatchObject({ title: "Gemelde titel", moderation: { state: "visible" } });
  });
});

describe("hidden by a moderator", () => {
  const SECRET = "Woorden die niemand meer mag lezen";

  it("other viewers get the notice instead of the words, everywhere; it still counts", () => {
    const cycleId = makeCycle("zelf_doen");
    const id = report(author, cycleId, { title: "Tunnel bij het station", description: SECRET, locationText: "Achter huisnummer 12" }).id;
    const measure = proposeMeasure(other, id, measureSchema.parse({ kind: "zelf", title: "Titel die weg moet", description: "Uitleg die weg moet." }));
    if (!measure.ok) throw new Error(measure.reason);
    expect(decide(leader, { type: "knelpunt", id }, "hide", "Iemand is te herkennen.")).toEqual({ ok: true });
    expect(decide(leader, { type: "measure", id: measure.id }, "hide", "Niet volgens de gedragscode.")).toEqual({ ok: true });

    for (const viewer of [other, null, author, leader]) {
      const all = everythingFor(viewer, cycleId, id);
      expect(all).not.toContain(SECRET);
      expect(all).not.toContain("Tunnel bij het station");
      expect(all).not.toContain("Achter huisnummer 12");
      expect(all).not.toContain("Titel die weg moet");
    }
    const page = getKnelpuntPage(id, other)!;
    expect(page.knelpunt).toMatchObject({
      title: "",
      description: "",
      descriptionHtml: "",
      locationText: "",
      lat: null,
      moderation: { state: "hidden", reason: "Iemand is te herkennen.", shown: false, flaggable: false },
    });
    // Its measures stay, without the words of a hidden one; a hidden measure gathers no support.
    expect(page.selfHelpMeasures).toMatchObject([{ id: measure.id, title: "", descriptionHtml: "", moderation: { state: "hidden", shown: false } }]);
    expect(supportMeasure(author, measure.id)).toMatchObject({ ok: false, reason: "not_found" });
    expect(listKnelpunten({ cycleId, viewer: other }).rows).toMatchObject([{ id, title: "", locationText: "", hasPoint: false, moderation: { state: "hidden" } }]);
    expect(listKnelpuntPoints({ cycleId }).points).toEqual([]);
    expect(countKnelpuntenByStatus(cycleId)).toEqual({ open: 1 });

    const data = openData(cycleId);
    for (const words of [SECRET, "Tunnel bij het station", "Achter huisnummer 12", "Titel die weg moet", "Uitleg die weg moet"]) {
      expect(data).not.toContain(words);
    }
    expect(cycleOpenData(cycleRow(cycleId)).knelpunten).toMatchObject([
      { id, title: null, description: null, locationText: null, lat: null, moderation: "hidden", moderationReason: "Iemand is te herkennen." },
    ]);
    expect(cycleOpenData(cycleRow(cycleId)).measures).toMatchObject([{ id: measure.id, title: null, description: null, moderation: "hidden" }]);
    expect(cycleReport({ id: cycleId }).knelpunten).toBe(1);
  });

  it("an escalated knelpunt hidden later shows officials the notice, and the report no title", () => {
    const cycleId = makeCycle("opschalen");
    const id = report(author, cycleId, { title: "Titel voor de gemeente", description: SECRET }).id;
    expect(escalateKnelpunt(leader, id, { explanation: "Bewoners kunnen dit niet zelf.", stillUnsafe: false, fastTrackReason: null })).toMatchObject({ ok: true });
    expect(answerKnelpunt(official, id, { decision: "in_behandeling", explanation: "We kijken ernaar met de wijkagent." })).toMatchObject({ ok: true });
    expect(decide(leader, { type: "knelpunt", id }, "hide", "Beschuldigt iemand.")).toEqual({ ok: true });

    const officialActor = { id: official.id, role: official.role };
    const review = getReviewPage(id, officialActor)!;
    expect(review.page.knelpunt).toMatchObject({ title: "", descriptionHtml: "", moderation: { state: "hidden", reason: "Beschuldigt iemand." } });
    expect(JSON.stringify(review)).not.toContain(SECRET);
    expect(listReviewQueue(officialActor, { filter: "in_behandeling", cycleId }).rows).toMatchObject([{ id, title: "", titleShown: false }]);
    const answersList = listPublicAnswers(null).rows.filter((row) => row.knelpunt.id === id);
    expect(answersList).toMatchObject([{ knelpunt: { title: "", titleShown: false } }]);
    expect(cycleReport({ id: cycleId }).answers).toMatchObject([{ knelpuntId: id, title: null }]);
    expect(openData(cycleId)).not.toContain("Titel voor de gemeente");
  });

  it("a hidden open answer shows the notice to others; the author keeps their own text to change", () => {
    const cycleId = makeCycle("meedenken");
    const parsed = questionSchema.parse({ cycleId: String(cycleId), prompt: "Wat valt u op?", description: "", kind: "open", options: "", postId: "" });
    const asked = askQuestion({ id: leader.id, role: leader.role }, parsed);
    if (!asked.ok) throw new Error(asked.reason);
    answerQuestion(author, asked.id, { text: SECRET, optionIds: [] });
    const answerId = getDb().select().from(answers).where(eq(answers.questionId, asked.id)).get()!.id;
    expect(decide(leader, { type: "answer", id: answerId }, "hide", "Te persoonlijk.")).toEqual({ ok: true });
    setQuestionStatus({ id: leader.id, role: leader.role }, asked.id, "closed");
    const card = getQuestionPage({ id: other.id, role: other.role }, asked.id)!.card;
    expect(card.results!.answers!.rows).toMatchObject([{ id: answerId, text: "", moderation: { state: "hidden", reason: "Te persoonlijk.", shown: false } }]);
    expect(JSON.stringify(card)).not.toContain(SECRET);
    const csv = exportAnswersCsv({ id: leader.id, role: leader.role }, asked.id, "nl");
    expect(csv.ok && csv.body).toContain("verborgen door de moderator: Te persoonlijk.");
    // Changing it does not undo the moderator's decision.
    setQuestionStatus({ id: leader.id, role: leader.role }, asked.id, "open");
    expect(answerQuestion(author, asked.id, { text: "Iets anders nu.", optionIds: [] })).toMatchObject({ ok: true, held: false });
    expect(getDb().select().from(answers).where(eq(answers.id, answerId)).get()!.moderation).toBe("hidden");
  });
});
