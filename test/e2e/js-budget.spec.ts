import { request as httpRequest } from "node:http";
import { gzipSync } from "node:zlib";
import type { Page, Response } from "@playwright/test";
import { expect, randomIp, test } from "./fixtures";

/**
 * The JavaScript budget (issue 7, "Performance at city scale"): what a
 * visitor's browser (not signed in, nothing cached) downloads for a public
 * page.
 *
 * Which files: Chromium opens the page of the production build and we note
 * every JavaScript response until React has taken the page over and the
 * network is idle: the files the HTML names (module scripts, modulepreload
 * links, the inline import of the entry) and whatever hydration imports.
 *
 * How many bytes: each of those files is asked from the server again the way
 * a current browser asks over HTTPS (`Accept-Encoding: gzip, deflate, br,
 * zstd`) and we count the bytes of the body as sent (compressed): "br". (Over
 * the tests' plain HTTP, Chromium itself does not offer brotli.) "gzip" is the
 * same for a client that only accepts gzip; "raw" is uncompressed.
 *
 * The rule:
 * - A public page's JavaScript is at most 120 kB as sent ("br").
 * - Two things may come later, outside those 120 kB, each with its own limit:
 *   - the map (Leaflet), on pages that show one (a knelpunt with a point, the
 *     list's map view): it loads only when the map comes near the screen
 *     (app/ui/map/map.tsx), and is at most 55 kB. On a wide screen the
 *     knelpunt's map is in view at once, so it loads right after hydration;
 *   - the rest of the texts of the visitor's language: a page brings the
 *     texts it shows (app/i18n/catalogs.client.ts); the whole catalog (at
 *     most 25 kB) loads on the first interaction or client-side navigation,
 *     never on a plain visit.
 * - The editor (tiptap; editor pages only) never arrives on a public page,
 *   and the map's code never on a page without a map.
 * - Script and data inside the HTML itself (React Router's hydration data,
 *   the page's texts) is at most 12 kB gzipped, so nothing escapes the budget
 *   by moving into the page.
 */

const KB = 1000;
const BUDGET = 120 * KB;
const MAP_BUDGET = 55 * KB;
const TEXTS_BUDGET = 25 * KB;
const INLINE_BUDGET = 12 * KB;

const MAP_CHUNK = /\/leaflet-map\.client-[\w-]+\.js$/;
const TEXTS_CHUNK = /\/(nl|en)-[\w-]+\.js$/;
const EDITOR_CHUNK = /\/(MarkdownEditor|PostForm)-[\w-]+\.js$/;

type PublicPage = { name: string; path: string; map?: boolean };
const PAGES: PublicPage[] = [
  { name: "home", path: "/" },
  { name: "knelpunt", path: "/knelpunten/1", map: true },
  { name: "post", path: "/berichten/avondwandeling-door-de-tunnels" },
  { name: "cycle", path: "/rondes/enge-fietstunnels" },
  { name: "knelpunten (list)", path: "/rondes/enge-fietstunnels/knelpunten" },
  { name: "knelpunten (map)", path: "/rondes/enge-fietstunnels/knelpunten?weergave=kaart", map: true },
  { name: "answers", path: "/antwoorden" },
  { name: "question", path: "/vragen/1" },
  { name: "cycles", path: "/rondes" },
  { name: "posts", path: "/berichten" },
  { name: "report", path: "/rondes/donkere-steegjes-binnenstad/verslag" },
  { name: "about", path: "/over" },
];

type Script = { url: string; br: number; gzip: number; raw: number };

/** The size of a response body as the server sends it (not decoded) to a client accepting `acceptEncoding`. */
function sentBytes(url: string, acceptEncoding: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      url,
      { family: 4, headers: { "Accept-Encoding": acceptEncoding, "X-Forwarded-For": randomIp() } },
      (response) => {
        let bytes = 0;
        response.on("data", (chunk: Buffer) => (bytes += chunk.length));
        response.on("end", () => (response.statusCode === 200 ? resolve(bytes) : reject(new Error(`${url}: ${response.statusCode}`))));
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    request.end();
  });
}

/** Notes a page's JavaScript responses; `measure()` sizes them. */
function watchScripts(page: Page) {
  const responses: Response[] = [];
  page.on("response", (response) => {
    if (/javascript/.test(response.headers()["content-type"] ?? "")) responses.push(response);
  });
  return {
    async measure(filter: RegExp = /./): Promise<Script[]> {
      return Promise.all(
        responses
          .filter((response) => filter.test(new URL(response.url()).pathname))
          .map(async (response) => ({
            url: new URL(response.url()).pathname,
            br: await sentBytes(response.url(), "gzip, deflate, br, zstd"),
            gzip: await sentBytes(response.url(), "gzip"),
            raw: (await response.body()).length,
          })),
      );
    },
  };
}

/** Opens a page and waits until React has taken it over and nothing more loads. */
async function visit(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(200);
  await page.waitForFunction(() => {
    const router = (window as { __reactRouterDataRouter?: { state: { initialized: boolean } } }).__reactRouterDataRouter;
    return router?.state.initialized === true;
  });
  await page.waitForLoadState("networkidle");
  return response!;
}

