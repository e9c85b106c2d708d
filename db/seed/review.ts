/**
 * Demo data for the officials' review, after seedKnelpunten. Everything as
 * the commands would have written it (status + timeline row + audit row):
 *
 * - "Onderdoorgang station Noord" (fast-tracked by seedKnelpunten): the
 *   municipality's official takes it in hand (in_behandeling), then promises
 *   it (toegezegd) with the responsible department and an expected date;
 * - "Zaagmuldersweg": its self-help measure did not go ahead, so the project
 *   leader fast-tracks it (the cycle is in zelf_doen, so only with a public
 *   reason, as escalationDecision requires); the police decline it with a reason;
 * - "Speeltuin in De Hoogte" and "Pad door het Noorderplantsoen" are
 *   fast-tracked too and wait in the queue, unanswered;
 * - the municipality's official has one answer template.
 *
 * Texts describe behaviour, time and place, never anyone's origin or appearance.
 */
import { and, eq } from "drizzle-orm";
import type { KnelpuntStatus } from "../../app/domain/knelpunten/statuses";
import { escalationDecision } from "../../app/domain/escalation/policy";
import { selfHelpOutcome } from "../../app/domain/measures/policy";
import { amsterdamDay, type AnswerDecision } from "../../app/domain/review/policy";
import { answerTemplates, auditLog, knelpuntStatusChanges, knelpunten, measures, users } from "../schema";
import { daysAgo, type SeedContext } from "./context";

const CYCLE = "enge-fietstunnels";
const LEADER = "projectleider@veranderlab.test";
const MUNICIPALITY = "ambtenaar@veranderlab.test";
const POLICE = "politie@veranderlab.test";

type Escalation = { title: string; daysAgo: number; explanation: string; fastTrackReason: string };

const ESCALATIONS: Escalation[] = [
  {
    title: "Zaagmuldersweg: lege bedrijfsstraat na 18.00 uur",
    daysAgo: 6,
    explanation:
      "Bewoners vroegen de bedrijven hun buitenlampen aan te laten, maar dat gaat niet door. Er is meer licht nodig, en er moet gekeken worden naar auto's die te hard rijden.",
    fastTrackReason:
      "Er rijden 's avonds auto's met hoge snelheid door de lege straat. Vorige week is een fietser rond 19.00 uur bijna aangereden. Dit kan niet wachten tot de fase Opschalen.",
  },
  {
    title: "Speeltuin in De Hoogte na donker",
    daysAgo: 5,
    explanation:
      "Buurtouders willen op vrijdag- en zaterdagavond een rondje lopen, maar er wordt met vuurwerk gegooid. Dat kunnen bewoners niet alleen oplossen: er is toezicht nodig in het weekend.",
    fastTrackReason:
      "De afgelopen twee weekenden is na 23.00 uur vuurwerk gegooid naar mensen die langs de speeltuin liepen. Dit kan niet wachten tot de fase Opschalen.",
  },
  {
    title: "Pad door het Noorderplantsoen na donker",
    daysAgo: 2,
    explanation:
      "De avondronde met de hond is een goed begin, maar het pad heeft licht nodig en de bosjes langs het pad moeten gesnoeid worden. Dat kunnen bewoners niet zelf.",
    fastTrackReason:
      "Vorige week zijn op het pad twee mensen na 22.00 uur lastiggevallen en een stuk achtervolgd. Dit kan niet wachten tot de fase Opschalen.",
  },
];

type Answer = {
  title: string;
  official: string;
  decision: AnswerDecision;
  daysAgo: number;
  explanation: string;
  department?: string;
  /** toegezegd: days after now. */
  expectedInDays?: number;
};

const ANSWERS: Answer[] = [
  {
    title: "Onderdoorgang station Noord zonder licht",
    official: MUNICIPALITY,
    decision: "in_behandeling",
    daysAgo: 6,
    explanation:
      "Dank voor de melding. Een medewerker van Stadsbeheer gaat deze week kijken welke lampen kapot zijn. Het fietspad wordt vanaf nu twee keer per week geveegd.",
  },
  {
    title: "Onderdoorgang station Noord zonder licht",
    official: MUNICIPALITY,
    decision: "toegezegd",
    daysAgo: 3,
    explanation: [
      "We hebben gekeken: alle vier de lampen in de onderdoorgang zijn kapot. De kabel is beschadigd.",
      "",
      "- We vervangen de kabel en hangen nieuwe ledlampen op.",
      "- Tot die tijd staan er twee tijdelijke bouwlampen.",
      "- Het fietspad wordt twee keer per week geveegd.",
    ].join("\n"),
    department: "Stadsbeheer, team Verlichting",
    expectedInDays: 24,
  },
  {
    title: "Zaagmuldersweg: lege bedrijfsstraat na 18.00 uur",
    official: POLICE,
    decision: "afgewezen",
    daysAgo: 2,
    explanation: [
      "Wij hebben op vier avonden tussen 18.00 en 20.00 uur de snelheid gemeten. Bijna iedereen reed minder dan 50 kilometer per uur. Daarom zetten wij hier geen extra controles in.",
      "",
      "De vraag om meer licht in de straat hebben wij doorgegeven aan de gemeente. Ziet u iemand gevaarlijk rijden? Bel dan 0900-8844.",
    ].join("\n"),
  },
];

