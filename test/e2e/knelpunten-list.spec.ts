import type { Locator, Page } from "@playwright/test";
import { DEMO, expect, expectAccessible, expectAccessibleWithoutJs, logIn, randomIp, test } from "./fixtures";

const CYCLE = "/rondes/enge-fietstunnels";
const LIST = `${CYCLE}/knelpunten`;
const NEW = `${LIST}/nieuw`;

/** Demo knelpunten in the Oosterparkwijk (db/seed/knelpunten.ts): supports and age. */
const EUROPAWEG = "Donkere fietstunnel onder de Europaweg"; // 9 supports, 52 days, zelf aan de slag
const DAMSTERDIEP = "Fietspad langs het Damsterdiep bij de brug"; // 3 supports, 30 days, open
const LINNAEUSPLEIN = "Donkere hoek bij de fietsenstalling op het Linnaeusplein"; // 0 supports, 3 days, open, no point

function results(page: Page): Locator {
  return page.getByRole("region", { name: "Lijst" });
}

/** The titles in the list, in the order shown. */
async function titles(page: Page): Promise<string[]> {
  return results(page).getByRole("heading", { level: 3 }).allTextContents();
}

function item(page: Page, title: string): Locator {
  return results(page).getByRole("listitem").filter({ has: page.getByRole("heading", { level: 3, name: title }) });
}

