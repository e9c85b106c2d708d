import { DEMO, expect, expectAccessible, expectAccessibleWithoutJs, logIn, randomIp, test } from "./fixtures";

/** Demo knelpunten waiting for an answer (db/seed/review.ts): the oldest first. */
const WAITING = {
  speeltuin: "Speeltuin in De Hoogte na donker",
  plantsoen: "Pad door het Noorderplantsoen na donker",
} as const;
const FATIMA = "Fatima El Amrani (Gemeente Groningen, afdeling Openbare Ruimte)";

/** A day `days` from now in the Netherlands, as a date field wants it (YYYY-MM-DD). */
function dayFromNow(days: number): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam", year: "numeric", month: "2-digit", day: "2-digit" }).format(
    new Date(Date.now() + days * 86_400_000),
  );
}

test("a resident gets 403 on the review pages; a visitor is asked to sign in; everyone reads the answers", async ({ page }) => {
  await page.goto("/antwoorden");
  await expect(page.getByRole("heading", { level: 1, name: "Antwoorden van gemeente en politie" })).toBeVisible();
  // The demo: the police declined one with a reason, the municipality promised another.
  const declined = page.getByRole("article").filter({ has: page.getByRole("link", { name: "Zaagmuldersweg: lege bedrijfsstraat na 18.00 uur" }) });
  await expect(declined.getByText("Afgewezen", { exact: true })).toBeVisible();
  await expect(declined.getByText("Door Wijkagent Peter Smit (Politie Groningen, basisteam Oost)")).toBeVisible();
  await expect(declined.getByText(/Daarom zetten wij hier geen extra controles in/)).toBeVisible();
  const promised = page.getByRole("article").filter({ has: page.getByRole("link", { name: "Onderdoorgang station Noord zonder licht" }) }).first();
  await expect(promised.getByText("Stadsbeheer, team Verlichting")).toBeVisible();
  await expectAccessible(page);

  expect((await page.request.get("/beoordelen", { maxRedirects: 0 })).headers().location).toMatch(/^\/inloggen\?redirectTo=%2Fbeoordelen/);
  await logIn(page, DEMO.bewoner);
  expect((await page.goto("/beoordelen"))?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expectAccessible(page);
  expect((await page.request.get("/beoordelen/2")).status()).toBe(403);
  expect((await page.request.get("/beoordelen/sjablonen")).status()).toBe(403);
});

test("an official works the queue: opens the oldest, is refused bad input with the text kept, promises it, and the answer is public", async ({ page }) => {
  test.setTimeout(90_000);
  await logIn(page, DEMO.ambtenaar);
  await page.getByRole("link", { name: "Te beoordelen" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Beoordelen" })).toBeVisible();
  const items = page.locator(".vl-rv-item");
  await expect(items.first().getByRole("heading", { level: 3 })).toHaveText(WAITING.speeltuin);
  await expect(items.first().getByText("wacht 5 dagen")).toBeVisible();
  await expect(items.first().getByText("Met voorrang")).toBeVisible();
  // Oldest first: the days waited never go up down the list.
  const waited = (await items.locator(".vl-badge").filter({ hasText: /^(wacht|sinds)/ }).allTextContents()).map((text) => Number(/\d+/.exec(text)?.[0] ?? 0));
  expect(waited).toEqual([...waited].sort((a, b) => b - a));
  await expectAccessible(page);

  // The filter: what the municipality promised.
  await page.getByLabel("Besluit").selectOption({ label: "Toegezegd" });
  await page.getByRole("button", { name: "Toon" }).click();
  await expect(page).toHaveURL(/besluit=toegezegd/);
  await expect(page.getByRole("link", { name: "Onderdoorgang station Noord zonder licht" })).toBeVisible();
  await expect(page.getByRole("link", { name: WAITING.speeltuin })).toHaveCount(0);
  await expectAccessible(page);

  await page.goto("/beoordelen");
  await page.getByRole("link", { name: WAITING.speeltuin }).click();
  await expect(page.getByRole("heading", { level: 1, name: WAITING.speeltuin })).toBeVisible();
  await expect(page.getByText(/Dit knelpunt wacht sinds .* \(wacht 5 dagen\)/)).toBeVisible();
  await expect(page.getByRole("heading", { level: 3, name: "Buurtouders lopen 's avonds een rondje" })).toBeVisible();
  await expect(page.getByText(/Met voorrang, omdat:/).first()).toBeVisible();
  await expect(page.getByRole("radio")).toHaveCount(3);
  await expectAccessible(page);

  // A date in the past: refused at the field, everything typed kept, nothing saved.
  const explanation = "We zetten in het weekend een **toezichthouder** in en hangen een lamp bij het buurthuis.";
  await page.getByLabel(/^Toegezegd/).check();
  await page.getByLabel("Uitleg (openbaar)").fill(explanation);
  await page.getByLabel("Welke afdeling doet het?").fill("Stadsbeheer, team Verlichting");
  await page.getByLabel("Wanneer is het klaar?").fill(dayFromNow(-3));
  await page.getByRole("button", { name: "Antwoord plaatsen" }).click();
  await expect(page.getByLabel("Wanneer is het klaar?")).toHaveAccessibleDescription(/Deze datum is al voorbij/);
  await expect(page.getByLabel("Uitleg (openbaar)")).toHaveValue(explanation);
  await expect(page.getByLabel("Welke afdeling doet het?")).toHaveValue("Stadsbeheer, team Verlichting");
  await expect(page.getByRole("alert")).toContainText("Wanneer is het klaar?: Deze datum is al voorbij");
  await expectAccessible(page);

  // Declining without a reason: asked for the reason.
  await page.getByLabel(/^Afgewezen/).check();
  await page.getByLabel("Uitleg (openbaar)").fill("");
  await page.getByRole("button", { name: "Antwoord plaatsen" }).click();
  await expect(page.getByLabel("Uitleg (openbaar)")).toHaveAccessibleDescription(/Leg in minstens 10 tekens uit waarom het is afgewezen/);
  await expect(page.getByLabel(/^Afgewezen/)).toBeChecked();

  // The promise.
  const date = dayFromNow(21);
  await page.getByLabel(/^Toegezegd/).check();
  await page.getByLabel("Uitleg (openbaar)").fill(explanation);
  await page.getByLabel("Wanneer is het klaar?").fill(date);
  await page.getByRole("button", { name: "Antwoord plaatsen" }).click();
  await expect(page.getByText("Uw antwoord staat bij het knelpunt.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Het antwoord bijwerken" })).toBeVisible();
  // Only "uitgevoerd" can follow a promise.
  await expect(page.getByRole("radio")).toHaveCount(1);
  await expect(page.getByLabel(/^Uitgevoerd/)).toBeVisible();
  await expectAccessible(page);

  // Public: on the knelpunt's timeline ...
  await page.getByRole("link", { name: "Bekijk de openbare pagina" }).click();
  await expect(page.getByRole("heading", { level: 1, name: WAITING.speeltuin })).toBeVisible();
  const timeline = page.getByRole("region", { name: "Wat er gebeurde" });
  const answer = timeline.getByRole("listitem").filter({ hasText: "Van Naar de gemeente naar Toegezegd" });
  await expect(answer.getByText(`Van Naar de gemeente naar Toegezegd door ${FATIMA}`)).toBeVisible();
  await expect(answer.getByText("Stadsbeheer, team Verlichting")).toBeVisible();
  await expect(answer.getByText("toezichthouder", { exact: true })).toHaveJSProperty("tagName", "STRONG");
  await expectAccessible(page);

  // ... and on top of the public answers.
  await page.getByRole("link", { name: "Antwoorden", exact: true }).click();
  const newest = page.getByRole("article").first();
  await expect(newest.getByRole("link", { name: WAITING.speeltuin })).toBeVisible();
  await expect(newest.getByText(`Door ${FATIMA}`)).toBeVisible();
  await expect(newest.getByText("Toegezegd", { exact: true })).toBeVisible();
  await expect(newest.getByText("Stadsbeheer, team Verlichting")).toBeVisible();
  await expectAccessible(page);
});

test("an official keeps templates and fills an answer from one without JavaScript", async ({ page, browser }) => {
  test.setTimeout(90_000);
  const title = `Toezicht in het weekend ${Date.now()}`;
  const body = "We vragen de handhavers om op vrijdag- en zaterdagavond langs te gaan.";
  await logIn(page, DEMO.ambtenaar);
  await page.goto("/beoordelen/sjablonen");
  await expect(page.getByRole("heading", { level: 3, name: "Doorgezet naar Stadsbeheer" })).toBeVisible();
  await page.getByLabel("Naam").fill("Xy");
  await page.getByLabel("Tekst").fill(body);
  await page.getByRole("button", { name: "Sjabloon bewaren" }).click();
  await expect(page.getByLabel("Naam")).toHaveAccessibleDescription(/minstens 3 tekens/);
  await expect(page.getByLabel("Tekst")).toHaveValue(body);
  await expectAccessible(page);
  await page.getByLabel("Naam").fill(title);
  await page.getByRole("button", { name: "Sjabloon bewaren" }).click();
  await expect(page.getByText("Het sjabloon is bewaard.")).toBeVisible();
  await page.getByRole("link", { name: `${title} bewerken` }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Sjabloon bewerken" })).toBeVisible();
  await expect(page.getByLabel("Naam")).toHaveValue(title);
  await page.getByLabel("Naam").fill(`${title} (nieuw)`);
  await page.getByRole("button", { name: "Wijzigingen bewaren" }).click();
  await expect(page.getByText("Het sjabloon is gewijzigd.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 3, name: `${title} (nieuw)` })).toBeVisible();
  await expectAccessible(page);

  // Without JavaScript: choose the template, "Tekst invullen" reloads the form with its text.
  const context = await browser.newContext({ javaScriptEnabled: false, extraHTTPHeaders: { "X-Forwarded-For": randomIp() } });
  const noJs = await context.newPage();
  await logIn(noJs, DEMO.ambtenaar);
  await noJs.goto("/beoordelen");
  await noJs.getByRole("link", { name: WAITING.plantsoen }).click();
  await noJs.getByLabel(/^In behandeling/).check();
  await noJs.getByLabel("Tekst van een sjabloon gebruiken").selectOption({ label: `${title} (nieuw)` });
  await noJs.getByRole("button", { name: "Tekst invullen" }).click();
  await expect(noJs).toHaveURL(/sjabloon=\d+/);
  await expect(noJs.getByLabel("Uitleg (openbaar)")).toHaveValue(body);
  await expect(noJs.getByLabel(/^In behandeling/)).toBeChecked();
  await expectAccessibleWithoutJs(noJs);
  await context.close();

  // With JavaScript, choosing it fills the text in place.
  await page.goto("/beoordelen");
  await page.getByRole("link", { name: WAITING.plantsoen }).click();
  await expect(page.getByRole("heading", { level: 1, name: WAITING.plantsoen })).toBeVisible();
  const address = page.url();
  await page.getByLabel("Tekst van een sjabloon gebruiken").selectOption({ label: `${title} (nieuw)` });
  await expect(page.getByLabel("Uitleg (openbaar)")).toHaveValue(body);
  expect(page.url()).toBe(address);
  await expectAccessible(page);

  // Deleting it.
  await page.goto("/beoordelen/sjablonen");
  await page.getByRole("button", { name: `${title} (nieuw) verwijderen` }).click();
  await expect(page.getByText("Het sjabloon is verwijderd.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 3, name: `${title} (nieuw)` })).toHaveCount(0);
});