export function seedReview(context: SeedContext) {
  const { db, now } = context;
  const cycleId = context.cycles[CYCLE];
  const leader = context.users[LEADER];
  if (cycleId === undefined || !leader) return;
  const at = (days: number) => daysAgo(now, days);
  const find = (title: string) =>
    db
      .select({ id: knelpunten.id, status: knelpunten.status })
      .from(knelpunten)
      .where(and(eq(knelpunten.cycleId, cycleId), eq(knelpunten.title, title)))
      .get();

  const move = (knelpuntId: number, from: KnelpuntStatus, to: KnelpuntStatus, actorId: string, when: Date, extra: Partial<typeof knelpuntStatusChanges.$inferInsert>) => {
    const row = db
      .insert(knelpuntStatusChanges)
      .values({ knelpuntId, fromStatus: from, toStatus: to, actorId, createdAt: when, ...extra })
      .returning({ id: knelpuntStatusChanges.id })
      .get();
    db.update(knelpunten).set({ status: to, updatedAt: when }).where(eq(knelpunten.id, knelpuntId)).run();
    return row.id;
  };

  for (const escalation of ESCALATIONS) {
    const knelpunt = find(escalation.title);
    if (!knelpunt) continue;
    const selfHelp = selfHelpOutcome(db.select({ status: measures.status, kind: measures.kind }).from(measures).where(eq(measures.knelpuntId, knelpunt.id)).all());
    // The same rule the command applies: in zelf_doen only as a fast-track with a public reason.
    const decision = escalationDecision({
      role: "projectleider",
      knelpuntStatus: knelpunt.status,
      phase: "zelf_doen",
      selfHelp,
      stillUnsafe: false,
      fastTrackReason: escalation.fastTrackReason,
    });
    if (!decision.allowed) throw new Error(`seedReview: ${escalation.title} cannot be escalated (${decision.reason})`);
    const when = at(escalation.daysAgo);
    const { explanation, fastTrackReason } = escalation;
    move(knelpunt.id, knelpunt.status, "geescaleerd", leader, when, { explanation, fastTrackReason });
    db.update(knelpunten)
      .set({ escalatedAt: when, escalatedBy: leader, escalationExplanation: explanation, fastTrackReason })
      .where(eq(knelpunten.id, knelpunt.id))
      .run();
    db.insert(auditLog)
      .values({
        actorId: leader,
        action: "knelpunt.escalated",
        targetType: "knelpunt",
        targetId: String(knelpunt.id),
        reason: fastTrackReason,
        details: { from: knelpunt.status, phase: "zelf_doen", fastTrack: decision.fastTrack, stillUnsafe: false, selfHelp, explanation },
        createdAt: when,
      })
      .run();
  }

  for (const answer of ANSWERS) {
    const knelpunt = find(answer.title);
    const officialId = context.users[answer.official];
    if (!knelpunt || !officialId) continue;
    const organisation = db.select({ organisation: users.organisation }).from(users).where(eq(users.id, officialId)).get()?.organisation ?? null;
    const when = at(answer.daysAgo);
    const department = answer.department ?? null;
    const expectedDate = answer.expectedInDays !== undefined ? amsterdamDay(new Date(now.getTime() + answer.expectedInDays * 86_400_000)) : null;
    const statusChangeId = move(knelpunt.id, knelpunt.status, answer.decision, officialId, when, {
      explanation: answer.explanation,
      organisation,
      department,
      expectedDate,
    });
    db.insert(auditLog)
      .values({
        actorId: officialId,
        action: "knelpunt.answered",
        targetType: "knelpunt",
        targetId: String(knelpunt.id),
        reason: answer.explanation,
        details: { from: knelpunt.status, to: answer.decision, organisation, department, expectedDate, statusChangeId },
        createdAt: when,
      })
      .run();
  }

  const municipality = context.users[MUNICIPALITY];
  if (municipality) {
    db.insert(answerTemplates)
      .values({
        ownerId: municipality,
        title: "Doorgezet naar Stadsbeheer",
        body: "Dank voor de melding. We hebben de vraag doorgezet naar Stadsbeheer. Een medewerker komt binnen twee weken kijken. Daarna hoort u hier wat we gaan doen.",
        createdAt: at(20),
        updatedAt: at(20),
      })
      .run();
  }
}
