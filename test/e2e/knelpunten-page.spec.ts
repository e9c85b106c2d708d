import type { Browser, BrowserContext, Page } from "@playwright/test";
import { DEMO, expect, expectAccessible, expectAccessibleWithoutJs, logIn, randomIp, test } from "./fixtures";

/** Demo residents of the cycle "Enge fietstunnels" (db/seed/knelpunten.ts). */
const RESIDENT = {
  ingrid: "ingrid@veranderlab.test",
  youssef: "youssef@veranderlab.test",
  bart: "bart@veranderlab.test",
  lotte: "lotte@veranderlab.test",
  henk: "henk@veranderlab.test",
  mila: "mila@veranderlab.test",
  annemarie: "annemarie@veranderlab.test",
} as const;

/** Demo knelpunten are seeded in this order (ids 1, 2, ...). */
const DEMO_KNELPUNT = {
  europaweg: { id: 1, title: "Donkere fietstunnel onder de Europaweg" },
  stationNoord: { id: 2, title: "Onderdoorgang station Noord zonder licht" },
  kanaal: { id: 5, title: "Fietspad langs het Van Starkenborghkanaal" },
} as const;

type Session = { context: BrowserContext; page: Page };

/** A person of their own: a separate browser context (own cookies, own client address), signed in. */
async function signedIn(browser: Browser, email: string, options: { javaScript?: boolean } = {}): Promise<Session> {
  const context = await browser.newContext({
    javaScriptEnabled: options.javaScript ?? true,
    extraHTTPHeaders: { "X-Forwarded-For": randomIp() },
  });
  const page = await context.newPage();
  await logIn(page, email);
  return { context, page };
}

/** The measure on the page, as a list item named by its heading. */
function measureItem(page: Page, title: string) {
  return page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 3, name: title, exact: true }) });
}