/** The inline <script> elements of the HTML (hydration data, the page's texts), as the server gzips them. */
function inlineScriptBytes(html: string): number {
  const inline = [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((match) => match[1]).join("\n");
  return gzipSync(inline).length;
}

const sum = (scripts: Script[], key: "br" | "gzip" | "raw") => scripts.reduce((total, script) => total + script[key], 0);
const kB = (bytes: number) => (bytes / KB).toFixed(1);

type Row = { name: string; path: string; files: number; br: number; gzip: number; raw: number; inline: number | null; note: string };

function table(rows: Row[]): string {
  const cells = (...values: string[]) =>
    values.map((value, index) => (index < 2 ? value.padEnd(index === 0 ? 20 : 54) : index === values.length - 1 ? `  ${value}` : value.padStart(9))).join("");
  return [
    cells("page", "path", "files", "br kB", "gzip kB", "raw kB", "html kB", "note"),
    ...rows.map((row) =>
      cells(row.name, row.path, String(row.files), kB(row.br), kB(row.gzip), kB(row.raw), row.inline === null ? "" : kB(row.inline), row.note),
    ),
  ].join("\n");
}

// One test for every page (soft checks), so a page over budget does not hide the others and the table is whole.
test("public pages stay within the JavaScript budget", async ({ browser, baseURL, locale }) => {
  test.setTimeout(180_000);
  const rows: Row[] = [];
  for (const { name, path, map } of PAGES) {
    // A new visitor for every page: nothing cached, not signed in, a wide screen.
    const context = await browser.newContext({ baseURL, locale, extraHTTPHeaders: { "X-Forwarded-For": randomIp() } });
    const page = await context.newPage();
    const scripts = watchScripts(page);
    const response = await visit(page, path);
    const all = await scripts.measure();
    const inline = inlineScriptBytes(await response.text());
    await context.close();

    const editor = all.filter((script) => EDITOR_CHUNK.test(script.url) || script.url.includes("tiptap"));
    expect.soft(editor.map((script) => script.url), `${path}: the editor never arrives on a public page`).toEqual([]);
    const texts = all.filter((script) => TEXTS_CHUNK.test(script.url));
    expect.soft(texts.map((script) => script.url), `${path}: a visit brings its own texts; the catalog waits`).toEqual([]);
    const mapChunk = all.filter((script) => MAP_CHUNK.test(script.url));
    if (!map) expect.soft(mapChunk.map((script) => script.url), `${path}: no map code on a page without a map`).toEqual([]);
    for (const chunk of mapChunk) expect.soft(chunk.br, `${path}: the map's code (${chunk.url})`).toBeLessThanOrEqual(MAP_BUDGET);

    const initial = all.filter((script) => !MAP_CHUNK.test(script.url));
    rows.push({
      name,
      path,
      files: initial.length,
      br: sum(initial, "br"),
      gzip: sum(initial, "gzip"),
      raw: sum(initial, "raw"),
      inline,
      note: mapChunk.length ? `then the map: ${kB(sum(mapChunk, "br"))} kB` : "",
    });
    const list = initial
      .toSorted((a, b) => b.br - a.br)
      .map((script) => `${kB(script.br).padStart(6)} kB  ${script.url}`)
      .join("\n");
    expect.soft(sum(initial, "br"), `JavaScript of ${path}, as sent:\n${list}\n`).toBeLessThanOrEqual(BUDGET);
    expect.soft(inline, `inline script and data in the HTML of ${path}`).toBeLessThanOrEqual(INLINE_BUDGET);
  }
  console.log(
    `\nJavaScript of a first visit per public page, compressed as sent (budget ${kB(BUDGET)} kB "br"; html = inline script and data, gzipped)\n${table(rows)}\n`,
  );
});

test("the map loads when it comes near the screen, the rest of the texts on the first interaction", async ({ page }) => {
  // A phone-sized screen, on which the knelpunt's map is further down the page.
  await page.setViewportSize({ width: 390, height: 600 });
  const scripts = watchScripts(page);
  await visit(page, "/knelpunten/1");
  const mapSection = page.getByRole("region", { name: "Op de kaart" });
  // Further below the screen than the margin at which the map starts to load (a quarter screen).
  const screensBelow = await mapSection.evaluate((element) => (element.getBoundingClientRect().top - window.innerHeight) / window.innerHeight);
  expect(screensBelow, "the map starts well below the screen").toBeGreaterThan(0.5);
  expect(await scripts.measure(MAP_CHUNK), "no map code before the map is near the screen").toEqual([]);
  await expect(mapSection).toContainText("De kaart wordt geladen");

  await mapSection.scrollIntoViewIfNeeded();
  await expect(mapSection.locator(".leaflet-marker-icon")).toBeVisible();
  await page.waitForLoadState("networkidle");
  const map = await scripts.measure(MAP_CHUNK);
  expect(map).toHaveLength(1);
  expect(map[0]!.br).toBeLessThanOrEqual(MAP_BUDGET);

  // Nothing so far needed a text the page did not bring; the first key press fetches the rest, once.
  expect(await scripts.measure(TEXTS_CHUNK)).toEqual([]);
  await page.keyboard.press("Tab");
  await expect.poll(async () => (await scripts.measure(TEXTS_CHUNK)).length).toBe(1);
  const texts = await scripts.measure(TEXTS_CHUNK);
  expect(texts[0]!.url).toMatch(/\/nl-[\w-]+\.js$/);
  expect(texts[0]!.br).toBeLessThanOrEqual(TEXTS_BUDGET);

  console.log(
    `\nLoaded later on /knelpunten/1\n${table([
      { name: "map", path: "when the map comes near the screen", files: 1, br: map[0]!.br, gzip: map[0]!.gzip, raw: map[0]!.raw, inline: null, note: map[0]!.url },
      { name: "texts", path: "on the first interaction", files: 1, br: texts[0]!.br, gzip: texts[0]!.gzip, raw: texts[0]!.raw, inline: null, note: texts[0]!.url },
    ])}\n`,
  );
});
