/**
 * Demo knelpunten and measures for the cycle "Enge fietstunnels" (phase
 * zelf_doen; support threshold 5, 2 volunteers, 10 supports per resident).
 * Everything follows the rules the commands enforce: one knelpunt was solved
 * by residents themselves (its measure carried out), one was fast-tracked to
 * the municipality with a public reason (the cycle is not in opschalen yet),
 * one measure meets the thresholds and waits for the project leader, and no
 * resident uses more than 10 supports. Counters are set from COUNT(*) at the
 * end. Texts describe behaviour, time and place, never anyone's origin or
 * appearance.
 */
import { eq, sql } from "drizzle-orm";
import type { KnelpuntStatus } from "../../app/domain/knelpunten/statuses";
import type { MeasureStatus } from "../../app/domain/measures/statuses";
import { auditLog, cycles, knelpuntStatusChanges, knelpunten, measureStatusChanges, measures, supports, volunteers } from "../schema";
import { daysAgo, type SeedContext } from "./context";

const CYCLE = "enge-fietstunnels";
const LEADER = "projectleider@veranderlab.test";

/** Demo residents by short name. */
const R = {
  sanne: "bewoner@veranderlab.test",
  ingrid: "ingrid@veranderlab.test",
  youssef: "youssef@veranderlab.test",
  annemarie: "annemarie@veranderlab.test",
  bart: "bart@veranderlab.test",
  lotte: "lotte@veranderlab.test",
  henk: "henk@veranderlab.test",
  mila: "mila@veranderlab.test",
} as const;
type Resident = keyof typeof R;

type DemoMeasure = {
  title: string;
  description: string;
  author: Resident;
  createdDaysAgo: number;
  supporters: Resident[];
  volunteers: Resident[];
  /** Status steps after the proposal, with days ago and an optional public note/reason. */
  steps?: Array<{ to: MeasureStatus; daysAgo: number; note?: string }>;
};

type DemoKnelpunt = {
  title: string;
  description: string;
  wijk: string;
  locationText: string;
  point: [number, number] | null;
  reporter: Resident;
  createdDaysAgo: number;
  measures: DemoMeasure[];
  resolved?: { daysAgo: number; explanation: string };
  escalated?: { daysAgo: number; explanation: string; fastTrackReason: string };
};

