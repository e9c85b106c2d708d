import type { Browser, BrowserContext, Page } from "@playwright/test";
import { DEMO, expect, expectAccessible, expectAccessibleWithoutJs, logIn, randomIp, test } from "./fixtures";

/** Demo knelpunten are seeded in this order (ids 1, 2, ...); db/seed/ratings.ts rates 1–4 only. */
const KNELPUNT = {
  tunnel: { id: 4, title: "Tunnel bij de Korreweg en Oostersingel" },
  speeltuin: { id: 9, title: "Speeltuin in De Hoogte na donker" },
  linnaeusplein: { id: 10, title: "Donkere hoek bij de fietsenstalling op het Linnaeusplein" },
} as const;

type Session = { context: BrowserContext; page: Page };

async function signedIn(browser: Browser, email: string, options: { javaScript?: boolean } = {}): Promise<Session> {
  const context = await browser.newContext({
    javaScriptEnabled: options.javaScript ?? true,
    extraHTTPHeaders: { "X-Forwarded-For": randomIp() },
  });
  const page = await context.newPage();
  await logIn(page, email);
  return { context, page };
}

async function openKnelpunt(page: Page, knelpunt: { id: number; title: string }) {
  await page.goto(`/knelpunten/${knelpunt.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(knelpunt.title);
  return page.getByRole("region", { name: "Voelt het veiliger?" });
}

test("a resident rates a knelpunt without JavaScript, changes it the same day, and a bad or missing score is refused at the field", async ({ browser }) => {
  test.setTimeout(90_000);
  const { context, page } = await signedIn(browser, DEMO.bewoner, { javaScript: false });
  const section = await openKnelpunt(page, KNELPUNT.linnaeusplein);
  await expect(section.getByText("Nog niemand heeft aangegeven hoe veilig deze plek voelt.")).toBeVisible();
  const group = section.getByRole("group", { name: "Hoe veilig voelt deze plek voor u?" });
  await expect(group.getByRole("radio")).toHaveCount(5);
  await expectAccessibleWithoutJs(page);

  // Saving without a choice: the route's own page, with the message at the field (400).
  await section.getByRole("button", { name: "Opslaan" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Uw keuze is niet opgeslagen" })).toBeVisible();
  const again = page.getByRole("group", { name: "Hoe veilig voelt deze plek voor u?" });
  await expect(again).toHaveAccessibleDescription(/Kies een cijfer van 1 tot en met 5\./);
  await expectAccessibleWithoutJs(page);
  // Choosing there works too, and leads back.
  await again.getByLabel("2 – onveilig").check();
  await page.getByRole("button", { name: "Opslaan" }).click();
  await expect(page).toHaveURL(new RegExp(`/knelpunten/${KNELPUNT.linnaeusplein.id}#veiligheid$`));
  await expect(page.getByText("Bedankt. U gaf vandaag een 2.")).toBeVisible();

  // Rating 3, then 4 on the same day: still one rating for today.
  const rated = page.getByRole("region", { name: "Voelt het veiliger?" });
  await expect(rated.getByText("U gaf vandaag een 2.", { exact: true })).toBeVisible();
  await expect(rated.getByText("1 beoordeling in de afgelopen 52 weken, van 1 persoon.")).toBeVisible();
  await rated.getByLabel("4 – veilig").check();
  await rated.getByRole("button", { name: "Opslaan" }).click();
  await expect(page.getByText("Bedankt. U gaf vandaag een 4.")).toBeVisible();
  await expect(rated.getByText("U gaf vandaag een 4.", { exact: true })).toBeVisible();
  await expect(rated.getByText("1 beoordeling in de afgelopen 52 weken, van 1 persoon.")).toBeVisible();
  await expect(rated.getByLabel("4 – veilig")).toBeChecked();
  await expectAccessibleWithoutJs(page);

  // Scores outside 1–5 are refused (400); unknown knelpunten are 404; a GET leads to the page.
  const post = (id: number, score: string) => page.request.post(`/knelpunten/${id}/veiligheid`, { form: { score }, maxRedirects: 0 });
  for (const score of ["0", "6", "3,5", "drie"]) {
    const response = await post(KNELPUNT.linnaeusplein.id, score);
    expect(response.status(), score).toBe(400);
    expect(await response.text()).toContain("Kies een cijfer van 1 tot en met 5. Een ander cijfer kan niet.");
  }
  expect((await post(99_999, "3")).status()).toBe(404);
  const get = await page.request.get(`/knelpunten/${KNELPUNT.linnaeusplein.id}/veiligheid`, { maxRedirects: 0 });
  expect(get.status()).toBe(302);
  expect(get.headers().location).toBe(`/knelpunten/${KNELPUNT.linnaeusplein.id}#veiligheid`);
  expect((await page.request.get("/knelpunten/99999/veiligheid", { maxRedirects: 0 })).status()).toBe(404);
  // Still one rating after all that.
  await openKnelpunt(page, KNELPUNT.linnaeusplein);
  await expect(rated.getByText("1 beoordeling in de afgelopen 52 weken, van 1 persoon.")).toBeVisible();
  await context.close();
});