test("a resident reports a place with JavaScript, with a pin, and finds it on the map", async ({ page }) => {
  const title = `Kapotte lamp bij het fietspad ${Date.now()}`;
  await logIn(page, DEMO.bewoner);
  await page.goto(CYCLE);
  const section = page.getByRole("region", { name: "Gemelde plekken" });
  await expect(section.getByRole("link", { name: /^Open: \d+$/ })).toBeVisible();
  await expectAccessible(page);
  await section.getByRole("link", { name: "Meld een plek" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Een onveilige plek melden" })).toBeVisible();
  await expect(page.getByText(/Die tekst is het belangrijkst/)).toBeVisible();
  await expect(page.getByText(/nooit over iemands afkomst of uiterlijk/)).toBeVisible();
  await expect(page.getByRole("link", { name: "Lees de gedragscode" })).toHaveAttribute("href", "/gedragscode");
  // With JavaScript the free wijk field appears only when "Andere wijk" is chosen.
  await expect(page.getByLabel("Naam van de andere wijk")).toHaveCount(0);
  await expectAccessible(page);

  await page.getByLabel("Korte titel").fill("Lamp");
  await page.getByLabel("Wat maakt deze plek onveilig?").fill("Na 21.00 uur is het pad helemaal donker. Je ziet niet wie er aankomt.");
  await page.getByLabel("Wijk", { exact: true }).selectOption({ label: "Andere wijk" });
  await page.getByLabel("Naam van de andere wijk").fill("Beijum");
  await page.getByLabel("Adres of omschrijving van de plek").fill("Fietspad langs de Beijumerweg, bij de brug");
  // The map tiles cannot load offline; the pin still works.
  await page.getByRole("button", { name: "Zet de speld in het midden van de kaart" }).click();
  await expect(page.getByText("Er staat een speld op de kaart.")).toBeVisible();

  // A title that is too short: refused at the field, the pin and the rest kept.
  await page.getByRole("button", { name: "Melden" }).click();
  await expect(page.getByLabel("Korte titel")).toHaveAccessibleDescription(/Geef een titel van minstens 5 tekens/);
  await expect(page.getByRole("alert").getByRole("link", { name: /Korte titel/ })).toBeVisible();
  await expect(page.getByLabel("Naam van de andere wijk")).toHaveValue("Beijum");
  await expect(page.getByLabel("Adres of omschrijving van de plek")).toHaveValue("Fietspad langs de Beijumerweg, bij de brug");
  await expect(page.getByText("Er staat een speld op de kaart.")).toBeVisible();
  await expect(page).toHaveTitle(/^Fout: /);
  await expectAccessible(page);

  await page.getByLabel("Korte titel").fill(title);
  await page.getByRole("button", { name: "Melden" }).click();
  await expect(page).toHaveURL(/\/knelpunten\/\d+$/);

  // Stored with its wijk and its point: on the map view it counts as on the map.
  await page.goto(`${LIST}?wijk=Beijum&weergave=kaart`);
  await expect(page.getByRole("link", { name: "Kaart", exact: true })).toHaveAttribute("aria-current", "page");
  const reported = item(page, title);
  await expect(reported).toContainText("Beijum");
  await expect(reported).toContainText("Staat op de kaart");
  await expect(reported).toContainText("Open");
  await expect(reported).toContainText("0 keer gesteund");
  await expect(page.getByRole("region", { name: "Kaart met de gemelde plekken" }).getByAltText(title)).toHaveCount(1);
  await expectAccessible(page);
});

test("a resident reports a place without JavaScript; bad input keeps what was typed", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, extraHTTPHeaders: { "X-Forwarded-For": randomIp() } });
  const page = await context.newPage();
  const title = `Geen licht bij de Korrewegbrug ${Date.now()}`;
  const description = "Elke avond na 22.00 uur is de brug donker.\n\n- de lamp is kapot\n- er staan vaak brommers";
  await logIn(page, DEMO.bewoner);
  await page.goto(NEW);
  await expect(page.getByRole("heading", { level: 1, name: "Een onveilige plek melden" })).toBeVisible();
  // No map without JavaScript: the coordinates are optional text fields instead.
  await expect(page.getByText(/Zonder JavaScript kunt u geen speld op de kaart zetten/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Zet de speld in het midden van de kaart" })).toHaveCount(0);
  await expectAccessibleWithoutJs(page);

  await page.getByLabel("Korte titel").fill("Brug");
  await page.getByLabel("Wat maakt deze plek onveilig?").fill(description);
  await page.getByLabel("Wijk", { exact: true }).selectOption("Korrewegwijk");
  await page.getByLabel("Breedtegraad").fill("53,2251");
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST"),
    page.getByRole("button", { name: "Melden" }).click(),
  ]);
  expect(response.status()).toBe(400);
  await expect(page).toHaveTitle(/^Fout: /);
  await expect(page.getByLabel("Korte titel")).toHaveAccessibleDescription(/Geef een titel van minstens 5 tekens/);
  await expect(page.getByLabel("Adres of omschrijving van de plek")).toHaveAccessibleDescription(/minstens 3 tekens/);
  await expect(page.getByLabel("Breedtegraad")).toHaveAccessibleDescription(/Geef zowel de breedtegraad als de lengtegraad, of laat beide leeg\./);
  await expect(page.getByRole("alert").getByRole("link", { name: /Punt op de kaart/ })).toHaveAttribute("href", "#field-lat");
  await expect(page.getByLabel("Korte titel")).toHaveValue("Brug");
  await expect(page.getByLabel("Wat maakt deze plek onveilig?")).toHaveValue(description);
  await expect(page.getByLabel("Wijk", { exact: true })).toHaveValue("Korrewegwijk");
  await expect(page.getByLabel("Breedtegraad")).toHaveValue("53,2251");

  await page.getByLabel("Korte titel").fill(title);
  await page.getByLabel("Adres of omschrijving van de plek").fill("Brug over het Boterdiep bij de Korreweg");
  await page.getByLabel("Lengtegraad").fill("6,5790");
  await page.getByRole("button", { name: "Melden" }).click();
  await expect(page).toHaveURL(/\/knelpunten\/\d+$/);

  await page.goto(`${LIST}?wijk=Korrewegwijk&weergave=kaart`);
  const reported = item(page, title);
  await expect(reported).toContainText("Korrewegwijk");
  await expect(reported).toContainText("Brug over het Boterdiep bij de Korreweg");
  await expect(reported).toContainText("Staat op de kaart");
  // Without JavaScript the map says so; the list is the way to the places.
  await expect(page.getByText("De kaart werkt alleen met JavaScript. Alle plekken staan ook in de lijst.")).toBeVisible();
  await expectAccessibleWithoutJs(page);
  await context.close();
});