const DEMO: DemoKnelpunt[] = [
  {
    title: "Donkere fietstunnel onder de Europaweg",
    description: [
      "De fietstunnel onder de Europaweg, vanaf de Oosterhamrikkade, is 's avonds erg donker. Twee van de vier lampen doen het niet.",
      "",
      "Je ziet pas aan het eind of er iemand staat. Na 22.00 uur staan er vaak brommers in de tunnel met de motor aan. Ik fiets dan liever om via de Korreweg.",
    ].join("\n"),
    wijk: "Oosterparkwijk",
    locationText: "Fietstunnel onder de Europaweg, ingang Oosterhamrikkade",
    point: [53.22385, 6.59012],
    reporter: "ingrid",
    createdDaysAgo: 52,
    measures: [
      {
        title: "Lichtschouw met de app van de gemeente",
        description: [
          "Op een donderdagavond lopen we met een groepje door de tunnel en de straten eromheen.",
          "",
          "- Kapotte en te zwakke lampen melden we meteen met de app van de gemeente.",
          "- We maken foto's van donkere hoeken en sturen die mee.",
          "- Na vier weken kijken we of alles gemaakt is.",
        ].join("\n"),
        author: "ingrid",
        createdDaysAgo: 20,
        supporters: ["ingrid", "bart", "sanne", "henk", "mila", "lotte"],
        volunteers: ["ingrid", "bart", "lotte"],
        steps: [
          { to: "aangenomen", daysAgo: 15 },
          { to: "in_uitvoering", daysAgo: 12, note: "De eerste schouw is gelopen: zeven lampen gemeld, twee zijn al gemaakt." },
        ],
      },
      {
        title: "Samen naar huis fietsen vanaf de Oosterhamrikkade",
        description:
          "Wie 's avonds laat thuiskomt, kan in de buurtapp laten weten hoe laat hij of zij door de tunnel fietst. Wie dezelfde kant op moet, fietst mee.",
        author: "bart",
        createdDaysAgo: 18,
        supporters: ["bart", "youssef", "annemarie"],
        volunteers: ["bart"],
      },
    ],
  },
  {
    title: "Onderdoorgang station Noord zonder licht",
    description: [
      "In de onderdoorgang bij station Noord is het sinds een paar weken helemaal donker. 's Avonds ligt er vaak glas op het fietspad.",
      "",
      "Afgelopen vrijdag rond 23.00 uur ben ik daar bijna gevallen. Andere fietsers vertelden hetzelfde.",
    ].join("\n"),
    wijk: "Indische Buurt",
    locationText: "Onderdoorgang onder het spoor bij station Groningen Noord",
    point: [53.23017, 6.55887],
    reporter: "annemarie",
    createdDaysAgo: 34,
    measures: [
      {
        title: "Na 22.00 uur samen door de onderdoorgang",
        description: "Bewoners spreken af om na 22.00 uur in groepjes van twee of drie door de onderdoorgang te fietsen, tot de verlichting gemaakt is.",
        author: "annemarie",
        createdDaysAgo: 19,
        supporters: ["annemarie", "mila"],
        volunteers: ["annemarie"],
      },
    ],
    escalated: {
      daysAgo: 8,
      explanation:
        "Alle lampen in de onderdoorgang zijn kapot en er ligt steeds glas op het fietspad. Dit kunnen bewoners niet zelf oplossen: de verlichting moet gemaakt worden en het fietspad vaker geveegd.",
      fastTrackReason:
        "Acuut gevaar: de onderdoorgang is al weken volledig donker en er ligt glas op het fietspad. Er zijn al twee fietsers gevallen. Dit kan niet wachten tot de fase Opschalen.",
    },
  },
  {
    title: "Fietspad langs het Oosterpark voelt 's avonds eenzaam",
    description:
      "Op het fietspad langs het Oosterpark is na zonsondergang bijna niemand. De struiken staan dicht op het pad, zodat je niet ver kunt kijken. Vooral in de winter, tussen 17.00 en 19.00 uur, fiets ik er niet graag alleen.",
    wijk: "Oosterparkwijk",
    locationText: "Fietspad aan de noordkant van het Oosterpark",
    point: [53.22231, 6.58395],
    reporter: "bart",
    createdDaysAgo: 47,
    measures: [
      {
        title: "Buddysysteem: samen naar huis fietsen",
        description: [
          "Een vaste groep buddy's fietst op doordeweekse avonden samen vanaf de Oosterparkwijk naar huis.",
          "",
          "We spreken af bij het bankje aan de Linnaeusplein-kant, om 21.30 en om 22.30 uur. Iedereen mag aansluiten.",
        ].join("\n"),
        author: "bart",
        createdDaysAgo: 17,
        supporters: ["bart", "sanne", "ingrid", "lotte", "henk"],
        volunteers: ["bart", "sanne"],
      },
    ],
  },
  {
    title: "Tunnel bij de Korreweg en Oostersingel",
    description:
      "De tunnel bij de kruising van de Korreweg en de Oostersingel is grauw en vol kladderingen. Het ruikt er naar urine. Overdag gaat het, maar 's avonds voelt het er niet prettig.",
    wijk: "Korrewegwijk",
    locationText: "Fietstunnel bij de kruising Korreweg / Oostersingel",
    point: [53.22452, 6.57718],
    reporter: "mila",
    createdDaysAgo: 55,
    measures: [
      {
        title: "Tunnel beschilderen met de basisschool om de hoek",
        description: [
          "Samen met groep 7 en 8 van de basisschool in de buurt maken we een ontwerp voor de tunnelwanden. Bewoners en kinderen schilderen het op twee zaterdagen.",
          "",
          "De gemeente zorgt voor verf en maakt de wanden eerst schoon.",
        ].join("\n"),
        author: "mila",
        createdDaysAgo: 20,
        supporters: ["mila", "annemarie", "youssef", "henk", "sanne", "ingrid"],
        volunteers: ["mila", "annemarie", "youssef"],
        steps: [
          { to: "aangenomen", daysAgo: 16 },
          { to: "in_uitvoering", daysAgo: 13, note: "De wanden zijn schoongemaakt. De kinderen hebben hun ontwerp af." },
          { to: "uitgevoerd", daysAgo: 6, note: "Op twee zaterdagen hebben 24 bewoners en kinderen de tunnel beschilderd." },
        ],
      },
    ],
    resolved: {
      daysAgo: 3,
      explanation:
        "De tunnel is beschilderd en wordt sindsdien schoon gehouden. Bij de bewonersavond zeiden de meeste bewoners dat ze er 's avonds weer door fietsen.",
    },
  },
  {
    title: "Fietspad langs het Van Starkenborghkanaal",
    description:
      "Het fietspad langs het Van Starkenborghkanaal heeft op een lang stuk geen verlichting. Er komen 's avonds weinig mensen langs. Als je een lekke band krijgt, sta je in het donker.",
    wijk: "Van Starkenborgh",
    locationText: "Fietspad langs het Van Starkenborghkanaal, tussen De Hoogte en Oosterhoogebrug",
    point: [53.23418, 6.60325],
    reporter: "lotte",
    createdDaysAgo: 40,
    measures: [
      {
        title: "Lichtschouw langs het kanaal",
        description: "Met een paar bewoners fietsen we op een avond het pad af en melden we waar licht nodig is. Dat sturen we naar de gemeente.",
        author: "lotte",
        createdDaysAgo: 12,
        supporters: ["lotte", "henk"],
        volunteers: ["lotte"],
      },
    ],
  },
  {
    title: "Zaagmuldersweg: lege bedrijfsstraat na 18.00 uur",
    description:
      "Na 18.00 uur is de Zaagmuldersweg helemaal leeg. De bedrijven zijn dicht en de lampen langs de gevels gaan uit. Er rijden soms auto's hard door de straat.",
    wijk: "De Hoogte",
    locationText: "Zaagmuldersweg, tussen de Oosterhamrikkade en de Bedumerweg",
    point: [53.22722, 6.58641],
    reporter: "henk",
    createdDaysAgo: 44,
    measures: [
      {
        title: "Bedrijven vragen hun buitenlampen aan te laten",
        description: "We vragen de bedrijven aan de Zaagmuldersweg om hun buitenlampen tot middernacht aan te laten.",
        author: "henk",
        createdDaysAgo: 16,
        supporters: ["henk"],
        volunteers: [],
        steps: [
          {
            to: "niet_doorgegaan",
            daysAgo: 7,
            note: "De bedrijven willen hun lampen 's nachts niet aan laten vanwege de kosten. We zoeken naar een andere oplossing.",
          },
        ],
      },
    ],
  },
  {
    title: "Fietspad langs het Damsterdiep bij de brug",
    description:
      "Bij de brug over het Damsterdiep maakt het fietspad een bocht achter een muurtje. Je ziet niet wie daar staat. 's Avonds staan er soms groepjes die fietsers nafluiten.",
    wijk: "Oosterparkwijk",
    locationText: "Fietspad langs het Damsterdiep, bij de brug naar de Oosterparkwijk",
    point: [53.21672, 6.58813],
    reporter: "youssef",
    createdDaysAgo: 30,
    measures: [
      {
        title: "Samen fietsen na de avondtraining",
        description: "De voetbal- en hockeyclubs in de buurt spreken af dat spelers na de avondtraining samen naar huis fietsen langs het Damsterdiep.",
        author: "youssef",
        createdDaysAgo: 10,
        supporters: ["youssef", "mila", "bart"],
        volunteers: ["youssef", "mila"],
      },
    ],
  },
  {
    title: "Pad door het Noorderplantsoen na donker",
    description:
      "Het pad door het Noorderplantsoen, van de Kruissingel naar de Noorderbinnensingel, is na donker slecht verlicht. Er zijn veel bosjes. Ik kies dan de weg eromheen.",
    wijk: "Noorderplantsoenbuurt",
    locationText: "Pad door het Noorderplantsoen, tussen Kruissingel en Noorderbinnensingel",
    point: [53.22561, 6.55905],
    reporter: "sanne",
    createdDaysAgo: 26,
    measures: [
      {
        title: "Vaste avondronde met de hond",
        description: "Hondenbezitters uit de buurt spreken een rooster af: elke avond tussen 21.00 en 23.00 uur loopt er iemand een rondje over het pad.",
        author: "sanne",
        createdDaysAgo: 8,
        supporters: ["sanne", "mila", "annemarie"],
        volunteers: ["sanne", "annemarie"],
      },
    ],
  },
  {
    title: "Speeltuin in De Hoogte na donker",
    description:
      "In de speeltuin in De Hoogte zitten 's avonds na 22.00 uur vaak groepjes met harde muziek. Ouders die er langs moeten, lopen liever om. Overdag is het er gezellig.",
    wijk: "De Hoogte",
    locationText: "Speeltuin midden in De Hoogte, bij het buurthuis",
    point: [53.23081, 6.57962],
    reporter: "youssef",
    createdDaysAgo: 18,
    measures: [
      {
        title: "Buurtouders lopen 's avonds een rondje",
        description:
          "Een paar ouders lopen op vrijdag- en zaterdagavond een rondje langs de speeltuin en maken een praatje. Ze spreken af dat de muziek om 23.00 uur uitgaat.",
        author: "henk",
        createdDaysAgo: 9,
        supporters: ["henk", "youssef", "annemarie", "lotte"],
        volunteers: ["henk", "youssef", "annemarie"],
      },
    ],
  },
  {
    title: "Donkere hoek bij de fietsenstalling op het Linnaeusplein",
    description:
      "Naast de fietsenstalling op het Linnaeusplein is een hoek waar de lamp al maanden kapot is. Als je 's avonds je fiets pakt, zie je niet wie er staat.",
    wijk: "Oosterparkwijk",
    locationText: "Linnaeusplein, fietsenstalling naast de winkels",
    point: null,
    reporter: "henk",
    createdDaysAgo: 3,
    measures: [],
  },
];

