import { DEMO, DEMO_PASSWORD, expect, expectAccessible, expectAccessibleWithoutJs, logIn, logOut, randomIp, readCodeFromMail, signUpAndVerify, test, uniqueEmail } from "./fixtures";

test("a new resident signs up, verifies with the mailed code, logs out and logs in again", async ({ page }) => {
  const email = uniqueEmail("nieuw");
  const password = "een lange zin als wachtwoord";

  await page.goto("/");
  await expectAccessible(page);
  await page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Account maken" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Account maken" })).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel("Wachtwoord").fill(password);
  await page.getByLabel("Naam die anderen zien").fill("Noor");
  await page.getByLabel(/^Wijk/).fill("Oosterparkwijk");
  await page.getByLabel("Ik heb de gedragscode gelezen en houd me eraan").check();
  await page.getByRole("button", { name: "Account maken" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Controleer uw e-mail" })).toBeVisible();
  await expect(page.getByText(email)).toBeVisible();
  await expectAccessible(page);

  const code = await readCodeFromMail(page, email);
  await expectAccessible(page);

  await page.goto("/verifieren");
  await expect(page.getByLabel("E-mailadres")).toHaveValue(email);
  await page.getByLabel("Code", { exact: true }).fill(code);
  await page.getByRole("button", { name: "Bevestigen" }).click();
  await expect(page.getByText("Welkom! Uw account is klaar.")).toBeVisible();
  await expect(page.getByText("Ingelogd als Noor")).toBeVisible();
  await expectAccessible(page);

  await logOut(page);
  await expect(page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Inloggen" })).toBeVisible();

  await logIn(page, email, password);
  await expect(page.getByText("Ingelogd als Noor")).toBeVisible();
});

test("sign-up with bad input keeps what was typed and says what is wrong next to each field", async ({ page }) => {
  await page.goto("/registreren");
  await page.getByLabel("E-mailadres").fill("geen-adres");
  await page.getByLabel("Wachtwoord").fill("kort");
  await page.getByLabel("Naam die anderen zien").fill("Noor");
  await page.getByRole("button", { name: "Account maken" }).click();

  const summary = page.getByRole("alert").filter({ hasText: "Controleer het volgende" });
  await expect(summary).toBeVisible();
  await expect(page.getByLabel("E-mailadres")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("E-mailadres")).toHaveAccessibleDescription(/Vul een geldig e-mailadres in/);
  await expect(page.getByLabel("Wachtwoord")).toHaveAccessibleDescription(/minimaal 8 tekens/);
  await expect(page.getByLabel("Ik heb de gedragscode gelezen en houd me eraan")).toHaveAccessibleDescription(
    /alleen meedoen als u de gedragscode accepteert/,
  );
  // What was typed is still there (except the password).
  await expect(page.getByLabel("E-mailadres")).toHaveValue("geen-adres");
  await expect(page.getByLabel("Naam die anderen zien")).toHaveValue("Noor");
  await expect(page).toHaveTitle(/^Fout: Account maken/);
});

test("a wrong password gives a clear error next to the field", async ({ page }) => {
  await page.goto("/inloggen");
  await page.getByLabel("E-mailadres").fill(DEMO.bewoner);
  await page.getByLabel("Wachtwoord").fill("dit-is-niet-het-wachtwoord");
  await page.getByRole("button", { name: "Inloggen" }).click();

  const field = page.getByLabel("Wachtwoord");
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(field).toHaveAccessibleDescription("Het e-mailadres of het wachtwoord klopt niet.");
  await expect(page.getByLabel("E-mailadres")).toHaveValue(DEMO.bewoner);
  await expect(page.getByRole("link", { name: /Het e-mailadres of het wachtwoord klopt niet/ })).toBeVisible();
});

test("sign-in works with the keyboard alone", async ({ page }) => {
  await page.goto("/inloggen");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Naar de inhoud" })).toBeFocused();
  await page.keyboard.press("Enter");
  // From the main landmark, Tab reaches the email field first.
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("E-mailadres")).toBeFocused();
  await page.keyboard.type(DEMO.bewoner);
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Wachtwoord")).toBeFocused();
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press("Enter");
  await expect(page.getByText("U bent ingelogd.")).toBeVisible();
  await expect(page.getByText("Ingelogd als Sanne Bakker")).toBeVisible();
});

test("a resident opening the accounts page gets the 403 page", async ({ page }) => {
  await logIn(page, DEMO.bewoner);
  const response = await page.goto("/beheer/accounts");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1, name: "Geen toegang" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Accounts" })).toHaveCount(0);
});

