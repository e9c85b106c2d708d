import fs from "node:fs/promises";
import type { Browser, Page } from "@playwright/test";
import { DEMO, expect, expectAccessible, expectAccessibleWithoutJs, logIn, logOut, randomIp, test } from "./fixtures";

/**
 * The demo seed (db/seed/questions.ts) makes three questions in "Enge
 * fietstunnels", in this order, so they have these ids in the fresh test
 * database: a closed multiple-choice question with 8 answers, an open text
 * question and a single-choice question. Sanne, Lotte (only the second),
 * Henk and Mila (only the third) have not answered them.
 */
const CLOSED_CHOICE = "/vragen/1";
const OPEN_TEXT = "/vragen/2";
const OPEN_SINGLE = "/vragen/3";

const MILA = "mila@veranderlab.test";
const YOUSSEF = "youssef@veranderlab.test";
const LOTTE = "lotte@veranderlab.test";

async function newClient(browser: Browser, options: { javaScriptEnabled?: boolean } = {}) {
  const context = await browser.newContext({ ...options, extraHTTPHeaders: { "X-Forwarded-For": randomIp() } });
  const page = await context.newPage();
  return { context, page };
}

function resultItem(page: Page, label: string) {
  return page.getByRole("region", { name: "Uitkomst" }).getByRole("listitem").filter({ hasText: label });
}

test("a visitor sees the results of a closed question: counts and percentages as text", async ({ page }) => {
  await page.goto(CLOSED_CHOICE);
  await expect(page.getByRole("heading", { level: 1, name: "Wanneer voelt de fietstunnel onder de ringweg het onveiligst?" })).toBeVisible();
  await expect(page.getByText("Deze vraag is gesloten. U kunt niet meer antwoorden of uw antwoord veranderen.")).toBeVisible();
  await expect(page.getByRole("button", { name: /Antwoord/ })).toHaveCount(0);

  const results = page.getByRole("region", { name: "Uitkomst" });
  await expect(results.getByText("Aantal bewoners dat heeft geantwoord: 8.")).toBeVisible();
  await expect(resultItem(page, "Op doordeweekse avonden na 22.00 uur")).toContainText("4 stemmen (50%)");
  await expect(resultItem(page, "In het weekend, 's nachts")).toContainText("3 stemmen (38%)");
  await expect(resultItem(page, "In de winter, als het om 17.00 uur al donker is")).toContainText("5 stemmen (63%)");
  await expect(resultItem(page, "Overdag, als er bijna niemand fietst")).toContainText("1 stem (13%)");
  await expect(resultItem(page, "Ik voel me er nooit onveilig")).toContainText("1 stem (13%)");
  // The bars are decoration; the text above says it all.
  await expect(results.locator("svg[aria-hidden='true']")).toHaveCount(5);
  await expectAccessible(page);

  // An open question: a visitor is asked to log in, and sees no results yet.
  await page.goto(OPEN_TEXT);
  await expect(page.getByText("Log in om deze vraag te beantwoorden.")).toBeVisible();
  await expect(page.getByRole("region", { name: "Uitkomst" })).toHaveCount(0);
  await expectAccessible(page);
  await page.getByRole("main").getByRole("link", { name: "Inloggen" }).click();
  await expect(page).toHaveURL(/\/inloggen\?redirectTo=%2Fvragen%2F2$/);
});