async function openKnelpunt(page: Page, knelpunt: { id: number; title: string }) {
  await page.goto(`/knelpunten/${knelpunt.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(knelpunt.title);
}

test("a visitor reads a knelpunt: facts, map point, timeline with the public fast-track reason; unknown ones are 404", async ({ page }) => {
  await openKnelpunt(page, DEMO_KNELPUNT.stationNoord);
  const facts = page.getByRole("definition");
  await expect(facts.filter({ hasText: "Onderdoorgang onder het spoor bij station Groningen Noord" })).toBeVisible();
  await expect(facts.filter({ hasText: "Indische Buurt" })).toBeVisible();
  await expect(facts.filter({ hasText: /^Annemarie K\., op / })).toBeVisible();
  await expect(page.getByRole("link", { name: "Enge fietstunnels" })).toHaveAttribute("href", "/rondes/enge-fietstunnels");
  // The point on the map (the background tiles cannot load offline; the marker is there).
  await expect(page.getByRole("region", { name: "Op de kaart" }).locator(".leaflet-marker-icon")).toHaveAttribute("alt", DEMO_KNELPUNT.stationNoord.title);

  const timeline = page.getByRole("region", { name: "Wat er gebeurde" });
  await expect(timeline.getByText("Gemeld door Annemarie K.")).toBeVisible();
  await expect(timeline.getByText("Van Open naar Naar de gemeente door Mark de Vries")).toBeVisible();
  await expect(timeline.getByText(/Met voorrang, omdat: Acuut gevaar: de onderdoorgang is al weken volledig donker/)).toBeVisible();
  await expect(timeline.getByText(/Uitleg: Alle lampen in de onderdoorgang zijn kapot/)).toBeVisible();

  const government = page.getByRole("region", { name: "Wat gemeente en politie moeten doen" });
  await expect(government.getByText(/Met voorrang naar de gemeente, omdat:/)).toBeVisible();
  // A visitor is asked to log in instead of getting buttons.
  await expect(page.getByRole("button", { name: /^Steunen/ })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Wat bewoners zelf doen" }).getByRole("link", { name: "Inloggen" })).toBeVisible();
  await expectAccessible(page);

  // A measure's address leads to its place on the knelpunt page.
  await page.goto("/maatregelen/1");
  await expect(page).toHaveURL(/\/knelpunten\/1#maatregel-1$/);
  await expect(page.locator("#maatregel-1")).toBeVisible();
  await expectAccessible(page);

  expect((await page.request.get("/knelpunten/99999")).status()).toBe(404);
  expect((await page.request.get("/knelpunten/abc")).status()).toBe(404);
  expect((await page.request.get("/maatregelen/99999", { maxRedirects: 0 })).status()).toBe(404);
});

test("residents propose a self-help measure, support it (with and without JavaScript) and help, and the project leader adopts it", async ({ page, browser }) => {
  test.setTimeout(150_000);
  const title = `Samen met lampjes fietsen ${Date.now()}`;
  const knelpunt = DEMO_KNELPUNT.kanaal;

  // Youssef proposes a measure; a too-short title is refused with what he typed kept.
  await logIn(page, RESIDENT.youssef);
  await openKnelpunt(page, knelpunt);
  // On a fresh demo database the knelpunt is still open (a retry finds it adopted already).
  const wasOpen = (await page.getByRole("definition").first().textContent()) === "Open";
  await expectAccessible(page);
  const selfHelp = page.getByRole("region", { name: "Wat bewoners zelf doen" });
  await selfHelp.getByLabel("Korte titel").fill("Kort");
  await selfHelp.getByLabel("Wat gaan we doen?").fill("We fietsen op dinsdagavond samen met fietslampjes langs het kanaal.");
  await selfHelp.getByRole("button", { name: "Voorstellen" }).click();
  await expect(selfHelp.getByLabel("Korte titel")).toHaveAccessibleDescription(/Geef een titel van minstens 5 tekens/);
  await expect(selfHelp.getByLabel("Wat gaan we doen?")).toHaveValue("We fietsen op dinsdagavond samen met fietslampjes langs het kanaal.");
  await expectAccessible(page);
  await selfHelp.getByLabel("Korte titel").fill(title);
  await selfHelp.getByRole("button", { name: "Voorstellen" }).click();
  await expect(page.getByText("Bedankt. Uw voorstel staat erin.")).toBeVisible();
  const measureId = Number(/#maatregel-(\d+)$/.exec(page.url())?.[1]);
  expect(measureId).toBeGreaterThan(0);
  const mine = measureItem(page, title);
  await expect(mine).toHaveAttribute("id", `maatregel-${measureId}`);
  // The focus goes to the new measure (the address's #target), not left on the form's button.
  await expect(mine).toBeFocused();
  await expect(mine.getByText("Voorgesteld door Youssef")).toBeVisible();
  await expect(mine.getByText("0 van 5 steunbetuigingen, 0 van 2 meehelpers")).toBeVisible();

  // He supports it and helps, in place.
  await mine.getByRole("button", { name: /^Steunen/ }).click();
  await expect(mine.getByText("1 van 5 steunbetuigingen, 0 van 2 meehelpers")).toBeVisible();
  await expect(mine.getByRole("button", { name: /^Steun intrekken/ })).toBeVisible();
  await mine.getByRole("button", { name: /^Ik help mee/ }).click();
  await expect(mine.getByText("1 van 5 steunbetuigingen, 1 van 2 meehelpers")).toBeVisible();
  await expect(mine.getByText("U steunt dit. U helpt mee.")).toBeVisible();
  await expectAccessible(page);

  // Ingrid, with JavaScript: the count and button change before the server answers.
  const ingrid = await signedIn(browser, RESIDENT.ingrid);
  await openKnelpunt(ingrid.page, knelpunt);
  const usage = ingrid.page.getByText(/^U hebt \d+ van de 10 steunstemmen in deze ronde gebruikt\.$/);
  const usedBefore = Number(/U hebt (\d+)/.exec((await usage.textContent()) ?? "")?.[1]);
  await ingrid.page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await ingrid.page.route(`**/maatregelen/${measureId}*`, async (route) => {
    await held;
    await route.continue();
  });
  const ingridsMeasure = measureItem(ingrid.page, title);
  await ingridsMeasure.getByRole("button", { name: /^Steunen/ }).click();
  // Optimistic: already 2, already "withdraw", usage one more, while the request waits.
  await expect(ingridsMeasure.getByText("2 van 5 steunbetuigingen, 1 van 2 meehelpers")).toBeVisible();
  await expect(ingridsMeasure.getByRole("button", { name: /^Steun intrekken/ })).toBeVisible();
  await expect(ingrid.page.getByText(`U hebt ${usedBefore + 1} van de 10 steunstemmen in deze ronde gebruikt.`)).toBeVisible();
  release();
  await expect(ingridsMeasure.getByText("U steunt deze maatregel. Nu 2 steunbetuigingen.")).toBeAttached();
  await expect(ingridsMeasure.getByText("2 van 5 steunbetuigingen, 1 van 2 meehelpers")).toBeVisible();
  await ingrid.page.unroute(`**/maatregelen/${measureId}*`);
  // Withdrawing and supporting again, still without leaving the page.
  await ingridsMeasure.getByRole("button", { name: /^Steun intrekken/ }).click();
  await expect(ingridsMeasure.getByText("1 van 5 steunbetuigingen, 1 van 2 meehelpers")).toBeVisible();
  await expect(ingridsMeasure.getByText("Uw steun is ingetrokken. Nu 1 steunbetuiging.")).toBeAttached();
  await ingridsMeasure.getByRole("button", { name: /^Steunen/ }).click();
  await expect(ingridsMeasure.getByText("U steunt deze maatregel. Nu 2 steunbetuigingen.")).toBeAttached();
  expect(await ingrid.page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
  await expect(ingrid.page.getByText(`U hebt ${usedBefore + 1} van de 10 steunstemmen in deze ronde gebruikt.`)).toBeVisible();
  await expectAccessible(ingrid.page);
  await ingrid.context.close();

  // Bart, without JavaScript: plain form posts that come back with a message.
  const bart = await signedIn(browser, RESIDENT.bart, { javaScript: false });
  await openKnelpunt(bart.page, knelpunt);
  await measureItem(bart.page, title).getByRole("button", { name: /^Steunen/ }).click();
  await expect(bart.page.getByText("U steunt deze maatregel.")).toBeVisible();
  await expect(bart.page).toHaveURL(new RegExp(`/knelpunten/${knelpunt.id}#maatregel-${measureId}$`));
  await expect(measureItem(bart.page, title).getByText("3 van 5 steunbetuigingen, 1 van 2 meehelpers")).toBeVisible();
  await measureItem(bart.page, title).getByRole("button", { name: /^Ik help mee/ }).click();
  await expect(bart.page.getByText("Fijn dat u meehelpt!")).toBeVisible();
  await expect(measureItem(bart.page, title).getByText("3 van 5 steunbetuigingen, 2 van 2 meehelpers")).toBeVisible();
  await expect(measureItem(bart.page, title).getByText("U steunt dit. U helpt mee.")).toBeVisible();
  await expectAccessibleWithoutJs(bart.page);
  await bart.context.close();

  // Lotte and Henk bring it to the threshold.
  for (const email of [RESIDENT.lotte, RESIDENT.henk]) {
    const resident = await signedIn(browser, email);
    await openKnelpunt(resident.page, knelpunt);
    const item = measureItem(resident.page, title);
    await item.getByRole("button", { name: /^Steunen/ }).click();
    await expect(item.getByRole("button", { name: /^Steun intrekken/ })).toBeVisible();
    await expect(item.getByText(/U steunt deze maatregel\. Nu \d steunbetuigingen\./)).toBeAttached();
    await expectAccessible(resident.page);
    await resident.context.close();
  }

  // An official sees the counts but no buttons, and a forged support is refused.
  const official = await signedIn(browser, DEMO.ambtenaar);
  await openKnelpunt(official.page, knelpunt);
  await expect(measureItem(official.page, title).getByText("5 van 5 steunbetuigingen, 2 van 2 meehelpers")).toBeVisible();
  await expect(official.page.getByRole("button", { name: /^(Steunen|Ik help mee|Aannemen)/ })).toHaveCount(0);
  await expectAccessible(official.page);
  const forgedByOfficial = await official.page.request.post(`/maatregelen/${measureId}`, {
    form: { intent: "support", redirectTo: `/knelpunten/${knelpunt.id}` },
    maxRedirects: 0,
  });
  expect(forgedByOfficial.status()).toBe(403);
  await official.context.close();

  // The project leader: no support button either; adopts it.
  const leader = await signedIn(browser, DEMO.projectleider);
  await openKnelpunt(leader.page, knelpunt);
  const leadersView = measureItem(leader.page, title);
  await expect(leadersView.getByText("5 van 5 steunbetuigingen, 2 van 2 meehelpers")).toBeVisible();
  await expect(leadersView.getByText("Genoeg steun en meehelpers: de projectleider kan dit idee aannemen.")).toBeVisible();
  await expect(leadersView.getByRole("button", { name: /^Steunen/ })).toHaveCount(0);
  await expectAccessible(leader.page);
  const forgedByLeader = await leader.page.request.post(`/maatregelen/${measureId}`, { form: { intent: "support" }, maxRedirects: 0 });
  expect(forgedByLeader.status()).toBe(403);
  await leadersView.getByRole("button", { name: /^Aannemen/ }).click();
  await expect(leader.page.getByText("De maatregel is aangenomen.")).toBeVisible();
  await expect(leader.page.getByText("Bewoners zijn zelf aan de slag").first()).toBeVisible();
  await expect(measureItem(leader.page, title).getByText("Aangenomen", { exact: true })).toBeVisible();
  const timeline = leader.page.getByRole("region", { name: "Wat er gebeurde" });
  await expect(timeline.getByText("Van Open naar Bewoners zijn zelf aan de slag door Mark de Vries")).toBeVisible();
  if (wasOpen) await expect(timeline.getByRole("link", { name: title })).toHaveAttribute("href", `#maatregel-${measureId}`);
  await expectAccessible(leader.page);
  await leader.context.close();

  // Youssef, the author, reports that it started.
  await openKnelpunt(page, knelpunt);
  await expect(page.getByRole("definition").filter({ hasText: "Bewoners zijn zelf aan de slag" })).toBeVisible();
  await measureItem(page, title).getByLabel("Toelichting (openbaar, niet verplicht)").fill("De eerste avond is gepland.");
  await measureItem(page, title).getByRole("button", { name: /^Is begonnen/ }).click();
  await expect(page.getByText("De maatregel staat nu op ‘in uitvoering’.")).toBeVisible();
  await expect(measureItem(page, title).getByText("In uitvoering", { exact: true })).toBeVisible();
});

