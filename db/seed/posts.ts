/**
 * Demo posts (Markdown in content/demo/<slug>.md, first line "# Title") and
 * reactions from demo residents. Synchronous: runs inside the seed transaction.
 */
import fs from "node:fs";
import path from "node:path";
import { excerptFrom } from "../../app/domain/posts/markdown.server";
import { posts, reactions } from "../schema";
import { daysAgo, type SeedContext } from "./context";

type DemoPost = {
  slug: string;
  /** A cycle slug, or null for a post about the lab in general. */
  cycle: string | null;
  /** Days ago it was published; null for a draft. */
  publishedDaysAgo: number | null;
  createdDaysAgo: number;
  /** [demo email, days ago, text] */
  reactions: Array<[string, number, string]>;
};

const DEMO_POSTS: DemoPost[] = [
  {
    slug: "welkom-bij-het-veranderlab",
    cycle: null,
    createdDaysAgo: 64,
    publishedDaysAgo: 63,
    reactions: [
      ["ingrid@veranderlab.test", 62.8, "Goed dat dit er is. Ik woon al dertig jaar in de Oosterparkwijk en ben benieuwd of het deze keer echt iets oplevert."],
      ["henk@veranderlab.test", 62.1, "Duidelijk verhaal. Fijn dat het eerst over wat we zelf kunnen doen gaat, en niet meteen alles bij de gemeente neerlegt."],
      ["mila@veranderlab.test", 58.4, "Kan ik ook meedoen als ik niet zo goed ben in schrijven? Ik wil wel meelopen als er iets georganiseerd wordt."],
    ],
  },
  {
    slug: "waarom-deze-ronde-over-fietstunnels",
    cycle: "enge-fietstunnels",
    createdDaysAgo: 60,
    publishedDaysAgo: 59,
    reactions: [
      ["bewoner@veranderlab.test", 58.6, "Herkenbaar. Ik fiets na tienen altijd om via de Petrus Driessenstraat, dat is tien minuten langer. In de tunnel onder de ringweg zie je bij de bocht gewoon niet wie er staat."],
      ["youssef@veranderlab.test", 57.9, "Bij de onderdoorgang bij het station ligt bijna elk weekend glas. Op zondagochtend is het het ergst. Ik heb al twee keer een lekke band gehad."],
      ["lotte@veranderlab.test", 55.2, "Mijn dochter van vijftien fietst daar elke dag door naar school. Overdag gaat het, maar in de winter is het om half vijf al donker."],
      ["bart@veranderlab.test", 52.7, "Het fietspad langs het spoor mag er wel bij. Tussen het spoor en de volkstuinen brandt over een groot stuk geen enkele lamp."],
    ],
  },
  {
    slug: "avondwandeling-door-de-tunnels",
    cycle: "enge-fietstunnels",
    createdDaysAgo: 45,
    publishedDaysAgo: 44,
    reactions: [
      ["annemarie@veranderlab.test", 43.7, "Ik liep mee en vond het een goede avond. Wat me vooral bijbleef: met z'n veertienen voelde de tunnel helemaal niet eng. Het gaat dus echt om alleen zijn in het donker."],
      ["henk@veranderlab.test", 43.2, "De lampen in de ringwegtunnel heb ik vanmorgen gemeld via de app van de gemeente. Ik laat hier weten als er iets gebeurt."],
      ["youssef@veranderlab.test", 40.9, "Update: twee van de drie lampen doen het weer sinds gisteravond. De lamp bij de bocht is nog steeds kapot."],
      ["ingrid@veranderlab.test", 39.5, "Wat mij betreft mag de muurschildering er komen. Mijn kleinzoon zit op De Ster en ze hebben er op school al over gepraat."],
    ],
  },
  {
    slug: "wat-we-tot-nu-toe-hoorden",
    cycle: "enge-fietstunnels",
    createdDaysAgo: 21,
    publishedDaysAgo: 20,
    reactions: [
      ["mila@veranderlab.test", 19.4, "Het fietsmaatje lijkt me een goed idee. Ik werk vaak tot negen uur en fiets dan terug door de ringwegtunnel. Op dinsdag en donderdag wil ik best iemand meenemen."],
      ["bart@veranderlab.test", 18.8, "Goede samenvatting. Ik help graag mee met de lampenronde, een keer per maand 's avonds rondfietsen en noteren wat stuk is."],
      ["bewoner@veranderlab.test", 12.3, "Sinds het struikgewas langs het spoor gesnoeid is, voelt dat stuk al een stuk ruimer. Licht is er alleen nog steeds niet."],
    ],
  },
  {
    slug: "plan-voor-de-schilderdag",
    cycle: "enge-fietstunnels",
    createdDaysAgo: 6,
    publishedDaysAgo: null,
    reactions: [],
  },
];

function readDemoPost(slug: string): { title: string; body: string } {
  const source = fs.readFileSync(path.resolve("content/demo", `${slug}.md`), "utf8").replace(/\r\n?/g, "\n");
  const match = /^#\s+(.+)\n/.exec(source);
  if (!match) throw new Error(`content/demo/${slug}.md must start with "# Title"`);
  return { title: match[1]!.trim(), body: source.slice(match[0].length).trim() };
}

export function seedPosts(context: SeedContext) {
  const { db, now, users } = context;
  const author = users["projectleider@veranderlab.test"] ?? null;
  for (const demo of DEMO_POSTS) {
    const { title, body } = readDemoPost(demo.slug);
    const createdAt = daysAgo(now, demo.createdDaysAgo);
    const publishedAt = demo.publishedDaysAgo === null ? null : daysAgo(now, demo.publishedDaysAgo);
    const row = db
      .insert(posts)
      .values({
        slug: demo.slug,
        title,
        body,
        excerpt: excerptFrom(body),
        status: publishedAt ? "published" : "draft",
        cycleId: demo.cycle ? (context.cycles[demo.cycle] ?? null) : null,
        authorId: author,
        createdAt,
        updatedAt: publishedAt ?? createdAt,
        publishedAt,
      })
      .returning({ id: posts.id })
      .get();
    context.posts[demo.slug] = row.id;
    for (const [email, days, text] of demo.reactions) {
      const authorId = users[email];
      if (!authorId) continue;
      const at = daysAgo(now, days);
      db.insert(reactions).values({ targetType: "post", targetId: row.id, authorId, body: text, createdAt: at, updatedAt: at }).run();
    }
  }
}