test("a resident answers an open question and changes the answer; bad input keeps what was typed", async ({ page }) => {
  await logIn(page, DEMO.bewoner);
  await page.goto(OPEN_TEXT);
  await expect(page.getByRole("heading", { level: 1, name: "Wat zou u zelf willen doen om de tunnels veiliger te maken?" })).toBeVisible();
  await expectAccessible(page);

  const field = page.getByRole("textbox", { name: /^Uw antwoord/ });
  await field.fill("x");
  await page.getByRole("button", { name: "Antwoord versturen" }).click();
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(field).toHaveAccessibleDescription(/Uw antwoord moet minimaal 2 tekens hebben/);
  await expect(field).toHaveValue("x");
  await expect(page.getByRole("link", { name: "Uw antwoord moet minimaal 2 tekens hebben." })).toBeVisible();
  await expectAccessible(page);

  const first = "Ik wil op dinsdagavond met de buren samen door de tunnel fietsen.";
  await field.fill(first);
  await page.getByRole("button", { name: "Antwoord versturen" }).click();
  await expect(page.getByText("Bedankt! Uw antwoord is opgeslagen.")).toBeVisible();
  await expect(page.getByText(/U heeft deze vraag beantwoord op/)).toBeVisible();
  await expect(field).toHaveValue(first);
  await expect(field).not.toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);

  const second = "Ik meld elke week de kapotte lampen in de tunnel bij de gemeente.";
  await field.fill(second);
  await page.getByRole("button", { name: "Antwoord veranderen" }).click();
  await expect(page.getByText("Uw antwoord is veranderd.")).toBeVisible();
  await page.reload();
  await expect(page.getByRole("textbox", { name: /^Uw antwoord/ })).toHaveValue(second);
  await expectAccessible(page);

  // Pages that embed the question send a redirectTo; only a path on this site is followed.
  const post = (redirectTo: string) =>
    page.request.post(OPEN_TEXT, {
      form: { intent: "answer", text: second, redirectTo },
      headers: { Origin: new URL(page.url()).origin },
      maxRedirects: 0,
    });
  expect((await post("/rondes/enge-fietstunnels")).headers()["location"]).toBe("/rondes/enge-fietstunnels");
  expect((await post("https://elders.example/")).headers()["location"]).toBe(OPEN_TEXT);
  expect((await post("//elders.example/")).headers()["location"]).toBe(OPEN_TEXT);
});

test("without JavaScript a resident answers, gets clear errors and changes a choice", async ({ browser, clientIp }) => {
  test.setTimeout(60_000);
  const context = await browser.newContext({ javaScriptEnabled: false, extraHTTPHeaders: { "X-Forwarded-For": clientIp } });
  const page = await context.newPage();
  await logIn(page, MILA);

  // An open question: a too short answer is refused at the field and kept.
  await page.goto(OPEN_TEXT);
  await expectAccessibleWithoutJs(page);
  const field = page.getByRole("textbox", { name: /^Uw antwoord/ });
  await field.fill("?");
  await page.getByRole("button", { name: "Antwoord versturen" }).click();
  await expect(page).toHaveTitle(/^Fout: /);
  await expect(field).toHaveAccessibleDescription(/minimaal 2 tekens/);
  await expect(field).toHaveValue("?");
  await expectAccessibleWithoutJs(page);
  await field.fill("Samen met de school de tunnel schilderen op woensdagmiddag.");
  await page.getByRole("button", { name: "Antwoord versturen" }).click();
  await expect(page.getByText("Bedankt! Uw antwoord is opgeslagen.")).toBeVisible();
  await expect(field).toHaveValue("Samen met de school de tunnel schilderen op woensdagmiddag.");

  // A single-choice question: radio buttons in a fieldset with a legend.
  await page.goto(OPEN_SINGLE);
  const group = page.getByRole("group", { name: /^Uw antwoord/ });
  await expect(group).toBeVisible();
  await expectAccessibleWithoutJs(page);
  await page.getByRole("button", { name: "Antwoord versturen" }).click();
  await expect(group).toHaveAccessibleDescription(/U heeft nog geen antwoord gekozen/);
  await expectAccessibleWithoutJs(page);
  await group.getByRole("radio", { name: "De onderdoorgang bij het station" }).check();
  await page.getByRole("button", { name: "Antwoord versturen" }).click();
  await expect(page.getByText("Bedankt! Uw antwoord is opgeslagen.")).toBeVisible();
  await expect(group.getByRole("radio", { name: "De onderdoorgang bij het station" })).toBeChecked();

  await group.getByRole("radio", { name: "De tunnel bij de Korreweg" }).check();
  await page.getByRole("button", { name: "Antwoord veranderen" }).click();
  await expect(page.getByText("Uw antwoord is veranderd.")).toBeVisible();
  await expect(group.getByRole("radio", { name: "De tunnel bij de Korreweg" })).toBeChecked();
  await expect(group.getByRole("radio", { name: "De onderdoorgang bij het station" })).not.toBeChecked();
  await expectAccessibleWithoutJs(page);
  await context.close();
});