test("self-help first: escalating before opschalen needs a fast-track reason; after it, residents propose and support government measures", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const stamp = Date.now();
  await logIn(page, DEMO.projectleider);

  // A cycle of our own, one support per resident.
  await page.goto("/rondes/nieuw");
  await page.getByLabel("Titel").fill(`Donkere onderdoorgangen ${stamp}`);
  await page.getByLabel("Thema in één zin").fill("Onderdoorgangen in de Oosterpoort die 's avonds eng zijn");
  await page.getByLabel(/^Steunstemmen per bewoner/).fill("1");
  await page.getByRole("button", { name: "Ronde maken" }).click();
  await expect(page.getByText(/De ronde is gemaakt/)).toBeVisible();
  const slug = new URL(page.url()).pathname.split("/").pop()!;
  const moveTo = async (phase: string) => {
    await page.goto(`/rondes/${slug}/fase`);
    await page.getByRole("button", { name: `Ja, zet de ronde naar ${phase}` }).click();
    await expect(page.getByText(`De ronde staat nu in de fase ${phase}.`)).toBeVisible();
  };
  await moveTo("Meedenken");
  await moveTo("Zelf doen");

  // A resident reports two knelpunten.
  const mila = await signedIn(browser, RESIDENT.mila);
  const report = async (title: string) => {
    await mila.page.goto(`/rondes/${slug}/knelpunten/nieuw`);
    await mila.page.getByLabel("Korte titel").fill(title);
    await mila.page.getByLabel("Wat maakt deze plek onveilig?").fill("Na 22.00 uur is het hier aardedonker en staan er vaak brommers met de motor aan.");
    await mila.page.getByLabel("Wijk", { exact: true }).fill("Oosterpoort");
    await mila.page.getByLabel(/^Adres of omschrijving van de plek/).fill("Onderdoorgang bij het Griffeweg-viaduct");
    await mila.page.getByRole("button", { name: "Melden" }).click();
    await expect(mila.page.getByText("Bedankt. Uw melding staat erin.")).toBeVisible();
    const id = Number(/\/knelpunten\/(\d+)/.exec(mila.page.url())?.[1]);
    expect(id).toBeGreaterThan(0);
    return { id, title };
  };
  const acute = await report(`Glas en geen licht ${stamp}`);
  const later = await report(`Donkere trap naar het perron ${stamp}`);
  await expect(mila.page.getByText(/Deze plek staat niet op de kaart/)).toBeVisible();
  await expectAccessible(mila.page);
  // Only a project leader opens the escalation form.
  expect((await mila.page.request.get(`/knelpunten/${acute.id}/escaleren`)).status()).toBe(403);

  // A self-help idea for the second one does not go ahead: the project leader, without JavaScript, gives a reason.
  const idea = `Zaklampen uitdelen ${stamp}`;
  await openKnelpunt(mila.page, later);
  const selfHelp = mila.page.getByRole("region", { name: "Wat bewoners zelf doen" });
  await selfHelp.getByLabel("Korte titel").fill(idea);
  await selfHelp.getByLabel("Wat gaan we doen?").fill("We delen zaklampen uit bij de trap naar het perron.");
  await selfHelp.getByRole("button", { name: "Voorstellen" }).click();
  await expect(mila.page.getByText("Bedankt. Uw voorstel staat erin.")).toBeVisible();
  const ideaId = Number(/#maatregel-(\d+)$/.exec(mila.page.url())?.[1]);
  const leaderNoJs = await signedIn(browser, DEMO.projectleider, { javaScript: false });
  await openKnelpunt(leaderNoJs.page, later);
  const ideaItem = measureItem(leaderNoJs.page, idea);
  await ideaItem.getByText("Gaat deze maatregel niet door?").click();
  await ideaItem.getByLabel("Waarom gaat het niet door? (openbaar)").fill("Te kort");
  await ideaItem.getByRole("button", { name: /^Gaat niet door/ }).click();
  await expect(leaderNoJs.page.getByRole("heading", { level: 1, name: "Dat lukte niet" })).toBeVisible();
  const reasonField = leaderNoJs.page.getByLabel("Waarom gaat het niet door? (openbaar)");
  await expect(reasonField).toHaveAccessibleDescription(/Leg in minstens 10 tekens uit waarom het niet doorgaat/);
  await expect(reasonField).toHaveValue("Te kort");
  // The same refused POST in a browser with JavaScript, for axe.
  await page.goto(`/knelpunten/${later.id}`);
  await page.evaluate((id) => {
    const form = document.createElement("form");
    form.method = "post";
    form.action = `/maatregelen/${id}`;
    const fields: Array<[string, string]> = [["intent", "abandon"], ["reason", "Te kort"], ["redirectTo", location.pathname]];
    for (const [name, value] of fields) {
      const input = document.createElement("input");
      input.type = "hidden";
      input.name = name;
      input.value = value;
      form.append(input);
    }
    document.body.append(form);
    form.submit();
  }, ideaId);
  await expect(page.getByRole("heading", { level: 1, name: "Dat lukte niet" })).toBeVisible();
  await expectAccessible(page);
  await reasonField.fill("Niemand kan op de afgesproken avonden helpen.");
  await leaderNoJs.page.getByRole("button", { name: "Gaat niet door" }).click();
  await expect(leaderNoJs.page.getByText("De maatregel gaat niet door.")).toBeVisible();
  await expect(measureItem(leaderNoJs.page, idea).getByText("Niet doorgegaan", { exact: true })).toBeVisible();
  await expect(measureItem(leaderNoJs.page, idea).getByText("Waarom niet: Niemand kan op de afgesproken avonden helpen.")).toBeVisible();
  await expectAccessibleWithoutJs(leaderNoJs.page);
  await leaderNoJs.context.close();

  // zelf_doen: only a fast-track is possible, and the page says why.
  await openKnelpunt(page, acute);
  const leaderBox = page.getByRole("region", { name: "Voor de projectleider" });
  await expect(leaderBox.getByText("Dit kan nu alleen met voorrang, bij acuut gevaar, met een openbare reden.")).toBeVisible();
  await expectAccessible(page);
  await leaderBox.getByRole("link", { name: "Naar de gemeente sturen" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Knelpunt naar de gemeente sturen" })).toBeVisible();
  await expect(page.getByText("Er is geen maatregel van bewoners aangenomen.", { exact: false })).toBeVisible();
  await expectAccessible(page);
  const explanation = "De lampen zijn kapot en er ligt elke avond glas. Dit kunnen bewoners niet zelf oplossen.";
  await page.getByLabel("Uitleg voor de gemeente (openbaar)").fill(explanation);
  await page.getByRole("button", { name: "Met voorrang naar de gemeente" }).click();
  const fastTrack = page.getByLabel(/^Acuut gevaar: waarom kan dit niet wachten\?/);
  await expect(fastTrack).toHaveAccessibleDescription(/Eerst kijken bewoners wat ze zelf kunnen doen\. Voor de fase Opschalen kan dit alleen met voorrang/);
  await expect(page.getByLabel("Uitleg voor de gemeente (openbaar)")).toHaveValue(explanation);
  await expectAccessible(page);
  await fastTrack.fill("Glas");
  await page.getByRole("button", { name: "Met voorrang naar de gemeente" }).click();
  await expect(fastTrack).toHaveAccessibleDescription(/Geef bij voorrang een reden van minstens 10 tekens/);
  const reason = "Er zijn deze week twee fietsers gevallen door het glas in het donker.";
  await fastTrack.fill(reason);
  await page.getByRole("button", { name: "Met voorrang naar de gemeente" }).click();
  await expect(page.getByText("Het knelpunt is naar de gemeente gestuurd.", { exact: true })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/knelpunten/${acute.id}$`));
  const timeline = page.getByRole("region", { name: "Wat er gebeurde" });
  await expect(timeline.getByText("Van Open naar Naar de gemeente door Mark de Vries")).toBeVisible();
  await expect(timeline.getByText(`Met voorrang, omdat: ${reason}`)).toBeVisible();
  await expect(timeline.getByText(`Uitleg: ${explanation}`)).toBeVisible();
  await expect(page.getByRole("region", { name: "Wat gemeente en politie moeten doen" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Voor de projectleider" }).getByText("Dit knelpunt is al opgelost of al naar de gemeente gestuurd.")).toBeVisible();
  await expectAccessible(page);

  // opschalen: the other knelpunt (no self-help adopted) escalates normally.
  await moveTo("Opschalen");
  await page.goto(`/knelpunten/${later.id}/escaleren`);
  await expect(page.getByText("Dit knelpunt kan naar de gemeente.")).toBeVisible();
  await expect(page.getByLabel(/^Acuut gevaar/)).toHaveCount(0);
  await expectAccessible(page);
  await page.getByLabel("Uitleg voor de gemeente (openbaar)").fill("Bewoners hebben geen eigen maatregel gevonden. De trap heeft licht nodig.");
  await page.getByRole("button", { name: "Naar de gemeente sturen" }).click();
  await expect(page.getByText("Het knelpunt is naar de gemeente gestuurd.", { exact: true })).toBeVisible();
  await expect(page.getByText("Naar de gemeente").first()).toBeVisible();
  await expect(page.getByRole("region", { name: "Wat er gebeurde" }).getByText(/Uitleg: Bewoners hebben geen eigen maatregel gevonden/)).toBeVisible();
  await expectAccessible(page);

  // Residents propose government measures and support them, one support each in this cycle.
  await openKnelpunt(mila.page, later);
  const government = mila.page.getByRole("region", { name: "Wat gemeente en politie moeten doen" });
  const light = `Ledlampen boven de trap ${stamp}`;
  const police = `Politie fietst vaker langs ${stamp}`;
  const proposals: Array<[string, string]> = [
    [light, "De gemeente hangt ledlampen boven de trap naar het perron."],
    [police, "De wijkagent fietst op vrijdag- en zaterdagavond langs de trap."],
  ];
  for (const [title, description] of proposals) {
    await government.getByLabel("Korte titel").fill(title);
    await government.getByLabel("Wat gaan we doen?").fill(description);
    await government.getByRole("button", { name: "Voorstellen" }).click();
    await expect(mila.page.getByText("Bedankt. Uw voorstel staat erin.")).toBeVisible();
  }
  await expect(measureItem(mila.page, light).getByText("0 steunbetuigingen", { exact: true })).toBeVisible();
  await expect(measureItem(mila.page, light).getByRole("button", { name: /^Ik help mee/ })).toHaveCount(0);
  // The count changes at once (optimistic); wait for the server's answer before reloading.
  const supported = mila.page.waitForResponse((response) => response.request().method() === "POST" && response.url().includes("/maatregelen/"));
  await measureItem(mila.page, light).getByRole("button", { name: /^Steunen/ }).click();
  await expect(measureItem(mila.page, light).getByText("1 steunbetuiging", { exact: true })).toBeVisible();
  await expect(mila.page.getByText("U hebt 1 van de 1 steunstemmen in deze ronde gebruikt.")).toBeVisible();
  expect((await supported).ok()).toBe(true);
  // Her one support is used: the other measure says so instead of offering a button.
  await mila.page.reload();
  await expect(measureItem(mila.page, police).getByRole("button", { name: /^Steunen/ })).toHaveCount(0);
  await expect(measureItem(mila.page, police).getByText(/U hebt al uw steunstemmen in deze ronde gebruikt/)).toBeVisible();
  await expectAccessible(mila.page);
  await mila.context.close();

  // Henk opens the page, uses his one support elsewhere (another tab), then tries here: refused next to the button.
  const henk = await signedIn(browser, RESIDENT.henk);
  await openKnelpunt(henk.page, later);
  const policeForHenk = measureItem(henk.page, police);
  await expect(policeForHenk.getByRole("button", { name: /^Steunen/ })).toBeVisible();
  const lightId = (await measureItem(henk.page, light).getAttribute("id"))!.replace("maatregel-", "");
  const otherTab = await henk.context.request.post(`/maatregelen/${lightId}`, { form: { intent: "support", redirectTo: `/knelpunten/${later.id}` }, maxRedirects: 0 });
  expect(otherTab.status()).toBe(302);
  await policeForHenk.getByRole("button", { name: /^Steunen/ }).click();
  await expect(policeForHenk.getByText(/U hebt al uw steunstemmen in deze ronde gebruikt/)).toBeVisible();
  await expect(policeForHenk.getByText("0 steunbetuigingen", { exact: true })).toBeVisible();
  await expectAccessible(henk.page);
  await henk.context.close();
});
