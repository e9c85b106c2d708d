/**
 * An earlier cycle that is closed (afgerond), with its whole story, so the
 * demo has a public cycle report: places solved by residents themselves, one
 * that the municipality answered and carried out, one that was refused, and
 * safety ratings before and after. Runs last, so the ids of the main demo
 * cycle's rows stay the same.
 */
import { eq } from "drizzle-orm";
import { auditLog, cyclePhaseChanges, cycles, knelpuntStatusChanges, knelpunten, measureStatusChanges, measures, safetyRatings, supports, volunteers } from "../schema";
import type { Phase } from "../../app/domain/cycles/phases";
import { daysAgo, type SeedContext } from "./context";

const RESIDENTS = [
  "bewoner@veranderlab.test",
  "ingrid@veranderlab.test",
  "youssef@veranderlab.test",
  "annemarie@veranderlab.test",
  "bart@veranderlab.test",
  "lotte@veranderlab.test",
  "henk@veranderlab.test",
  "mila@veranderlab.test",
];

function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function seedClosedCycle(context: SeedContext) {
  const { db, now, users } = context;
  const leader = users["projectleider@veranderlab.test"]!;
  const official = users["ambtenaar@veranderlab.test"]!;
  const police = users["politie@veranderlab.test"]!;
  const residents = RESIDENTS.map((email) => users[email]!);
  const at = (days: number) => daysAgo(now, days);

  const history: Array<[Phase, number]> = [
    ["concept", 400],
    ["meedenken", 380],
    ["zelf_doen", 340],
    ["opschalen", 290],
    ["afgerond", 200],
  ];
  const cycleId = db
    .insert(cycles)
    .values({
      slug: "donkere-steegjes-binnenstad",
      title: "Donkere steegjes in de binnenstad",
      theme: "Steegjes en doorgangen in de binnenstad die 's avonds onveilig voelen.",
      intro: "De eerste ronde van het lab ging over de steegjes tussen de Grote Markt en het Zuiderdiep. Lees hieronder het verslag.",
      wijken: ["Binnenstad-Zuid", "Binnenstad-Oost"],
      phase: "afgerond",
      supportLimit: 0,
      supportThreshold: 4,
      minVolunteers: 2,
      createdBy: leader,
      createdAt: at(400),
      updatedAt: at(200),
    })
    .returning({ id: cycles.id })
    .get().id;
  context.cycles["donkere-steegjes-binnenstad"] = cycleId;
  let previous: Phase | null = null;
  for (const [phase, days] of history) {
    db.insert(cyclePhaseChanges).values({ cycleId, fromPhase: previous, toPhase: phase, actorId: leader, createdAt: at(days) }).run();
    if (previous) {
      db.insert(auditLog).values({ actorId: leader, action: "cycle.phase_moved", targetType: "cycle", targetId: String(cycleId), details: { from: previous, to: phase }, createdAt: at(days) }).run();
    }
    previous = phase;
  }

  const knelpunt = (values: { title: string; description: string; wijk: string; locationText: string; lat: number; lng: number; reporter: string; created: number }) => {
    const id = db
      .insert(knelpunten)
      .values({
        cycleId,
        title: values.title,
        description: values.description,
        wijk: values.wijk,
        locationText: values.locationText,
        lat: values.lat,
        lng: values.lng,
        reporterId: values.reporter,
        status: "open",
        createdAt: at(values.created),
        updatedAt: at(values.created),
      })
      .returning({ id: knelpunten.id })
      .get().id;
    db.insert(knelpuntStatusChanges).values({ knelpuntId: id, fromStatus: null, toStatus: "open", actorId: values.reporter, createdAt: at(values.created) }).run();
    return id;
  };
  type KS = (typeof knelpunten.$inferSelect)["status"];
  const move = (id: number, from: KS, to: KS, actor: string, days: number, extra: Partial<typeof knelpuntStatusChanges.$inferInsert> = {}) => {
    db.insert(knelpuntStatusChanges).values({ knelpuntId: id, fromStatus: from, toStatus: to, actorId: actor, createdAt: at(days), ...extra }).run();
  };

  // 1. Solved by residents: a lighting walk and new lamps by the shop owners.
  const steeg = knelpunt({
    title: "Donker steegje achter de Vismarkt",
    description: "Het steegje tussen de Vismarkt en de Folkingestraat heeft maar één lamp. 's Avonds lopen er mensen die je pas op het laatste moment ziet.",
    wijk: "Binnenstad-Zuid",
    locationText: "Steegje tussen Vismarkt en Folkingestraat",
    lat: 53.2176,
    lng: 6.5648,
    reporter: residents[1]!,
    created: 375,
  });
  const walk = db
    .insert(measures)
    .values({
      knelpuntId: steeg,
      cycleId,
      kind: "zelf",
      title: "Winkeliers hangen lampen op bij hun achterdeur",
      description: "Vijf winkeliers hangen een lamp met bewegingsmelder op bij hun achterdeur. Bewoners helpen met ophangen.",
      authorId: residents[2]!,
      status: "uitgevoerd",
      supportCount: 6,
      volunteerCount: 3,
      adoptedAt: at(330),
      startedAt: at(325),
      completedAt: at(300),
      createdAt: at(338),
      updatedAt: at(300),
    })
    .returning({ id: measures.id })
    .get().id;
  for (const [i, user] of residents.slice(0, 6).entries()) db.insert(supports).values({ measureId: walk, cycleId, userId: user, createdAt: at(337 - i) }).run();
  for (const [i, user] of residents.slice(2, 5).entries()) db.insert(volunteers).values({ measureId: walk, userId: user, createdAt: at(336 - i) }).run();
  db.insert(measureStatusChanges).values([
    { measureId: walk, fromStatus: null, toStatus: "voorgesteld", actorId: residents[2]!, createdAt: at(338) },
    { measureId: walk, fromStatus: "voorgesteld", toStatus: "aangenomen", actorId: leader, createdAt: at(330) },
    { measureId: walk, fromStatus: "aangenomen", toStatus: "in_uitvoering", actorId: residents[2]!, createdAt: at(325) },
    { measureId: walk, fromStatus: "in_uitvoering", toStatus: "uitgevoerd", actorId: residents[2]!, createdAt: at(300) },
  ]).run();
  move(steeg, "open", "zelf_aan_de_slag", leader, 330, { measureId: walk, explanation: "Het idee van de winkeliers heeft genoeg steun en meehelpers." });
  move(steeg, "zelf_aan_de_slag", "opgelost", leader, 295, { explanation: "De lampen hangen. Bewoners zeggen dat het steegje nu veel lichter is." });
  db.update(knelpunten).set({ status: "opgelost", supportCount: 6, resolvedAt: at(295), updatedAt: at(295) }).where(eqId(steeg)).run();

  // 2. Escalated, promised and carried out by the municipality.
  const doorgang = knelpunt({
    title: "Doorgang bij de parkeergarage Haddingestraat",
    description: "De voetgangersdoorgang naast de parkeergarage is smal en donker. Er liggen vaak glasscherven en 's nachts is er niemand.",
    wijk: "Binnenstad-Oost",
    locationText: "Doorgang naast parkeergarage Haddingestraat",
    lat: 53.2205,
    lng: 6.5712,
    reporter: residents[0]!,
    created: 370,
  });
  move(doorgang, "open", "geescaleerd", leader, 288, { explanation: "Bewoners vonden geen maatregel die ze zelf konden nemen: de doorgang is van de gemeente en de verlichting ook." });
  move(doorgang, "geescaleerd", "in_behandeling", official, 284, { explanation: "We bekijken samen met de eigenaar van de garage wat er kan.", organisation: "Gemeente Groningen, afdeling Openbare Ruimte" });
  move(doorgang, "in_behandeling", "toegezegd", official, 276, {
    explanation: "We vervangen de verlichting door heldere ledlampen en laten de doorgang twee keer per week vegen.",
    organisation: "Gemeente Groningen, afdeling Openbare Ruimte",
    department: "Stadsbeheer, team Verlichting",
    expectedDate: day(at(240)),
  });
  move(doorgang, "toegezegd", "uitgevoerd", official, 236, { explanation: "De nieuwe lampen hangen en de doorgang wordt nu twee keer per week geveegd.", organisation: "Gemeente Groningen, afdeling Openbare Ruimte" });
  db.update(knelpunten).set({ status: "uitgevoerd", escalatedAt: at(288), escalatedBy: leader, escalationExplanation: "Bewoners vonden geen maatregel die ze zelf konden nemen: de doorgang is van de gemeente en de verlichting ook.", updatedAt: at(236) }).where(eqId(doorgang)).run();

  // 3. Escalated and refused by the police, with the reason.
  const plein = knelpunt({
    title: "Groep bij de fietsenstalling Grote Markt na sluitingstijd",
    description: "Na 02.00 uur staat er vaak een luidruchtige groep bij de fietsenstalling. Mensen voelen zich niet op hun gemak als ze hun fiets pakken.",
    wijk: "Binnenstad-Zuid",
    locationText: "Fietsenstalling Grote Markt, oostkant",
    lat: 53.2189,
    lng: 6.5681,
    reporter: residents[4]!,
    created: 365,
  });
  move(plein, "open", "geescaleerd", leader, 286, { explanation: "Bewoners vroegen om extra toezicht in het weekend." });
  move(plein, "geescaleerd", "afgewezen", police, 279, {
    explanation: "Extra vaste surveillance op deze plek kunnen we niet beloven: in het uitgaansgebied zijn we al aanwezig en meldingen gaan daar voor. Bel bij overlast 0900-8844 en bij gevaar 112; dan komen we.",
    organisation: "Politie Groningen, basisteam Oost",
  });
  db.update(knelpunten).set({ status: "afgewezen", escalatedAt: at(286), escalatedBy: leader, escalationExplanation: "Bewoners vroegen om extra toezicht in het weekend.", updatedAt: at(279) }).where(eqId(plein)).run();

  // 4. Still open when the cycle closed.
  knelpunt({
    title: "Smalle stoep bij de Oude Boteringestraat",
    description: "De stoep is 's avonds vol met fietsen. Je moet dan over de weg lopen.",
    wijk: "Binnenstad-Oost",
    locationText: "Oude Boteringestraat, bij de kruising met de Broerstraat",
    lat: 53.2213,
    lng: 6.5638,
    reporter: residents[5]!,
    created: 350,
  });

  // Safety ratings: lower before the lamps, higher after.
  const ratings: Array<typeof safetyRatings.$inferInsert> = [];
  const scores = (before: boolean) => (before ? [2, 2, 1, 3, 2, 2] : [4, 4, 3, 5, 4, 3]);
  for (const [knelpuntId, change] of [
    [steeg, 300],
    [doorgang, 236],
  ] as const) {
    for (const [offset, before] of [
      [40, true],
      [25, true],
      [-20, false],
      [-45, false],
    ] as const) {
      scores(before).forEach((score, i) => {
        const when = at(change + offset - i);
        ratings.push({ knelpuntId, userId: residents[i]!, day: day(when), score, createdAt: when, updatedAt: when });
      });
    }
  }
  db.insert(safetyRatings).values(ratings).run();
}

function eqId(id: number) {
  return eq(knelpunten.id, id);
}
