import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { reactions, users } from "#db/schema";
import { createCycle, moveCyclePhase } from "~/domain/cycles/cycles.server";
import { createPost, getPostPage, reactToPost, updatePost } from "~/domain/posts/posts.server";
import { createReaction, deleteReaction, editReaction, getOwnReaction, listReactions } from "~/domain/reactions/reactions.server";
import { reactionSchema } from "~/domain/reactions/schemas";
import { parseForm } from "~/lib/forms";
import { createUser, type TestUser } from "../support/factories";

let leader: TestUser;
let sanne: TestUser;
let youssef: TestUser;
let official: TestUser;
const actor = (user: TestUser) => ({ id: user.id, role: user.role });
let counter = 0;

function cycle(phase: "concept" | "meedenken") {
  counter += 1;
  const result = createCycle(actor(leader), {
    title: `Reactieronde ${counter}`,
    slug: `reactieronde-${counter}-${Date.now()}`,
    theme: "Thema",
    intro: "",
    wijken: [],
    supportLimit: 0,
    supportThreshold: 5,
    minVolunteers: 2,
    screening: false,
  });
  if (!result.ok) throw new Error(result.reason);
  if (phase === "meedenken") moveCyclePhase(actor(leader), result.id, "meedenken", "concept");
  return result.id;
}

function post(options: { cycleId?: number | null; publish?: boolean } = {}) {
  counter += 1;
  const result = createPost(
    actor(leader),
    { title: `Bericht voor reacties ${counter}`, slug: null, cycleId: options.cycleId ?? null, body: "Tekst van het bericht." },
    { publish: options.publish ?? true },
  );
  if (!result.ok) throw new Error(result.reason);
  return result;
}

beforeAll(async () => {
  leader = await createUser({ role: "projectleider", displayName: "Mark" });
  sanne = await createUser({ role: "bewoner", displayName: "Sanne" });
  youssef = await createUser({ role: "bewoner", displayName: "Youssef" });
  official = await createUser({ role: "ambtenaar", displayName: "Fatima", organisation: "Gemeente" });
});