test("a visitor filters the list by status and wijk, sorts by support, pages and sees the map", async ({ page, browser }) => {
  await page.goto(LIST);
  await expect(page.getByRole("heading", { level: 1, name: "Gemelde plekken" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Meld een plek" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Log in om een plek te melden" })).toHaveAttribute(
    "href",
    `/inloggen?redirectTo=${encodeURIComponent(NEW)}`,
  );
  await expect(page.getByRole("link", { name: "Lijst", exact: true })).toHaveAttribute("aria-current", "page");
  await expect(item(page, EUROPAWEG)).toContainText("Bewoners zijn zelf aan de slag");
  await expect(item(page, EUROPAWEG)).toContainText("9 keer gesteund");
  await expectAccessible(page);

  // One wijk, most support first.
  await page.getByLabel("Wijk").selectOption("Oosterparkwijk");
  await page.getByLabel("Volgorde").selectOption({ label: "Meeste steun eerst" });
  await page.getByRole("button", { name: "Toon" }).click();
  await expect(page).toHaveURL(/wijk=Oosterparkwijk/);
  await expect(page).toHaveURL(/sorteer=steun/);
  let shown = await titles(page);
  expect(shown.indexOf(EUROPAWEG)).toBeGreaterThanOrEqual(0);
  expect(shown.indexOf(EUROPAWEG)).toBeLessThan(shown.indexOf(DAMSTERDIEP));
  expect(shown.indexOf(DAMSTERDIEP)).toBeLessThan(shown.indexOf(LINNAEUSPLEIN));
  const wijken = await results(page).locator(".vl-kl-item__facts > div:first-child dd").allTextContents();
  expect(wijken.length).toBe(shown.length);
  expect(new Set(wijken)).toEqual(new Set(["Oosterparkwijk"]));
  await expectAccessible(page);

  // Newest first turns that order around.
  await page.getByLabel("Volgorde").selectOption({ label: "Nieuwste eerst" });
  await page.getByRole("button", { name: "Toon" }).click();
  await expect(page).not.toHaveURL(/sorteer=steun/);
  shown = await titles(page);
  expect(shown.indexOf(LINNAEUSPLEIN)).toBeGreaterThanOrEqual(0);
  expect(shown.indexOf(LINNAEUSPLEIN)).toBeLessThan(shown.indexOf(DAMSTERDIEP));
  expect(shown.indexOf(DAMSTERDIEP)).toBeLessThan(shown.indexOf(EUROPAWEG));

  // Only open ones: the one residents are working on drops out.
  await page.getByLabel("Status").selectOption({ label: "Open" });
  await page.getByRole("button", { name: "Toon" }).click();
  await expect(page).toHaveURL(/status=open/);
  await expect(item(page, DAMSTERDIEP)).toBeVisible();
  await expect(item(page, EUROPAWEG)).toHaveCount(0);
  const badges = await results(page).getByRole("listitem").locator(".vl-badge").allTextContents();
  expect(badges.length).toBeGreaterThan(0);
  expect(new Set(badges)).toEqual(new Set(["Open"]));
  await expectAccessible(page);

  // A status with nothing in this wijk: the empty state, with a way back.
  await page.getByLabel("Status").selectOption({ label: "Afgewezen" });
  await page.getByRole("button", { name: "Toon" }).click();
  await expect(page.getByText("Geen knelpunten gevonden met deze keuze.")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Toon alle plekken" }).click();
  await expect(item(page, EUROPAWEG)).toBeVisible();

  // Paging keeps the filters. A resident adds 11 places first, so there are
  // more than 20 (10 demo ones plus these, plus what other tests add).
  const resident = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": randomIp() } });
  const residentPage = await resident.newPage();
  await logIn(residentPage, DEMO.bewoner);
  const run = Date.now();
  for (let n = 1; n <= 11; n += 1) {
    const response = await residentPage.request.post(NEW, {
      form: {
        title: `Donker pad nummer ${n} (${run})`,
        description: "Na 22.00 uur brandt hier geen lamp meer.",
        wijkKeuze: "__anders",
        wijkAnders: "Paddepoel",
        locationText: `Pad achter het winkelcentrum, stuk ${n}`,
      },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(302);
  }
  await resident.close();

  await page.goto(`${LIST}?sorteer=steun`);
  const onFirst = await titles(page);
  expect(onFirst).toHaveLength(20);
  const pages = page.getByRole("navigation", { name: "Paginering" });
  await expect(pages.getByRole("link", { name: "Vorige pagina" })).toHaveCount(0);
  await pages.getByRole("link", { name: "Volgende pagina" }).click();
  await expect(page).toHaveURL(/pagina=2/);
  await expect(page).toHaveURL(/sorteer=steun/);
  await expect(page.getByLabel("Volgorde")).toHaveValue("steun");
  const onSecond = await titles(page);
  expect(onSecond.length).toBeGreaterThan(0);
  expect(onSecond.filter((title) => onFirst.includes(title))).toEqual([]);
  await expect(pages.getByRole("link", { name: "Vorige pagina" })).toHaveAttribute("href", `${LIST}?sorteer=steun`);
  await expectAccessible(page);
  // A page beyond the last says so, with a way back.
  await page.goto(`${LIST}?sorteer=steun&pagina=99`);
  await expect(page.getByText("Op deze pagina staan geen plekken meer.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Naar de eerste pagina" })).toHaveAttribute("href", `${LIST}?sorteer=steun`);

  // The map view: the same filters, the map (or its fallback), and the list still below it.
  await page.goto(`${LIST}?wijk=Oosterparkwijk`);
  await page.getByRole("navigation", { name: "Weergave" }).getByRole("link", { name: "Kaart" }).click();
  await expect(page).toHaveURL(/weergave=kaart/);
  await expect(page).toHaveURL(/wijk=Oosterparkwijk/);
  await expect(page.getByRole("link", { name: "Kaart", exact: true })).toHaveAttribute("aria-current", "page");
  const map = page.getByRole("region", { name: "Kaart met de gemelde plekken" });
  await expect(map.or(page.getByText("De kaart werkt alleen met JavaScript."))).toBeVisible();
  await expect(page.getByText(/\d+ plekken staan op de kaart\./)).toBeVisible();
  await expect(page.getByText(/geen punt op de kaart/)).toBeVisible();
  await expect(item(page, LINNAEUSPLEIN)).toContainText("Niet op de kaart");
  await expect(item(page, EUROPAWEG)).toContainText("Staat op de kaart");
  await expect(map.getByAltText(EUROPAWEG)).toHaveCount(1);
  await expect(map.getByAltText(LINNAEUSPLEIN)).toHaveCount(0);
  await expectAccessible(page);
});

test("the cycle page counts reported places per status and links to the filtered list", async ({ page }) => {
  await page.goto(CYCLE);
  const section = page.getByRole("region", { name: "Gemelde plekken" });
  await expect(section.getByText(/Bewoners hebben \d+ plekken gemeld\./)).toBeVisible();
  await expect(section.getByRole("link", { name: /^Opgelost: \d+$/ })).toBeVisible();
  await expect(section.getByRole("link", { name: /^Naar de gemeente: \d+$/ })).toBeVisible();
  // Visitors do not get the report button.
  await expect(section.getByRole("link", { name: "Meld een plek" })).toHaveCount(0);
  await expectAccessible(page);

  await section.getByRole("link", { name: /^Opgelost: \d+$/ }).click();
  await expect(page).toHaveURL(/status=opgelost/);
  // The address changes a moment before the new page is shown (a client-side navigation).
  await expect(page.getByRole("heading", { level: 1, name: "Gemelde plekken" })).toBeVisible();
  await expect(page.getByRole("combobox", { name: "Status" })).toHaveValue("opgelost");
  await expect(item(page, "Tunnel bij de Korreweg en Oostersingel")).toContainText("Opgelost");
  const badges = await results(page).getByRole("listitem").locator(".vl-badge").allTextContents();
  expect(new Set(badges)).toEqual(new Set(["Opgelost"]));
  await expectAccessible(page);

  // A visitor who wants to report is asked to sign in first.
  await page.goto(NEW);
  await expect(page).toHaveURL(/\/inloggen\?redirectTo=/);
});

test("only residents report: a project leader sees no button and gets the 403 page", async ({ page, browser }) => {
  const leaderContext = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": randomIp() } });
  const leader = await leaderContext.newPage();
  await logIn(leader, DEMO.projectleider);
  await leader.goto(CYCLE);
  await expect(leader.getByRole("region", { name: "Gemelde plekken" }).getByRole("link", { name: "Bekijk alle gemelde plekken" })).toBeVisible();
  await expect(leader.getByRole("link", { name: "Meld een plek" })).toHaveCount(0);
  await leader.goto(LIST);
  await expect(leader.getByRole("link", { name: "Meld een plek" })).toHaveCount(0);
  await expect(leader.getByRole("link", { name: "Log in om een plek te melden" })).toHaveCount(0);
  expect((await leader.goto(NEW))?.status()).toBe(403);
  await expect(leader.getByRole("heading", { level: 1 })).toBeVisible();
  await expectAccessible(leader);
  const forged = await leader.request.post(NEW, {
    headers: { Origin: new URL(leader.url()).origin },
    form: { title: "Een plek die ik meld", description: "Een beschrijving van de plek.", wijk: "De Hoogte", locationText: "Ergens" },
  });
  expect(forged.status()).toBe(403);
  // The concept cycle is the project leader's alone.
  expect((await leader.goto("/rondes/pleinen-in-de-avond/knelpunten"))?.status()).toBe(200);
  await leaderContext.close();

  await logIn(page, DEMO.bewoner);
  expect((await page.goto("/rondes/pleinen-in-de-avond/knelpunten"))?.status()).toBe(404);
  expect((await page.goto("/rondes/pleinen-in-de-avond/knelpunten/nieuw"))?.status()).toBe(404);
});
