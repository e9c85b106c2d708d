import type { Browser, Page } from "@playwright/test";
import { DEMO, expect, expectAccessible, expectAccessibleWithoutJs, logIn, randomIp, signUpAndVerify, test, uniqueEmail } from "./fixtures";

const POST = "/berichten/avondwandeling-door-de-tunnels";
const run = Date.now().toString(36);

async function newPage(browser: Browser, javaScriptEnabled = true): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled, extraHTTPHeaders: { "X-Forwarded-For": randomIp() } });
  return context.newPage();
}

test("a reaction with an origin word is held after 'post anyway', and the project leader approves it from the queue", async ({ page, browser }) => {
  await signUpAndVerify(page, { email: uniqueEmail("woordkeuze"), password: "een-lange-zin-als-wachtwoord", displayName: `Ruben ${run}` });
  await page.goto(POST);
  const field = page.getByLabel("Uw reactie");
  const text = `Gisteravond stonden er weer Marokkaanse jongens bij de ingang van de tunnel (${run}).`;
  await field.fill(text);
  await page.getByRole("button", { name: "Reactie plaatsen" }).click();

  // The form comes back with the text intact and the explanation next to it.
  await expect(field).toHaveValue(text);
  await expect(field).toHaveAccessibleDescription(/U schrijft iets over afkomst, huidskleur of geloof \(Marokkaanse\)/);
  await expect(page.getByRole("alert")).toContainText("Beschrijf liever wat er gebeurt, waar en wanneer");
  await expectAccessible(page);

  await page.getByRole("button", { name: "Toch plaatsen" }).click();
  await expect(page.getByText("Een projectleider leest hem eerst")).toBeVisible();
  const own = page.locator(".vl-reaction", { hasText: text });
  await expect(own).toContainText("Wacht op goedkeuring");
  await expectAccessible(page);

  // Nobody else sees it yet.
  const visitor = await newPage(browser);
  await visitor.goto(POST);
  await expect(visitor.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(visitor.getByText(text)).toHaveCount(0);

  // The project leader finds it in the queue, with the word found, and approves it.
  const leader = await newPage(browser);
  await logIn(leader, DEMO.projectleider);
  await leader.getByRole("link", { name: "Moderatie" }).click();
  await expect(leader.getByRole("heading", { level: 1, name: "Moderatie" })).toBeVisible();
  const item = leader.getByRole("article").filter({ hasText: text });
  await expect(item).toContainText("Gevonden woorden: Marokkaanse");
  await expectAccessible(leader);
  await item.getByRole("button", { name: "Goedkeuren" }).click();
  await expect(leader.getByText("De tekst is goedgekeurd en staat op de pagina.")).toBeVisible();
  await expect(leader.getByRole("article").filter({ hasText: text })).toHaveCount(0);
  await expectAccessible(leader);

  await visitor.reload();
  await expect(visitor.getByText(text)).toBeVisible();
  await visitor.context().close();
  await leader.context().close();
});

test("three residents flag a reaction and it disappears until the project leader decides", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const text = `De man met de rode jas van nummer 14 is altijd degene die troep maakt (${run}).`;
  await logIn(page, "annemarie@veranderlab.test");
  await page.goto(POST);
  await page.getByLabel("Uw reactie").fill(text);
  await page.getByRole("button", { name: "Reactie plaatsen" }).click();
  await expect(page.getByText("Bedankt! Uw reactie staat onder het bericht.")).toBeVisible();

  const flaggers = [DEMO.bewoner, "ingrid@veranderlab.test", "youssef@veranderlab.test"];
  for (const [index, email] of flaggers.entries()) {
    // The first one without JavaScript: the flag page is a plain form.
    const flagger = await newPage(browser, index !== 0);
    await logIn(flagger, email);
    await flagger.goto(POST);
    const reaction = flagger.locator(".vl-reaction", { hasText: text });
    await reaction.getByRole("link", { name: /Melden/ }).click();
    await expect(flagger.getByRole("heading", { level: 1, name: "Tekst melden" })).toBeVisible();
    await expect(flagger.locator("blockquote")).toContainText(text);
    if (index === 0) {
      await flagger.getByRole("button", { name: "Melding versturen" }).click();
      await expect(flagger.getByRole("group", { name: "Waarom meldt u deze tekst?" })).toContainText("Kies waarom u deze tekst meldt.");
      await expect(flagger.getByRole("alert")).toContainText("Kies waarom u deze tekst meldt.");
    }
    if (index === 0) await expectAccessibleWithoutJs(flagger);
    else await expectAccessible(flagger);
    await flagger.getByLabel("Iemand wordt beschuldigd of is te herkennen").check();
    await flagger.getByRole("button", { name: "Melding versturen" }).click();
    await expect(
      flagger.getByText(index < 2 ? "Bedankt. Uw melding is verstuurd naar de projectleider." : "Bedankt. De tekst is verborgen tot een projectleider ernaar heeft gekeken."),
    ).toBeVisible();
    await flagger.context().close();
  }

  // Gone for everyone: a notice in its place.
  const visitor = await newPage(browser);
  await visitor.goto(POST);
  await expect(visitor.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(visitor.getByText(text)).toHaveCount(0);
  await expect(visitor.getByText("Deze tekst is verborgen, omdat meerdere deelnemers hem hebben gemeld.").first()).toBeVisible();
  await expectAccessible(visitor);

  // The project leader hides it for good, with a reason that replaces it publicly.
  const leader = await newPage(browser);
  await logIn(leader, DEMO.projectleider);
  await leader.goto("/moderatie");
  const item = leader.getByRole("article").filter({ hasText: text });
  await expect(item).toContainText("Meldingen (3)");
  await item.getByRole("button", { name: "Verbergen" }).click();
  await expect(item.getByLabel(/^Reden/)).toHaveAccessibleDescription(/Schrijf op waarom u de tekst verbergt/);
  await expectAccessible(leader);
  await item.getByLabel(/^Reden/).fill(`Beschrijft een herkenbare buurman (${run}).`);
  await item.getByRole("button", { name: "Verbergen" }).click();
  await expect(leader.getByText("De tekst is verborgen. De schrijver krijgt een e-mail met de reden.")).toBeVisible();
  await leader.context().close();

  await visitor.reload();
  await expect(visitor.getByText(`Verborgen door de moderator: Beschrijft een herkenbare buurman (${run}).`)).toBeVisible();
  await visitor.context().close();
});