describe("reactions under posts", () => {
  it("anyone signed in reacts; shown oldest first with the author's name", () => {
    const { slug, id } = post();
    const first = reactToPost(actor(sanne), slug, "De lamp bij de bocht is weer kapot, sinds maandagavond.", new Date("2026-02-01T20:00:00Z"));
    const second = reactToPost(actor(official), slug, "Dank voor het melden, we kijken er deze week naar.", new Date("2026-02-02T09:00:00Z"));
    expect(first).toMatchObject({ ok: true, href: `/berichten/${slug}` });
    expect(second).toMatchObject({ ok: true });

    const list = listReactions(actor(sanne), "post", id);
    expect(list.more).toBe(false);
    expect(list.rows.map((r) => [r.authorName, r.own])).toEqual([
      ["Sanne", true],
      ["Fatima", false],
    ]);
    const page = getPostPage(null, slug)!;
    expect(page.reactions.map((r) => r.body)).toEqual([
      "De lamp bij de bocht is weer kapot, sinds maandagavond.",
      "Dank voor het melden, we kijken er deze week naar.",
    ]);
    expect(page.canReact).toBe(false);
    expect(page.openForReactions).toBe(true);
    expect(getPostPage(actor(youssef), slug)!.canReact).toBe(true);
  });

  it("trims the text and wants 2 to 2000 characters", () => {
    const parse = (body: string) => {
      const form = new FormData();
      form.set("body", body);
      return parseForm(reactionSchema, form);
    };
    expect(parse("  a  ")).toMatchObject({ ok: false, errors: { body: "reaction.error.tooShort" }, values: { body: "  a  " } });
    expect(parse("x".repeat(2001))).toMatchObject({ ok: false, errors: { body: "reaction.error.tooLong" } });
    expect(parse(`  ${"x".repeat(2000)}  `)).toMatchObject({ ok: true });
    expect(parse("  ok  ")).toEqual({ ok: true, data: { body: "ok" } });
  });

  it("only the author edits or deletes a reaction", () => {
    const { slug } = post();
    const created = reactToPost(actor(sanne), slug, "Eerste versie");
    if (!created.ok) throw new Error(created.reason);

    expect(getOwnReaction(actor(youssef), created.id)).toMatchObject({ ok: false, reason: "forbidden" });
    expect(editReaction(actor(youssef), created.id, "Overgenomen")).toMatchObject({ ok: false, reason: "forbidden" });
    expect(deleteReaction(actor(youssef), created.id)).toMatchObject({ ok: false, reason: "forbidden" });
    expect(editReaction(actor(leader), created.id, "Moderator")).toMatchObject({ ok: false, reason: "forbidden" });

    const later = new Date(Date.now() + 60_000);
    expect(editReaction(actor(sanne), created.id, "Tweede versie", later)).toMatchObject({ ok: true, href: `/berichten/${slug}` });
    const row = getDb().select().from(reactions).where(eq(reactions.id, created.id)).get()!;
    expect(row.body).toBe("Tweede versie");
    expect(row.updatedAt).toEqual(later);
    expect(getPostPage(null, slug)!.reactions[0]).toMatchObject({ body: "Tweede versie", edited: true });

    expect(deleteReaction(actor(sanne), created.id)).toMatchObject({ ok: true });
    expect(getDb().select().from(reactions).where(eq(reactions.id, created.id)).get()).toBeUndefined();
    expect(getOwnReaction(actor(sanne), created.id)).toMatchObject({ ok: false, reason: "not_found" });
  });

  it("refuses reacting to a post in a concept cycle (hidden from residents, closed for project leaders)", () => {
    const concept = cycle("concept");
    const { slug, id } = post({ cycleId: concept });
    expect(reactToPost(actor(sanne), slug, "Mag ik al reageren?")).toMatchObject({ ok: false, reason: "not_found" });
    expect(reactToPost(actor(leader), slug, "Ik ook niet?")).toMatchObject({ ok: false, reason: "closed", message: "reaction.error.closed" });
    expect(listReactions(actor(leader), "post", id).rows).toEqual([]);
    expect(getPostPage(actor(leader), slug)!.canReact).toBe(false);
  });

  it("allows reacting in an open cycle, and refuses on drafts and unknown posts", () => {
    const open = cycle("meedenken");
    expect(reactToPost(actor(sanne), post({ cycleId: open }).slug, "In deze ronde kan het wel.")).toMatchObject({ ok: true });
    const draft = post({ publish: false });
    expect(reactToPost(actor(sanne), draft.slug, "Een concept")).toMatchObject({ ok: false, reason: "not_found" });
    expect(reactToPost(actor(leader), draft.slug, "Een concept")).toMatchObject({ ok: false, reason: "closed" });
    expect(reactToPost(actor(sanne), "bestaat-niet", "Hallo daar")).toMatchObject({ ok: false, reason: "not_found" });
    expect(createReaction(actor(sanne), { type: "knelpunt", id: 1 }, "Nog niet gebouwd")).toMatchObject({ ok: false, reason: "not_found" });
  });

  it("an unpublished post's reactions can no longer be changed, but their authors can still delete them", () => {
    const { slug } = post();
    const created = reactToPost(actor(sanne), slug, "Ik reageer nog snel");
    if (!created.ok) throw new Error(created.reason);
    updatePost(actor(leader), slug, { title: "Offline", slug: null, cycleId: null, body: "Tekst." }, "unpublish");
    expect(editReaction(actor(sanne), created.id, "Nog een wijziging")).toMatchObject({ ok: false, reason: "closed" });
    expect(getOwnReaction(actor(youssef), created.id)).toMatchObject({ ok: false, reason: "not_found" });
    expect(deleteReaction(actor(sanne), created.id)).toMatchObject({ ok: true });
  });

  it("refuses a blocked account", async () => {
    const blocked = await createUser({ role: "bewoner" });
    getDb().update(users).set({ blockedAt: new Date() }).where(eq(users.id, blocked.id)).run();
    expect(reactToPost(actor(blocked), post().slug, "Ik ben geblokkeerd")).toMatchObject({ ok: false, reason: "blocked" });
  });

  it("shows at most the newest N, in the order they were written", () => {
    const { slug, id } = post();
    const base = Date.parse("2026-03-01T12:00:00Z");
    for (let i = 0; i < 5; i++) reactToPost(actor(youssef), slug, `Reactie ${i}`, new Date(base + i * 1000));
    const list = listReactions(null, "post", id, { limit: 3 });
    expect(list.more).toBe(true);
    expect(list.rows.map((r) => r.body)).toEqual(["Reactie 2", "Reactie 3", "Reactie 4"]);
    // The older ones on the next page, and nothing beyond.
    const older = listReactions(null, "post", id, { limit: 3, page: 2 });
    expect(older.more).toBe(false);
    expect(older.rows.map((r) => r.body)).toEqual(["Reactie 0", "Reactie 1"]);
    expect(listReactions(null, "post", id, { limit: 3, page: 3 }).rows).toEqual([]);
    const plan = getDb()
      .$client.prepare(
        `EXPLAIN QUERY PLAN SELECT id FROM reactions WHERE target_type = 'post' AND target_id = ? ORDER BY created_at DESC, id DESC LIMIT 201`,
      )
      .all(id)
      .map((r) => (r as { detail: string }).detail)
      .join("\n");
    expect(plan).toContain("reactions_target_idx");
    expect(plan).not.toContain("TEMP B-TREE");
  });
});
