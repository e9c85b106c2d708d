import { DEMO, expect, expectAccessible, logIn, test } from "./fixtures";

test("a visitor reads the report of the closed demo cycle, downloads its figures and open data", async ({ page, request }) => {
  await page.goto("/rondes");
  await page.getByRole("link", { name: "Donkere steegjes in de binnenstad" }).click();
  await expect(page.getByText("Afgerond", { exact: true }).first()).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Verslag van deze ronde" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Verslag: Donkere steegjes in de binnenstad" })).toBeVisible();

  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const figure = (label: string) =>
    page.getByRole("term").filter({ hasText: new RegExp(`^${escape(label)}$`) }).locator("xpath=following-sibling::dd[1]");
  await expect(figure("Deelnemers")).toHaveText("6");
  await expect(figure("Gemelde plekken")).toHaveText("4");
  await expect(figure("Opgelost door bewoners zelf")).toHaveText("1");
  await expect(figure("Naar gemeente en politie")).toHaveText("2");
  await expect(figure("Antwoorden van gemeente en politie")).toHaveText("2");
  await expect(figure("Dagen tot een antwoord (mediaan)")).toHaveText("5,5");
  await expect(page.getByText(/Doorgang bij de parkeergarage Haddingestraat: In behandeling|Doorgang bij de parkeergarage Haddingestraat/).first()).toBeVisible();
  await expect(page.getByText(/Politie Groningen, basisteam Oost/)).toBeVisible();
  await expect(page.getByText(/In de eerste 30 dagen gaven bewoners de plekken gemiddeld een 2,0/)).toBeVisible();
  await expectAccessible(page);

  const csv = await request.get("/rondes/donkere-steegjes-binnenstad/verslag.csv");
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const text = await csv.text();
  expect(text).toContain('"Gemelde plekken","4"');
  expect(text).toContain('"Opgelost door bewoners zelf","1"');

  const json = await request.get("/rondes/donkere-steegjes-binnenstad/open-data.json");
  expect(json.status()).toBe(200);
  const body = await json.text();
  const parsed = JSON.parse(body) as { knelpunten: unknown[]; answers: Array<{ answeredBy: string }> };
  expect(parsed.knelpunten).toHaveLength(4);
  expect(parsed.answers.map((a) => a.answeredBy)).toContain("Fatima El Amrani");
  expect(body).not.toMatch(/@veranderlab\.test/);
});

test("the report of a running cycle is hidden from visitors, a preview for project leaders", async ({ page }) => {
  expect((await page.goto("/rondes/enge-fietstunnels/verslag"))?.status()).toBe(404);
  await logIn(page, DEMO.projectleider);
  await page.goto("/rondes/enge-fietstunnels/verslag");
  await expect(page.getByText("Dit verslag is nog niet openbaar.")).toBeVisible();
  await expectAccessible(page);
});