test("with JavaScript the rating is saved in place, shown at once, and replaces today's", async ({ browser }) => {
  const { context, page } = await signedIn(browser, "youssef@veranderlab.test");
  const section = await openKnelpunt(page, KNELPUNT.speeltuin);
  await expect(section.getByText("Nog niemand heeft aangegeven hoe veilig deze plek voelt.")).toBeVisible();
  await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));

  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(`**/knelpunten/${KNELPUNT.speeltuin.id}/veiligheid*`, async (route) => {
    await held;
    await route.continue();
  });
  await section.getByLabel("5 – heel veilig").check();
  await section.getByRole("button", { name: "Opslaan" }).click();
  // Optimistic: shown while the request waits.
  await expect(section.getByText("U gaf vandaag een 5.", { exact: true })).toBeVisible();
  release();
  await expect(section.getByRole("status").filter({ hasText: "Opgeslagen. U gaf vandaag een 5." })).toBeAttached();
  await expect(section.getByText("1 beoordeling in de afgelopen 52 weken, van 1 persoon.")).toBeVisible();
  await page.unroute(`**/knelpunten/${KNELPUNT.speeltuin.id}/veiligheid*`);

  await section.getByLabel("3 – niet veilig, niet onveilig").check();
  await section.getByRole("button", { name: "Opslaan" }).click();
  await expect(section.getByRole("status").filter({ hasText: "Opgeslagen. U gaf vandaag een 3." })).toBeAttached();
  await expect(section.getByText("U gaf vandaag een 3.", { exact: true })).toBeVisible();
  await expect(section.getByText("1 beoordeling in de afgelopen 52 weken, van 1 persoon.")).toBeVisible();
  // No page load happened.
  expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
  await expectAccessible(page);
  await context.close();
});

test("the demo knelpunt solved by residents shows the chart, the same numbers as a table, and the before/after sentence", async ({ page }) => {
  const section = await openKnelpunt(page, KNELPUNT.tunnel);
  const chart = section.getByRole("img", { name: "Gemiddeld veiligheidsgevoel per week", exact: true });
  await expect(chart).toBeVisible();
  await expect(chart).toHaveAccessibleDescription(/Gemiddeld cijfer per week.*Verticale lijnen: ‘Tunnel beschilderen met de basisschool om de hoek’ uitgevoerd op/);
  expect(await chart.locator("polyline").count()).toBeGreaterThan(0);
  await expect(chart.locator("line.vl-rating-chart__mark")).toHaveCount(1);

  await section.getByText("Bekijk de cijfers per week als tabel").click();
  const table = section.getByRole("table", { name: /Gemiddeld cijfer per week/ });
  await expect(table).toBeVisible();
  await expect(table.getByRole("columnheader")).toHaveText(["Week van", "Gemiddelde", "Aantal beoordelingen", "Uitgevoerd"]);
  expect(await table.getByRole("row").count()).toBeGreaterThan(3);
  await expect(table.getByRole("cell", { name: /uitgevoerd op/ })).toHaveCount(1);

  await expect(
    section.getByText(/In de 6 weken na ‘Tunnel beschilderen met de basisschool om de hoek’ gaven 8 mensen gemiddeld een 3,6\. In de 6 weken daarvoor gaven 6 mensen gemiddeld een 2,0\./),
  ).toBeVisible();
  // A visitor is asked to log in to rate.
  await expect(section.getByRole("radio")).toHaveCount(0);
  await expect(section.getByRole("link", { name: "Inloggen" })).toHaveAttribute("href", "/inloggen?redirectTo=%2Fknelpunten%2F4%23veiligheid");
  await expectAccessible(page);
});
