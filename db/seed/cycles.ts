import { auditLog, cyclePhaseChanges, cycles } from "../schema";
import type { Phase } from "../../app/domain/cycles/phases";
import { daysAgo, type SeedContext } from "./context";

type DemoCycle = {
  slug: string;
  title: string;
  theme: string;
  intro: string;
  wijken: string[];
  /** Phases it went through, with how many days ago each started. */
  history: Array<[Phase, number]>;
  supportLimit?: number;
  supportThreshold?: number;
  minVolunteers?: number;
};

const DEMO_CYCLES: DemoCycle[] = [
  {
    slug: "enge-fietstunnels",
    title: "Enge fietstunnels",
    theme: "Fietstunnels en onderdoorgangen in Oost die 's avonds onveilig voelen.",
    intro: [
      "Veel bewoners van Oost fietsen 's avonds liever om dan door de tunnel onder de ringweg of de onderdoorgang bij het station. Het is er donker, je kunt niet zien wie er aan de andere kant staat, en soms hangt er een groep.",
      "",
      "In deze ronde zoeken we samen uit **welke plekken** het gaat, **wat we als bewoners zelf kunnen doen** en pas daarna wat gemeente en politie moeten doen.",
      "",
      "- Meld een plek die onveilig voelt.",
      "- Bedenk wat we zelf kunnen doen, bijvoorbeeld samen fietsen of de tunnel opknappen met de school.",
      "- Steun de ideeën die u goed vindt en meld u aan om mee te helpen.",
    ].join("\n"),
    wijken: ["Oosterparkwijk", "De Hoogte", "Korrewegwijk", "Van Starkenborgh"],
    history: [
      ["concept", 75],
      ["meedenken", 60],
      ["zelf_doen", 21],
    ],
    supportLimit: 10,
    supportThreshold: 5,
    minVolunteers: 2,
  },
  {
    slug: "pleinen-in-de-avond",
    title: "Pleinen in de avond",
    theme: "Overlast en onveilig gevoel op pleinen en in parken na zonsondergang.",
    intro: "Deze ronde wordt voorbereid. We beginnen in het voorjaar.",
    wijken: ["Oosterpoort", "Herewegwijk"],
    history: [["concept", 5]],
  },
];

/** The demo cycles: "Enge fietstunnels" in phase zelf doen, and a concept cycle. */
export function seedCycles(context: SeedContext) {
  const { db, now, users } = context;
  const leader = users["projectleider@veranderlab.test"] ?? null;
  for (const demo of DEMO_CYCLES) {
    const [first] = demo.history;
    const last = demo.history[demo.history.length - 1]!;
    const row = db
      .insert(cycles)
      .values({
        slug: demo.slug,
        title: demo.title,
        theme: demo.theme,
        intro: demo.intro,
        wijken: demo.wijken,
        phase: last[0],
        supportLimit: demo.supportLimit ?? 0,
        supportThreshold: demo.supportThreshold ?? 10,
        minVolunteers: demo.minVolunteers ?? 2,
        createdBy: leader,
        createdAt: daysAgo(now, first![1]),
        updatedAt: daysAgo(now, last[1]),
      })
      .returning({ id: cycles.id })
      .get();
    context.cycles[demo.slug] = row.id;
    let previous: Phase | null = null;
    for (const [phase, days] of demo.history) {
      const at = daysAgo(now, days);
      db.insert(cyclePhaseChanges).values({ cycleId: row.id, fromPhase: previous, toPhase: phase, actorId: leader, createdAt: at }).run();
      if (previous) {
        db.insert(auditLog)
          .values({ actorId: leader, action: "cycle.phase_moved", targetType: "cycle", targetId: String(row.id), details: { from: previous, to: phase }, createdAt: at })
          .run();
      }
      previous = phase;
    }
  }
}
