import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { auditLog, posts } from "#db/schema";
import { createCycle, listCyclesForSelect, moveCyclePhase } from "~/domain/cycles/cycles.server";
import { atomFeed } from "~/domain/posts/feed";
import {
  createPost,
  getPostForm,
  getPostPage,
  listDrafts,
  listFeedPosts,
  listPostsForCycle,
  listPublishedPosts,
  POSTS_PAGE_SIZE,
  updatePost,
} from "~/domain/posts/posts.server";
import { postSchema, type PostInput } from "~/domain/posts/schemas";
import { parseForm } from "~/lib/forms";
import { createUser, type TestUser } from "../support/factories";

let leader: TestUser;
let resident: TestUser;
let conceptCycle: { id: number; phase: "concept" };
let openCycle: { id: number; phase: "meedenken" };

const actor = (user: TestUser) => ({ id: user.id, role: user.role });
let counter = 0;

function input(overrides: Partial<PostInput> = {}): PostInput {
  counter += 1;
  return {
    title: `Bericht nummer ${counter} over de fietstunnel`,
    slug: null,
    cycleId: null,
    body: `Eerste alinea van bericht ${counter}.\n\nTweede alinea met **vet**.`,
    ...overrides,
  };
}

function makeCycle(slug: string, phase: "concept" | "meedenken") {
  const result = createCycle(actor(leader), {
    title: `Ronde ${slug}`,
    slug,
    theme: "Een thema voor de test",
    intro: "",
    wijken: [],
    supportLimit: 0,
    supportThreshold: 5,
    minVolunteers: 2,
    screening: false,
  });
  if (!result.ok) throw new Error(result.reason);
  if (phase === "meedenken") {
    const moved = moveCyclePhase(actor(leader), result.id, "meedenken", "concept");
    if (!moved.ok) throw new Error(moved.reason);
  }
  return { id: result.id, phase };
}

beforeAll(async () => {
  leader = await createUser({ role: "projectleider", displayName: "Mark de Vries" });
  resident = await createUser({ role: "bewoner", displayName: "Sanne Bakker" });
  conceptCycle = makeCycle(`posts-concept-${Date.now()}`, "concept") as typeof conceptCycle;
  openCycle = makeCycle(`posts-open-${Date.now()}`, "meedenken") as typeof openCycle;
});

function row(id: number) {
  return getDb().select().from(posts).where(eq(posts.id, id)).get()!;
}