/** Fills the demo cycle with knelpunten, measures, supports and volunteers. Call after seedCycles. */
export function seedKnelpunten(context: SeedContext) {
  const { db, now, users } = context;
  const cycleId = context.cycles[CYCLE];
  if (cycleId === undefined) return;
  const cycle = db.select({ supportThreshold: cycles.supportThreshold, minVolunteers: cycles.minVolunteers }).from(cycles).where(eq(cycles.id, cycleId)).get();
  if (!cycle) return;
  const leader = users[LEADER] ?? null;
  const user = (resident: Resident) => users[R[resident]] ?? null;
  const at = (days: number) => daysAgo(now, days);

  for (const demo of DEMO) {
    const reporter = user(demo.reporter);
    const created = at(demo.createdDaysAgo);
    const { id: knelpuntId } = db
      .insert(knelpunten)
      .values({
        cycleId,
        title: demo.title,
        description: demo.description,
        wijk: demo.wijk,
        locationText: demo.locationText,
        lat: demo.point?.[0] ?? null,
        lng: demo.point?.[1] ?? null,
        reporterId: reporter,
        status: "open",
        createdAt: created,
        updatedAt: created,
      })
      .returning({ id: knelpunten.id })
      .get();
    db.insert(knelpuntStatusChanges).values({ knelpuntId, fromStatus: null, toStatus: "open", actorId: reporter, createdAt: created }).run();
    let status: KnelpuntStatus = "open";
    let updatedAt = created;

    const move = (to: KnelpuntStatus, when: Date, extra: { explanation?: string; fastTrackReason?: string; measureId?: number } = {}) => {
      db.insert(knelpuntStatusChanges)
        .values({
          knelpuntId,
          fromStatus: status,
          toStatus: to,
          actorId: leader,
          explanation: extra.explanation ?? null,
          fastTrackReason: extra.fastTrackReason ?? null,
          measureId: extra.measureId ?? null,
          createdAt: when,
        })
        .run();
      status = to;
      updatedAt = when;
    };

    for (const measure of demo.measures) {
      const author = user(measure.author);
      const proposed = at(measure.createdDaysAgo);
      const { id: measureId } = db
        .insert(measures)
        .values({
          knelpuntId,
          cycleId,
          kind: "zelf",
          title: measure.title,
          description: measure.description,
          authorId: author,
          status: "voorgesteld",
          createdAt: proposed,
          updatedAt: proposed,
        })
        .returning({ id: measures.id })
        .get();
      db.insert(measureStatusChanges).values({ measureId, fromStatus: null, toStatus: "voorgesteld", actorId: author, createdAt: proposed }).run();

      // Supports and volunteers come in over the days after the proposal.
      measure.supporters.forEach((resident, index) => {
        const userId = user(resident);
        if (userId) db.insert(supports).values({ measureId, cycleId, userId, createdAt: at(measure.createdDaysAgo - 0.3 - index * 0.4) }).run();
      });
      measure.volunteers.forEach((resident, index) => {
        const userId = user(resident);
        if (userId) db.insert(volunteers).values({ measureId, userId, createdAt: at(measure.createdDaysAgo - 0.5 - index * 0.5) }).run();
      });

      let measureStatus: MeasureStatus = "voorgesteld";
      for (const step of measure.steps ?? []) {
        const when = at(step.daysAgo);
        const actor = step.to === "aangenomen" || step.to === "niet_doorgegaan" ? leader : author;
        db.insert(measureStatusChanges)
          .values({ measureId, fromStatus: measureStatus, toStatus: step.to, actorId: actor, reason: step.note ?? null, createdAt: when })
          .run();
        db.update(measures)
          .set({
            status: step.to,
            updatedAt: when,
            ...(step.to === "aangenomen" ? { adoptedAt: when } : {}),
            ...(step.to === "in_uitvoering" ? { startedAt: when } : {}),
            ...(step.to === "uitgevoerd" ? { completedAt: when } : {}),
            ...(step.to === "niet_doorgegaan" ? { statusReason: step.note ?? null } : {}),
          })
          .where(eq(measures.id, measureId))
          .run();
        if (step.to === "aangenomen") {
          db.insert(auditLog)
            .values({
              actorId: leader,
              action: "measure.adopted",
              targetType: "measure",
              targetId: String(measureId),
              details: {
                knelpuntId,
                supportCount: measure.supporters.length,
                volunteerCount: measure.volunteers.length,
                supportThreshold: cycle.supportThreshold,
                minVolunteers: cycle.minVolunteers,
              },
              createdAt: when,
            })
            .run();
          if (status === "open") move("zelf_aan_de_slag", when, { measureId });
        }
        if (step.to === "niet_doorgegaan") {
          db.insert(auditLog)
            .values({
              actorId: leader,
              action: "measure.abandoned",
              targetType: "measure",
              targetId: String(measureId),
              reason: step.note ?? null,
              details: { knelpuntId, from: measureStatus },
              createdAt: when,
            })
            .run();
        }
        measureStatus = step.to;
      }
    }

    if (demo.resolved) {
      const when = at(demo.resolved.daysAgo);
      const from = status;
      move("opgelost", when, { explanation: demo.resolved.explanation });
      db.insert(auditLog)
        .values({
          actorId: leader,
          action: "knelpunt.resolved",
          targetType: "knelpunt",
          targetId: String(knelpuntId),
          reason: demo.resolved.explanation,
          details: { from, selfHelp: { adopted: 1, adoptedDone: 1 } },
          createdAt: when,
        })
        .run();
      db.update(knelpunten).set({ resolvedAt: when }).where(eq(knelpunten.id, knelpuntId)).run();
    }

    if (demo.escalated) {
      const when = at(demo.escalated.daysAgo);
      const from = status;
      const { explanation, fastTrackReason } = demo.escalated;
      move("geescaleerd", when, { explanation, fastTrackReason });
      db.update(knelpunten)
        .set({ escalatedAt: when, escalatedBy: leader, escalationExplanation: explanation, fastTrackReason })
        .where(eq(knelpunten.id, knelpuntId))
        .run();
      db.insert(auditLog)
        .values({
          actorId: leader,
          action: "knelpunt.escalated",
          targetType: "knelpunt",
          targetId: String(knelpuntId),
          reason: fastTrackReason,
          details: { from, phase: "zelf_doen", fastTrack: true, stillUnsafe: false, selfHelp: { adopted: 0, adoptedDone: 0 }, explanation },
          createdAt: when,
        })
        .run();
    }

    db.update(knelpunten).set({ status, updatedAt }).where(eq(knelpunten.id, knelpuntId)).run();
  }

  // Counters exactly equal to COUNT(*), as the commands keep them.
  db.run(sql`UPDATE measures SET
    support_count = (SELECT count(*) FROM supports WHERE supports.measure_id = measures.id),
    volunteer_count = (SELECT count(*) FROM volunteers WHERE volunteers.measure_id = measures.id)
    WHERE cycle_id = ${cycleId}`);
  db.run(sql`UPDATE knelpunten SET
    support_count = (SELECT count(*) FROM supports JOIN measures ON measures.id = supports.measure_id WHERE measures.knelpunt_id = knelpunten.id)
    WHERE cycle_id = ${cycleId}`);
}
