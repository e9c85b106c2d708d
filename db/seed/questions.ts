import { answerChoices, answers, questionOptions, questions } from "../schema";
import { daysAgo, type SeedContext } from "./context";

type DemoQuestion = {
  prompt: string;
  description: string;
  kind: "open" | "single" | "multiple";
  /** Slug of the post it is also shown in (attached only when the posts step made it). */
  post?: string;
  createdDaysAgo: number;
  /** Days ago it was closed; open when absent. */
  closedDaysAgo?: number;
  options?: string[];
  /** Answers by demo email: the text of an open answer, or the chosen option numbers (0-based). */
  answers: Array<{ email: string; daysAgo: number; text?: string; choices?: number[] }>;
};

/**
 * In "Enge fietstunnels": a closed multiple-choice question with results
 * (question 1), an open question (2) and a single-choice question (3) that
 * are still open. Sanne (bewoner@veranderlab.test) has answered only the
 * first, so she can answer the others in the demo and in browser tests.
 * Answers are about behaviour, time and place, never about anyone's origin.
 */
const DEMO_QUESTIONS: DemoQuestion[] = [
  {
    prompt: "Wanneer voelt de fietstunnel onder de ringweg het onveiligst?",
    description:
      "We willen weten op welke momenten u de tunnel liever vermijdt. Zo weten we wanneer het meeste nodig is. U kunt meer dan één antwoord kiezen.",
    kind: "multiple",
    post: "waarom-deze-ronde-over-fietstunnels",
    createdDaysAgo: 55,
    closedDaysAgo: 24,
    options: [
      "Op doordeweekse avonden na 22.00 uur",
      "In het weekend, 's nachts",
      "In de winter, als het om 17.00 uur al donker is",
      "Overdag, als er bijna niemand fietst",
      "Ik voel me er nooit onveilig",
    ],
    answers: [
      { email: "bewoner@veranderlab.test", daysAgo: 52, choices: [0, 2] },
      { email: "ingrid@veranderlab.test", daysAgo: 54, choices: [0, 1, 2] },
      { email: "youssef@veranderlab.test", daysAgo: 50, choices: [1] },
      { email: "annemarie@veranderlab.test", daysAgo: 47, choices: [2] },
      { email: "bart@veranderlab.test", daysAgo: 45, choices: [0, 1] },
      { email: "lotte@veranderlab.test", daysAgo: 40, choices: [2, 3] },
      { email: "henk@veranderlab.test", daysAgo: 33, choices: [4] },
      { email: "mila@veranderlab.test", daysAgo: 30, choices: [0, 2] },
    ],
  },
  {
    prompt: "Wat zou u zelf willen doen om de tunnels veiliger te maken?",
    description: [
      "In deze fase kijken we eerst naar wat bewoners **zelf** kunnen doen. Denk aan kleine dingen:",
      "",
      "- samen fietsen op vaste tijden;",
      "- de tunnel schoonmaken of opknappen;",
      "- melden wat er kapot is.",
    ].join("\n"),
    kind: "open",
    post: "wat-we-tot-nu-toe-hoorden",
    createdDaysAgo: 19,
    answers: [
      {
        email: "ingrid@veranderlab.test",
        daysAgo: 18,
        text: "Ik wil met een paar buren een fietsgroep maken. Wie 's avonds laat van het werk komt, stuurt een berichtje en dan fietsen we samen door de tunnel onder de ringweg.",
      },
      {
        email: "youssef@veranderlab.test",
        daysAgo: 16,
        text: "Met de jongens van de voetbalclub kunnen we op zaterdagochtend de graffiti weghalen en de tunnel vegen. Een schone tunnel voelt minder verlaten.",
      },
      {
        email: "annemarie@veranderlab.test",
        daysAgo: 12,
        text: "Ik loop elke avond rond negen uur met de hond. Dan kan ik door de tunnel lopen en een kapotte lamp meteen melden.",
      },
      {
        email: "bart@veranderlab.test",
        daysAgo: 9,
        text: "Samen met de basisschool een muurschildering maken in de onderdoorgang bij het station. Dan is de tunnel van de hele buurt.",
      },
      {
        email: "henk@veranderlab.test",
        daysAgo: 4,
        text: "Ik wil een lijstje bijhouden van wat er al bij de gemeente is gemeld, zodat we niet dubbel melden en kunnen zien wat er blijft liggen.",
      },
    ],
  },
  {
    prompt: "Welke tunnel wilt u als eerste samen aanpakken?",
    description: "We beginnen met één plek. Kies de tunnel waar u het liefst als eerste mee aan de slag gaat.",
    kind: "single",
    post: "avondwandeling-door-de-tunnels",
    createdDaysAgo: 8,
    options: ["De fietstunnel onder de ringweg", "De onderdoorgang bij het station", "De tunnel bij de Korreweg"],
    answers: [
      { email: "ingrid@veranderlab.test", daysAgo: 7, choices: [0] },
      { email: "youssef@veranderlab.test", daysAgo: 6, choices: [1] },
      { email: "bart@veranderlab.test", daysAgo: 5, choices: [0] },
      { email: "annemarie@veranderlab.test", daysAgo: 3, choices: [2] },
      { email: "lotte@veranderlab.test", daysAgo: 2, choices: [0] },
    ],
  },
];

/** The questions step of the demo data (runs inside the seed transaction, after the posts step). */
export function seedQuestions(context: SeedContext) {
  const { db, now, users } = context;
  const cycleId = context.cycles["enge-fietstunnels"];
  if (cycleId === undefined) return;
  const leader = users["projectleider@veranderlab.test"] ?? null;
  for (const demo of DEMO_QUESTIONS) {
    const question = db
      .insert(questions)
      .values({
        cycleId,
        postId: (demo.post && context.posts[demo.post]) || null,
        prompt: demo.prompt,
        description: demo.description,
        kind: demo.kind,
        status: demo.closedDaysAgo === undefined ? "open" : "closed",
        createdBy: leader,
        createdAt: daysAgo(now, demo.createdDaysAgo),
        closedAt: demo.closedDaysAgo === undefined ? null : daysAgo(now, demo.closedDaysAgo),
      })
      .returning({ id: questions.id })
      .get();
    const optionIds = (demo.options ?? []).map(
      (label, position) =>
        db.insert(questionOptions).values({ questionId: question.id, label, position }).returning({ id: questionOptions.id }).get().id,
    );
    for (const answer of demo.answers) {
      const userId = users[answer.email];
      if (!userId) continue;
      const at = daysAgo(now, answer.daysAgo);
      const row = db
        .insert(answers)
        .values({ questionId: question.id, userId, text: answer.text ?? null, createdAt: at, updatedAt: at })
        .returning({ id: answers.id })
        .get();
      const chosen = (answer.choices ?? []).map((index) => optionIds[index]).filter((id): id is number => id !== undefined);
      if (chosen.length) {
        db.insert(answerChoices).values(chosen.map((optionId) => ({ answerId: row.id, optionId }))).run();
      }
    }
  }
}