describe("writing and publishing posts", () => {
  it("saves a draft that only project leaders see, with its excerpt and author", () => {
    const result = createPost(actor(leader), input({ title: "Een concept over de tunnel" }), { publish: false });
    expect(result).toMatchObject({ ok: true, slug: "een-concept-over-de-tunnel", status: "draft" });
    if (!result.ok) return;
    const saved = row(result.id);
    expect(saved.publishedAt).toBeNull();
    expect(saved.authorId).toBe(leader.id);
    expect(saved.excerpt).toMatch(/^Eerste alinea van bericht \d+\.$/);

    expect(getPostPage(null, result.slug)).toBeNull();
    expect(getPostPage(actor(resident), result.slug)).toBeNull();
    expect(getPostPage(actor(leader), result.slug)?.post.status).toBe("draft");
    expect(listDrafts(actor(leader)).rows.map((p) => p.id)).toContain(result.id);
    expect(listDrafts(actor(resident)).rows).toEqual([]);
    expect(listPublishedPosts(null).rows.map((p) => p.id)).not.toContain(result.id);
  });

  it("publishes: visible to everyone, date set at first publish and kept when republished", () => {
    const created = createPost(actor(leader), input(), { publish: false }, new Date("2026-01-01T10:00:00Z"));
    if (!created.ok) throw new Error(created.reason);
    const firstPublish = new Date("2026-01-02T10:00:00Z");
    const published = updatePost(actor(leader), created.slug, input({ title: "Nu gepubliceerd" }), "publish", firstPublish);
    expect(published).toMatchObject({ ok: true, status: "published", changed: "published", slug: created.slug });
    expect(row(created.id).publishedAt).toEqual(firstPublish);

    const page = getPostPage(null, created.slug)!;
    expect(page.post.title).toBe("Nu gepubliceerd");
    expect(page.post.authorName).toBe("Mark de Vries");
    expect(page.post.html).toContain("<strong>vet</strong>");
    expect(listPublishedPosts(null).rows.map((p) => p.slug)).toContain(created.slug);
    expect(listFeedPosts().map((p) => p.slug)).toContain(created.slug);

    const unpublished = updatePost(actor(leader), created.slug, input(), "unpublish", new Date("2026-01-03T10:00:00Z"));
    expect(unpublished).toMatchObject({ ok: true, status: "draft", changed: "unpublished" });
    expect(getPostPage(null, created.slug)).toBeNull();
    expect(getPostPage(actor(resident), created.slug)).toBeNull();
    expect(listFeedPosts().map((p) => p.slug)).not.toContain(created.slug);

    updatePost(actor(leader), created.slug, input(), "publish", new Date("2026-01-04T10:00:00Z"));
    expect(row(created.id).publishedAt).toEqual(firstPublish);

    const actions = getDb().select().from(auditLog).where(and(eq(auditLog.targetType, "post"), eq(auditLog.targetId, String(created.id)))).all().map((a) => a.action);
    expect(actions).toEqual(["post.published", "post.unpublished", "post.published"]);
  });

  it("'save' keeps the status; a published post stays published", () => {
    const created = createPost(actor(leader), input(), { publish: true });
    if (!created.ok) throw new Error(created.reason);
    const saved = updatePost(actor(leader), created.slug, input({ title: "Andere titel" }), "save");
    expect(saved).toMatchObject({ ok: true, status: "published", changed: null });
  });

  it("refuses everyone but project leaders", () => {
    expect(createPost(actor(resident), input(), { publish: true })).toMatchObject({ ok: false, reason: "forbidden" });
    expect(createPost(null, input(), { publish: true })).toMatchObject({ ok: false, reason: "forbidden" });
    const created = createPost(actor(leader), input(), { publish: true });
    if (!created.ok) throw new Error(created.reason);
    expect(updatePost(actor(resident), created.slug, input(), "unpublish")).toMatchObject({ ok: false, reason: "forbidden" });
    expect(getPostForm(actor(resident))).toBeNull();
  });

  it("refuses a slug that is taken, at the slug field, and writes nothing", () => {
    const first = createPost(actor(leader), input({ slug: "dubbel-adres" }), { publish: true });
    expect(first).toMatchObject({ ok: true, slug: "dubbel-adres" });
    const before = getDb().select().from(posts).all().length;
    const second = createPost(actor(leader), input({ slug: "dubbel-adres" }), { publish: true });
    expect(second).toMatchObject({ ok: false, reason: "slug_taken", field: "slug", message: "post.error.slugTaken" });
    // Also when the slug is made from the same title.
    const sameTitle = input({ title: "Dubbel adres" });
    expect(createPost(actor(leader), sameTitle, { publish: false })).toMatchObject({ ok: false, reason: "slug_taken" });
    expect(getDb().select().from(posts).all().length).toBe(before);

    // Editing another post to that slug is refused too; keeping your own is fine.
    const other = createPost(actor(leader), input(), { publish: false });
    if (!other.ok) throw new Error(other.reason);
    expect(updatePost(actor(leader), other.slug, input({ slug: "dubbel-adres" }), "save")).toMatchObject({ ok: false, reason: "slug_taken" });
    expect(updatePost(actor(leader), "dubbel-adres", input({ slug: "dubbel-adres" }), "save")).toMatchObject({ ok: true });
  });

  it("refuses the words the routes use as a slug", () => {
    expect(createPost(actor(leader), input({ slug: "nieuw" }), { publish: false })).toMatchObject({
      ok: false,
      field: "slug",
      message: "post.error.slugReserved",
    });
  });

  it("refuses links other than http, https and mailto, at the body field", () => {
    for (const body of [
      "Klik [hier](javascript:alert(1)).",
      "Een [bestand](file:///etc/passwd).",
      "Zie <ftp://example.org/bestand>.",
      "Plaatje ![x](data:image/png;base64,AAAA)",
      "[Geen schema](www.gemeente.nl)",
      "[ref]\n\n[ref]: vbscript:msgbox",
    ]) {
      const result = createPost(actor(leader), input({ body }), { publish: true });
      expect(result, body).toMatchObject({ ok: false, reason: "bad_link", field: "body", message: "post.error.linkScheme" });
    }
    const fine = createPost(
      actor(leader),
      input({ body: "Zie [gemeente](https://gemeente.nl), [mail](mailto:lab@gemeente.nl), [ronde](/rondes/x) en www.example.org." }),
      { publish: true },
    );
    expect(fine).toMatchObject({ ok: true });
  });

  it("refuses an unknown cycle", () => {
    expect(createPost(actor(leader), input({ cycleId: 999_999 }), { publish: false })).toMatchObject({ ok: false, field: "cycleId" });
  });

  it("hides published posts of a concept cycle from everyone but project leaders", () => {
    const created = createPost(actor(leader), input({ cycleId: conceptCycle.id }), { publish: true });
    if (!created.ok) throw new Error(created.reason);
    expect(getPostPage(null, created.slug)).toBeNull();
    expect(getPostPage(actor(resident), created.slug)).toBeNull();
    expect(getPostPage(actor(leader), created.slug)).not.toBeNull();
    expect(listPublishedPosts(actor(resident), 1, 1000).rows.map((p) => p.id)).not.toContain(created.id);
    expect(listPublishedPosts(actor(leader), 1, 1000).rows.map((p) => p.id)).toContain(created.id);
    expect(listFeedPosts(1000).map((p) => p.id)).not.toContain(created.id);
    expect(listPostsForCycle(actor(resident), conceptCycle, 10)).toEqual([]);

    const open = createPost(actor(leader), input({ cycleId: openCycle.id }), { publish: true });
    if (!open.ok) throw new Error(open.reason);
    expect(getPostPage(null, open.slug)?.post.cycle?.phase).toBe("meedenken");
    expect(listPostsForCycle(null, openCycle, 10).map((p) => p.id)).toContain(open.id);
  });

  it("pages published posts newest first, ten at a time, without counting", () => {
    const base = Date.parse("2030-01-01T00:00:00Z");
    const made: string[] = [];
    for (let i = 0; i < POSTS_PAGE_SIZE + 2; i++) {
      const result = createPost(actor(leader), input({ title: `Paginatest ${i}` }), { publish: true }, new Date(base + i * 60_000));
      if (!result.ok) throw new Error(result.reason);
      made.push(result.slug);
    }
    const first = listPublishedPosts(null, 1);
    expect(first.rows).toHaveLength(POSTS_PAGE_SIZE);
    expect(first.hasNext).toBe(true);
    expect(first.rows.map((p) => p.slug)).toEqual(made.slice().reverse().slice(0, POSTS_PAGE_SIZE));
    const second = listPublishedPosts(null, 2);
    expect(second.rows.slice(0, 2).map((p) => p.slug)).toEqual(made.slice(0, 2).reverse());
  });

  it("reads lists through the indexes", () => {
    const plan = (sql: string) =>
      getDb()
        .$client.prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .all()
        .map((r) => (r as { detail: string }).detail)
        .join("\n");
    const list = plan(
      `SELECT p.id FROM posts p LEFT JOIN cycles c ON c.id = p.cycle_id WHERE p.status = 'published' AND (p.cycle_id IS NULL OR c.phase <> 'concept') ORDER BY p.published_at DESC, p.id DESC LIMIT 11`,
    );
    expect(list).toContain("posts_status_published_idx");
    expect(list).not.toContain("TEMP B-TREE");
    const cycle = plan(`SELECT id FROM posts WHERE cycle_id = 1 AND status = 'published' ORDER BY published_at DESC, id DESC LIMIT 10`);
    expect(cycle).toContain("posts_cycle_idx");
    expect(cycle).not.toContain("TEMP B-TREE");
  });

  it("the schema keeps what was typed and names the field", () => {
    const form = new FormData();
    form.set("title", "ab");
    form.set("body", "   ");
    form.set("intent", "publish");
    const parsed = parseForm(postSchema, form);
    expect(parsed).toMatchObject({
      ok: false,
      errors: { title: "post.error.titleRequired", body: "post.error.bodyRequired" },
      values: { title: "ab", body: "   " },
    });
    const long = new FormData();
    long.set("title", "x".repeat(151));
    long.set("body", "y".repeat(50_001));
    long.set("intent", "draft");
    expect(parseForm(postSchema, long)).toMatchObject({ ok: false, errors: { title: "post.error.titleTooLong", body: "post.error.bodyTooLong" } });
    const bad = new FormData();
    bad.set("title", "Goede titel");
    bad.set("slug", "Met Hoofdletters!");
    bad.set("cycleId", "abc");
    bad.set("body", "Tekst");
    bad.set("intent", "publish");
    expect(parseForm(postSchema, bad)).toMatchObject({ ok: false, errors: { slug: "post.error.slugInvalid", cycleId: "post.error.cycleInvalid" } });
  });

  it("offers the cycles that are not closed in the form", () => {
    const form = getPostForm(actor(leader))!;
    expect(form.cycles.map((c) => c.id)).toEqual(listCyclesForSelect().map((c) => c.id));
  });

  it("the feed lists published posts as valid-looking Atom with escaped text", () => {
    const created = createPost(actor(leader), input({ title: `Tunnel & "licht" <test>`, slug: "feed-escape" }), { publish: true });
    if (!created.ok) throw new Error(created.reason);
    const entries = listFeedPosts(1000).map((p) => ({
      id: p.id,
      slug: p.slug,
      title: p.title,
      summary: p.excerpt,
      authorName: p.authorName,
      publishedAt: p.publishedAt!,
      updatedAt: p.updatedAt,
    }));
    const xml = atomFeed(entries, { publicUrl: "http://localhost:3000", title: "T", subtitle: "S", author: "V", fallbackAuthor: "x", now: new Date() });
    expect(xml).toContain("<title type=\"text\">Tunnel &amp; &quot;licht&quot; &lt;test&gt;</title>");
    expect(xml).toContain('<link rel="alternate" type="text/html" href="http://localhost:3000/berichten/feed-escape"/>');
  });
});
