import fs from "node:fs/promises";
import { expect, expectAccessible, expectAccessibleWithoutJs, randomIp, signUpAndVerify, test, uniqueEmail } from "./fixtures";

test("a resident downloads their data, then deletes their account and cannot log in again", async ({ page }) => {
  // A fresh resident, so the demo accounts stay as they are.
  const email = uniqueEmail("privacy");
  const password = "mijn gegevens zijn van mij";
  const displayName = `Zwaluwstaart ${Date.now().toString(36)}`;
  await signUpAndVerify(page, { email, password, displayName });

  await page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Mijn account" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Mijn gegevens" })).toBeVisible();
  await expectAccessible(page);

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download mijn gegevens (JSON)" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^mijn-gegevens-veranderlab-\d{4}-\d{2}-\d{2}\.json$/);
  const data = JSON.parse(await fs.readFile((await download.path())!, "utf8"));
  expect(data.users).toEqual([expect.objectContaining({ email, display_name: displayName, role: "bewoner" })]);
  expect(data.outbox.map((mail: { to_address: string }) => mail.to_address)).toContain(email);
  expect(data.sessions.length).toBeGreaterThanOrEqual(1);
  expect(JSON.stringify(data)).not.toMatch(/argon2|password_hash|secret_hash|code_hash/);

  const response = await page.request.get("/account/gegevens.json");
  expect(response.headers()["content-type"]).toBe("application/json; charset=utf-8");
  // server.js adds "private, no-store" for every signed-in request; the route says no-store itself too.
  expect(response.headers()["cache-control"]).toMatch(/(^|, )no-store($|,)/);
  expect(response.headers()["content-disposition"]).toMatch(/^attachment; filename="mijn-gegevens-veranderlab-\d{4}-\d{2}-\d{2}\.json"$/);

  const oldCookies = await page.context().cookies();
  await page.getByRole("link", { name: "Mijn account verwijderen" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Account verwijderen" })).toBeVisible();
  await expect(page.getByText('Er staat dan "verwijderde deelnemer" bij, niet uw naam.')).toBeVisible();
  await expectAccessible(page);

  // A wrong password: the error sits at the field and in the summary; nothing is deleted.
  const passwordField = page.getByLabel("Uw wachtwoord", { exact: true });
  const confirm = page.getByLabel("Ik begrijp dat dit niet ongedaan kan worden");
  await passwordField.fill("dit is niet mijn wachtwoord");
  await confirm.check();
  await page.getByRole("button", { name: "Account verwijderen" }).click();
  await expect(passwordField).toHaveAttribute("aria-invalid", "true");
  await expect(passwordField).toHaveAccessibleDescription(/Dit wachtwoord klopt niet\. Uw account is niet verwijderd\./);
  await expect(page.getByRole("alert").getByRole("link", { name: /Dit wachtwoord klopt niet/ })).toBeVisible();
  await expect(page).toHaveTitle(/^Fout: Account verwijderen/);
  await expect(confirm).toBeChecked();
  await expectAccessible(page);

  await passwordField.fill(password);
  await page.getByRole("button", { name: "Account verwijderen" }).click();
  await expect(page.getByText("Uw account is verwijderd.")).toBeVisible();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Inloggen" })).toBeVisible();
  await expectAccessible(page);

  // The old session cookie no longer works.
  await page.context().addCookies(oldCookies.filter((cookie) => cookie.name === "vl_session"));
  await page.goto("/account");
  await expect(page).toHaveURL(/\/inloggen\?redirectTo=%2Faccount$/);

  // Logging in with the old address and password fails like any wrong sign-in.
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel("Wachtwoord", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Inloggen" }).click();
  await expect(page.getByLabel("Wachtwoord", { exact: true })).toHaveAccessibleDescription("Het e-mailadres of het wachtwoord klopt niet.");
  await expectAccessible(page);
});

test("deleting an account works without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, extraHTTPHeaders: { "X-Forwarded-For": randomIp() } });
  const page = await context.newPage();
  const email = uniqueEmail("privacy-nojs");
  const password = "zonder javascript gaat het ook";
  await signUpAndVerify(page, { email, password, displayName: "Zonder Script" });

  await page.goto("/account/verwijderen");
  // Nothing filled in: both problems are named, next to their fields.
  await page.getByRole("button", { name: "Account verwijderen" }).click();
  await expect(page.getByLabel("Uw wachtwoord", { exact: true })).toHaveAccessibleDescription(/Vul uw wachtwoord in\./);
  await expect(page.getByLabel("Ik begrijp dat dit niet ongedaan kan worden")).toHaveAccessibleDescription(
    "Zet een vinkje als u begrijpt dat dit niet ongedaan kan worden.",
  );
  await expect(page).toHaveTitle(/^Fout: Account verwijderen/);
  await expectAccessibleWithoutJs(page);

  await page.getByLabel("Uw wachtwoord", { exact: true }).fill(password);
  await page.getByLabel("Ik begrijp dat dit niet ongedaan kan worden").check();
  await page.getByRole("button", { name: "Account verwijderen" }).click();
  await expect(page.getByText("Uw account is verwijderd.")).toBeVisible();
  await expect(page).toHaveURL(/\/$/);
  await expectAccessibleWithoutJs(page);
  await context.close();
});

test("the privacy page says what is kept, why and how long, and where to use the rights", async ({ page }) => {
  await page.goto("/privacy");
  await expect(page.getByRole("heading", { level: 1, name: "Privacyverklaring" })).toBeVisible();
  for (const name of ["Waarom bewaren we dit?", "Hoe lang bewaren we uw gegevens?", "Uw rechten"]) {
    await expect(page.getByRole("heading", { level: 2, name })).toBeVisible();
  }
  await expect(page.getByRole("cell", { name: "90 dagen" })).toBeVisible();
  await expect(page.getByRole("link", { name: "/account/gegevens.json" })).toHaveAttribute("href", "/account/gegevens.json");
  await expect(page.getByRole("link", { name: "/account/verwijderen" })).toHaveAttribute("href", "/account/verwijderen");
  await expectAccessible(page);

  // The download is only for the person signed in.
  const visitor = await page.request.get("/account/gegevens.json", { maxRedirects: 0 });
  expect(visitor.status()).toBe(302);
  expect(visitor.headers()["location"]).toBe("/inloggen?redirectTo=%2Faccount%2Fgegevens.json");

  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Privacy statement" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Why do we keep this?" })).toBeVisible();
  await expectAccessible(page);
});
