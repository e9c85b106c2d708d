import { DEMO, expect, expectAccessible, logIn, randomIp, test } from "./fixtures";

test("the home page shows the running demo cycle and what residents can do now", async ({ page }) => {
  await page.goto("/");
  const running = page.getByRole("region", { name: "Lopende rondes" });
  await expect(running.getByRole("link", { name: "Enge fietstunnels" })).toBeVisible();
  await expect(running.getByText("Zelf doen", { exact: true })).toBeVisible();
  await expect(running.getByText(/steun goede ideeën/i)).toBeVisible();
  // The concept demo cycle is not shown to visitors.
  await expect(page.getByText("Pleinen in de avond")).toHaveCount(0);
  await expectAccessible(page);

  await running.getByRole("link", { name: "Enge fietstunnels" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Enge fietstunnels/ })).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: "Zelf doen" }).first()).toHaveAttribute("aria-current", "step");
  await expect(page.getByRole("region", { name: "Verloop van de ronde" }).getByText("Van Meedenken naar Zelf doen door Mark de Vries")).toBeVisible();
  await expectAccessible(page);
});

test("a project leader creates a cycle, which stays hidden until it moves to meedenken", async ({ page, browser }) => {
  const title = `Donkere paden ${Date.now()}`;
  await logIn(page, DEMO.projectleider);
  await page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Rondes" }).click();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Nieuwe ronde" }).click();
  await expectAccessible(page);

  // Bad input: refused at the field, the rest of what was typed kept.
  await page.getByLabel("Thema in één zin").fill("Paden door het park die 's avonds donker zijn");
  await page.getByLabel(/^Steunstemmen per bewoner/).fill("-2");
  await page.getByRole("button", { name: "Ronde maken" }).click();
  await expect(page.getByLabel("Titel")).toHaveAccessibleDescription(/Vul een titel in/);
  await expect(page.getByLabel(/^Steunstemmen per bewoner/)).toHaveAccessibleDescription(/heel getal/);
  await expect(page.getByLabel("Thema in één zin")).toHaveValue("Paden door het park die 's avonds donker zijn");
  await expectAccessible(page);

  await page.getByLabel("Titel").fill(title);
  await page.getByLabel(/^Steunstemmen per bewoner/).fill("5");
  await page.getByLabel(/^Wijken/).fill("Noorderplantsoen\nSelwerd");
  await page.getByRole("button", { name: "Ronde maken" }).click();
  await expect(page.getByText("De ronde is gemaakt.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: new RegExp(title) })).toBeVisible();
  await expect(page.getByText("Noorderplantsoen, Selwerd")).toBeVisible();
  const cycleUrl = page.url();
  await expectAccessible(page);

  const visitorContext = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": randomIp() } });
  const visitor = await visitorContext.newPage();
  expect((await visitor.goto(cycleUrl))?.status()).toBe(404);

  await page.getByRole("link", { name: "Naar fase Meedenken" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Naar de volgende fase" })).toBeVisible();
  await expect(page.getByText(/van Concept naar Meedenken/)).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Ja, zet de ronde naar Meedenken" }).click();
  await expect(page.getByText("De ronde staat nu in de fase Meedenken.")).toBeVisible();
  await expect(page.getByText("Van Concept naar Meedenken door Mark de Vries")).toBeVisible();

  expect((await visitor.goto(cycleUrl))?.status()).toBe(200);
  await expect(visitor.getByRole("heading", { level: 1, name: new RegExp(title) })).toBeVisible();
  await expect(visitor.getByRole("link", { name: /Naar fase/ })).toHaveCount(0);
  await expectAccessible(visitor);
  await visitorContext.close();
});

test("a phase move that skips a step or goes back is refused with a Dutch message", async ({ page }) => {
  await logIn(page, DEMO.projectleider);
  await page.goto("/rondes/nieuw");
  const title = `Overslaan ${Date.now()}`;
  await page.getByLabel("Titel").fill(title);
  await page.getByLabel("Thema in één zin").fill("Een ronde om fasen over te slaan");
  await page.getByRole("button", { name: "Ronde maken" }).click();
  await expect(page.getByText("De ronde is gemaakt.")).toBeVisible();
  const slug = new URL(page.url()).pathname.split("/").pop();

  // A forged form that skips straight to opschalen.
  const skip = await page.request.post(`/rondes/${slug}/fase`, { form: { from: "concept", to: "opschalen" } });
  expect(skip.status()).toBe(400);
  await page.goto(`/rondes/${slug}`);
  await expect(page.getByRole("listitem").filter({ hasText: "Concept" }).first()).toHaveAttribute("aria-current", "step");

  // Going back is refused as well.
  await page.goto(`/rondes/${slug}/fase`);
  await page.getByRole("button", { name: "Ja, zet de ronde naar Meedenken" }).click();
  await expect(page.getByText("De ronde staat nu in de fase Meedenken.")).toBeVisible();
  const back = await page.request.post(`/rondes/${slug}/fase`, { form: { from: "meedenken", to: "concept" } });
  expect(back.status()).toBe(400);
  expect(await back.text()).toContain("Een ronde gaat één fase tegelijk vooruit.");

  // A confirmation page left open in a second tab is refused with the reason at the top.
  const second = await page.context().newPage();
  await second.goto(`/rondes/${slug}/fase`);
  await page.goto(`/rondes/${slug}/fase`);
  await page.getByRole("button", { name: "Ja, zet de ronde naar Zelf doen" }).click();
  await expect(page.getByText("De ronde staat nu in de fase Zelf doen.")).toBeVisible();
  await second.getByRole("button", { name: "Ja, zet de ronde naar Zelf doen" }).click();
  await expect(second.getByRole("alert")).toContainText("De ronde is intussen al naar een andere fase gezet.");
  await expectAccessible(second);
  await second.close();
  await expectAccessible(page);
});

test("residents do not see cycle management and cannot open it", async ({ page }) => {
  await logIn(page, DEMO.bewoner);
  await page.goto("/rondes/enge-fietstunnels");
  await expect(page.getByRole("link", { name: "Ronde bewerken" })).toHaveCount(0);
  expect((await page.goto("/rondes/enge-fietstunnels/bewerken"))?.status()).toBe(403);
  expect((await page.goto("/rondes/nieuw"))?.status()).toBe(403);
  expect((await page.goto("/rondes/pleinen-in-de-avond"))?.status()).toBe(404);
});