test("a visitor opening the accounts page is asked to log in first", async ({ page }) => {
  await page.goto("/beheer/accounts");
  await expect(page).toHaveURL(/\/inloggen\?redirectTo=%2Fbeheer%2Faccounts/);
  await page.getByLabel("E-mailadres").fill(DEMO.beheerder);
  await page.getByLabel("Wachtwoord").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Inloggen" }).click();
  await expect(page).toHaveURL(/\/beheer\/accounts$/);
  await expect(page.getByRole("heading", { level: 1, name: "Accounts" })).toBeVisible();
});

test("an administrator makes a resident a project leader", async ({ page, browser }) => {
  // A fresh resident, so the test does not change demo accounts others use.
  const email = uniqueEmail("wordt-pl");
  await signUpAndVerify(page, { email, password: "fietstunnel in het donker", displayName: "Kees Toekomstig" });

  const adminContext = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": randomIp() } });
  const admin = await adminContext.newPage();
  await logIn(admin, DEMO.beheerder);
  await admin.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Accounts" }).click();
  await admin.getByRole("searchbox", { name: "Zoek op naam of e-mailadres" }).fill(email);
  await admin.getByRole("button", { name: "Zoeken" }).click();
  await expectAccessible(admin);
  await admin.getByLabel("Rol van Kees Toekomstig").selectOption({ label: "Projectleider" });
  await admin.getByRole("button", { name: "Wijzig rol" }).click();
  await expect(admin.getByText("De rol van Kees Toekomstig is nu: Projectleider.")).toBeVisible();
  await expect(admin.getByText(`${email} · Projectleider`)).toBeVisible();
  await expectAccessible(admin);
  await adminContext.close();

  await page.goto("/account");
  await expect(page.getByText("Uw rol: Projectleider")).toBeVisible();
});

test("the language switch works without JavaScript", async ({ browser, clientIp }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, extraHTTPHeaders: { "X-Forwarded-For": clientIp } });
  const page = await context.newPage();
  await page.goto("/over");
  await expect(page.locator("html")).toHaveAttribute("lang", "nl");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page).toHaveURL(/\/over$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("navigation", { name: "Main menu" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Log in" })).toBeVisible();
  await expectAccessibleWithoutJs(page);
  await page.getByRole("button", { name: "Nederlands" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "nl");
  await expect(page.getByRole("link", { name: "Inloggen" })).toBeVisible();
  await context.close();
});

test("a forgotten password is reset with a mailed code", async ({ page }) => {
  const email = uniqueEmail("vergeten");
  await signUpAndVerify(page, { email, password: "mijn eerste wachtwoord", displayName: "Vergeetachtig" });
  await logOut(page);

  await page.goto("/inloggen");
  await page.getByRole("link", { name: "Wachtwoord vergeten?" }).click();
  await expectAccessible(page);
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByRole("button", { name: "Stuur code" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Nieuw wachtwoord kiezen" })).toBeVisible();
  await expectAccessible(page);
  const resetCode = await readCodeFromMail(page, email);
  await page.goto("/wachtwoord-herstellen");
  await page.getByLabel("Code", { exact: true }).fill(resetCode);
  await page.getByLabel("Nieuw wachtwoord").fill("mijn tweede wachtwoord");
  await page.getByRole("button", { name: "Wachtwoord opslaan" }).click();
  await expect(page.getByText("Uw nieuwe wachtwoord is opgeslagen.")).toBeVisible();
  await logOut(page);
  await logIn(page, email, "mijn tweede wachtwoord");
});

test("content pages, the 404 page and security headers", async ({ page, request }) => {
  for (const [path, title] of [
    ["/over", "Over het Veranderlab"],
    ["/gedragscode", "Gedragscode"],
    ["/privacy", "Privacyverklaring"],
    ["/toegankelijkheid", "Toegankelijkheidsverklaring"],
    ["/kwetsbaarheid-melden", "Kwetsbaarheid melden"],
  ] as const) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(page.getByRole("contentinfo").getByRole("link", { name: "Gedragscode" })).toBeVisible();
    await expectAccessible(page);
  }

  const missing = await page.goto("/deze-pagina-bestaat-niet");
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Pagina niet gevonden" })).toBeVisible();
  await expectAccessible(page);

  const response = await request.get("/");
  const headers = response.headers();
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
  expect(headers["content-security-policy"]).toContain("object-src 'none'");
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-powered-by"]).toBeUndefined();
});