test("project leaders and officials do not answer: the page says why and the server refuses", async ({ page, baseURL }) => {
  await logIn(page, DEMO.projectleider);
  await page.goto(OPEN_SINGLE);
  await expect(page.getByText(/Alleen bewoners beantwoorden vragen/)).toBeVisible();
  await expect(page.getByRole("group", { name: /^Uw antwoord/ })).toHaveCount(0);
  // Project leaders see the results while the question is open.
  await expect(page.getByText("Alleen u als projectleider ziet de uitkomst nu.", { exact: false })).toBeVisible();
  await expectAccessible(page);

  const response = await page.request.post(`${OPEN_SINGLE}`, {
    form: { intent: "answer", option: "1" },
    headers: { Origin: baseURL! },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(403);

  await logOut(page);
  await logIn(page, DEMO.ambtenaar);
  await page.goto(OPEN_TEXT);
  await expect(page.getByText(/Alleen bewoners beantwoorden vragen/)).toBeVisible();
  await expect(page.getByRole("textbox", { name: /^Uw antwoord/ })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Uitkomst" })).toHaveCount(0);
  expect((await page.request.get(`${OPEN_TEXT}/antwoorden.csv`, { maxRedirects: 0 })).status()).toBe(403);
  await expectAccessible(page);
});

test("a project leader asks a question, residents answer, the leader closes it, a visitor sees the results, the leader downloads the CSV", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const prompt = `Waar fietst u 's avonds liever niet? (${Date.now().toString(36)})`;

  // The project leader asks; a bad first try keeps what was typed.
  await logIn(page, DEMO.projectleider);
  await page.goto("/vragen/nieuw?ronde=enge-fietstunnels");
  await expect(page.getByRole("heading", { level: 1, name: "Nieuwe vraag stellen" })).toBeVisible();
  await expect(page.getByLabel("Ronde")).toHaveValue(/\d+/);
  await expectAccessible(page);
  await page.getByLabel("Vraag", { exact: true }).fill(prompt);
  await page.getByLabel(/^Uitleg/).fill("Kies **alle** plekken die u 's avonds liever vermijdt.");
  await page.getByRole("radio", { name: /^Meerdere antwoorden/ }).check();
  await page.getByLabel("Antwoorden om uit te kiezen").fill("Onder de ringweg");
  await page.getByRole("button", { name: "Vraag stellen" }).click();
  const options = page.getByLabel("Antwoorden om uit te kiezen");
  await expect(options).toHaveAccessibleDescription(/Zet minimaal 2 antwoorden/);
  await expect(page).toHaveTitle(/^Fout: Nieuwe vraag stellen/);
  await expect(page.getByLabel("Vraag", { exact: true })).toHaveValue(prompt);
  await expect(page.getByRole("radio", { name: /^Meerdere antwoorden/ })).toBeChecked();
  await expect(options).toHaveValue("Onder de ringweg");
  await expectAccessible(page);

  await options.fill("Onder de ringweg\nBij het station\nLangs het kanaal");
  await page.getByRole("button", { name: "Vraag stellen" }).click();
  await expect(page.getByText("De vraag is gesteld.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: prompt })).toBeVisible();
  await expect(page.getByText("alle", { exact: true })).toHaveJSProperty("tagName", "STRONG");
  const url = new URL(page.url()).pathname;
  expect(url).toMatch(/^\/vragen\/\d+$/);
  await expectAccessible(page);

  // Three residents answer (one with a change of mind).
  const answersBy: Array<[string, string[]]> = [
    [DEMO.bewoner, ["Onder de ringweg", "Bij het station"]],
    [YOUSSEF, ["Bij het station"]],
    [LOTTE, ["Langs het kanaal"]],
  ];
  for (const [email, choices] of answersBy) {
    const { context, page: resident } = await newClient(browser);
    await logIn(resident, email);
    await resident.goto(url);
    const group = resident.getByRole("group", { name: /^Uw antwoord/ });
    await expect(group).toHaveAccessibleDescription(/Kies één of meer antwoorden/);
    for (const choice of choices) await group.getByRole("checkbox", { name: choice }).check();
    await resident.getByRole("button", { name: "Antwoord versturen" }).click();
    await expect(resident.getByText("Bedankt! Uw antwoord is opgeslagen.")).toBeVisible();
    if (email === LOTTE) {
      await group.getByRole("checkbox", { name: "Bij het station" }).check();
      await resident.getByRole("button", { name: "Antwoord veranderen" }).click();
      await expect(resident.getByText("Uw antwoord is veranderd.")).toBeVisible();
      await expect(group.getByRole("checkbox", { name: "Langs het kanaal" })).toBeChecked();
      await expect(group.getByRole("checkbox", { name: "Bij het station" })).toBeChecked();
    }
    await expectAccessible(resident);
    await context.close();
  }

  // Before closing, a visitor sees no results.
  const visitor = await newClient(browser);
  await visitor.page.goto(url);
  await expect(visitor.page.getByRole("region", { name: "Uitkomst" })).toHaveCount(0);
  await expect(visitor.page.getByText("Aantal bewoners dat heeft geantwoord: 3")).toBeVisible();

  // The project leader closes the question.
  await page.reload();
  await expect(resultItem(page, "Bij het station")).toContainText("3 stemmen (100%)");
  await page.getByRole("button", { name: "Vraag sluiten en uitkomst tonen" }).click();
  await expect(page.getByText("De vraag is gesloten. Iedereen ziet nu de uitkomst.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Vraag weer openen" })).toBeVisible();
  await expectAccessible(page);

  // Everyone sees the results now.
  await visitor.page.reload();
  await expect(visitor.page.getByText("Deze vraag is gesloten.", { exact: false })).toBeVisible();
  await expect(visitor.page.getByText("Aantal bewoners dat heeft geantwoord: 3.")).toBeVisible();
  await expect(resultItem(visitor.page, "Onder de ringweg")).toContainText("1 stem (33%)");
  await expect(resultItem(visitor.page, "Bij het station")).toContainText("3 stemmen (100%)");
  await expect(resultItem(visitor.page, "Langs het kanaal")).toContainText("1 stem (33%)");
  await expectAccessible(visitor.page);
  expect((await visitor.page.request.get(`${url}/antwoorden.csv`, { maxRedirects: 0 })).status()).toBe(302);
  await visitor.context.close();

  // The project leader downloads every answer as CSV.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download alle antwoorden (CSV)" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^vraag-\d+-antwoorden\.csv$/);
  const csv = await fs.readFile(await download.path(), "utf8");
  expect(csv.startsWith("\uFEFF")).toBe(true);
  const lines = csv.slice(1).trimEnd().split("\r\n");
  expect(lines[0]).toBe("vraag,naam,antwoord,beantwoord op,moderatie");
  expect(lines).toHaveLength(4);
  const iso = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";
  const cell = prompt; // no comma, quote or newline: not quoted
  expect(lines[1]).toMatch(new RegExp(`^${escape(cell)},Sanne Bakker,"Onder de ringweg; Bij het station",${iso},zichtbaar$`));
  expect(lines[2]).toMatch(new RegExp(`^${escape(cell)},Youssef,Bij het station,${iso},zichtbaar$`));
  expect(lines[3]).toMatch(new RegExp(`^${escape(cell)},Lotte,"Bij het station; Langs het kanaal",${iso},zichtbaar$`));

  const response = await page.request.get(`${url}/antwoorden.csv`);
  expect(response.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  expect(response.headers()["content-disposition"]).toMatch(/^attachment; filename="vraag-\d+-antwoorden\.csv"$/);
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
