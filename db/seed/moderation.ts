/**
 * Moderation in the demo: under one knelpunt of the main cycle, a reaction
 * the wording check held (waiting in the project leader's queue), one that
 * two residents flagged (still visible, in the queue), and one a project
 * leader hid with a reason. Runs after the closed cycle, so no earlier id
 * changes.
 */
import { eq } from "drizzle-orm";
import { auditLog, flags, knelpunten, moderationCases, reactions } from "../schema";
import { daysAgo, type SeedContext } from "./context";

const KNELPUNT = "Tunnel bij de Korreweg en Oostersingel";

export function seedModeration(context: SeedContext) {
  const { db, now, users } = context;
  const knelpunt = db.select({ id: knelpunten.id, cycleId: knelpunten.cycleId }).from(knelpunten).where(eq(knelpunten.title, KNELPUNT)).get();
  if (!knelpunt) throw new Error(`demo knelpunt missing: ${KNELPUNT}`);
  const leader = users["projectleider@veranderlab.test"]!;
  const at = (days: number) => daysAgo(now, days);

  const react = (email: string, days: number, body: string, moderation: "visible" | "held" | "hidden", reason: string | null = null) =>
    db
      .insert(reactions)
      .values({
        targetType: "knelpunt",
        targetId: knelpunt.id,
        authorId: users[email]!,
        body,
        moderation,
        moderationReason: reason,
        createdAt: at(days),
        updatedAt: at(days),
      })
      .returning({ id: reactions.id })
      .get().id;

  const held = react(
    "henk@veranderlab.test",
    1.2,
    "Het zijn altijd dezelfde Antilliaanse jongens die daar 's avonds rondhangen.",
    "held",
  );
  db.insert(moderationCases)
    .values({
      targetType: "reaction",
      targetId: held,
      authorId: users["henk@veranderlab.test"]!,
      cycleId: knelpunt.cycleId,
      state: "held",
      heldFor: "wording",
      matchedWords: ["Antilliaanse"],
      openFlags: 0,
      open: true,
      createdAt: at(1.2),
      updatedAt: at(1.2),
    })
    .run();

  const flagged = react(
    "mila@veranderlab.test",
    2.5,
    "Volgens mij weet die man van de snackbar op de hoek precies wie de lampen kapotmaakt.",
    "visible",
  );
  const flaggers: Array<[string, number]> = [
    ["bart@veranderlab.test", 2.1],
    ["lotte@veranderlab.test", 1.8],
  ];
  for (const [email, days] of flaggers) {
    db.insert(flags)
      .values({ targetType: "reaction", targetId: flagged, userId: users[email]!, reason: "accusation", note: null, createdAt: at(days) })
      .run();
  }
  db.insert(moderationCases)
    .values({
      targetType: "reaction",
      targetId: flagged,
      authorId: users["mila@veranderlab.test"]!,
      cycleId: knelpunt.cycleId,
      state: "visible",
      openFlags: flaggers.length,
      open: true,
      createdAt: at(2.1),
      updatedAt: at(1.8),
    })
    .run();

  const reason = "Noemde een kenteken waaraan iemand te herkennen is.";
  const hidden = react("bart@veranderlab.test", 6, "De auto met kenteken (weggelaten) staat er elke avond met draaiende motor.", "hidden", reason);
  db.insert(moderationCases)
    .values({
      targetType: "reaction",
      targetId: hidden,
      authorId: users["bart@veranderlab.test"]!,
      cycleId: knelpunt.cycleId,
      state: "hidden",
      openFlags: 0,
      open: false,
      createdAt: at(6),
      updatedAt: at(5.5),
      decidedAt: at(5.5),
      decidedBy: leader,
    })
    .run();
  db.insert(auditLog)
    .values({
      actorId: leader,
      action: "moderation.hidden",
      targetType: "reaction",
      targetId: String(hidden),
      reason,
      details: { from: "visible", to: "hidden" },
      createdAt: at(5.5),
    })
    .run();
}
