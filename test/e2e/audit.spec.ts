import {
  DEMO,
  DEMO_PASSWORD,
  expect,
  expectAccessible,
  expectAccessibleWithoutJs,
  logIn,
  randomIp,
  signUpAndVerify,
  test,
  uniqueEmail,
} from "./fixtures";

test("a project leader blocks a resident (sessions end, sign-in refused), finds it in the audit log and unblocks", async ({ page, browser }) => {
  // A fresh resident, signed in in their own browser, so demo accounts stay as they are.
  const email = uniqueEmail("blok");
  const password = "fietstunnel vol met graffiti";
  const name = `Kees Blok ${Date.now().toString(36)}`;
  const reason = "Scheldt in reacties steeds andere bewoners uit.";
  await signUpAndVerify(page, { email, password, displayName: name });
  await page.goto("/account");
  await expect(page.getByText(`Ingelogd als ${name}`)).toBeVisible();

  // The administrator's accounts list links to the participant page.
  const adminContext = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": randomIp() } });
  const admin = await adminContext.newPage();
  await logIn(admin, DEMO.beheerder);
  await admin.goto(`/beheer/accounts?q=${encodeURIComponent(email)}`);
  const link = admin.getByRole("link", { name: `Blokkeren of deblokkeren van ${name}` });
  await expect(link).toBeVisible();
  const participantUrl = (await link.getAttribute("href"))!;
  expect(participantUrl).toMatch(/^\/moderatie\/deelnemers\/[A-Za-z0-9_-]+$/);
  await adminContext.close();

  const leaderContext = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": randomIp() } });
  const leader = await leaderContext.newPage();
  await logIn(leader, DEMO.projectleider);
  await leader.goto(participantUrl);
  await expect(leader.getByRole("heading", { level: 1, name: `Deelnemer: ${name}` })).toBeVisible();
  await expect(leader.getByText("Actief", { exact: true })).toBeVisible();
  // A project leader never sees the email address.
  await expect(leader.getByText(email)).toHaveCount(0);
  await expect(leader.getByRole("table", { name: `Wat ${name} heeft geschreven, en hoeveel daarvan nu niet zichtbaar is` })).toBeVisible();
  await expectAccessible(leader);

  // Without a reason: the error next to the field and in the summary.
  await leader.getByRole("button", { name: "Account blokkeren" }).click();
  const field = leader.getByLabel("Waarom blokkeert u dit account?");
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(field).toHaveAccessibleDescription(/Schrijf de reden op\. Gebruik minimaal 3 tekens\./);
  await expect(leader.getByRole("alert").filter({ hasText: "Controleer het volgende" })).toBeVisible();
  await expect(leader).toHaveTitle(/^Fout: /);
  await expectAccessible(leader);

  await field.fill(reason);
  await leader.getByRole("button", { name: "Account blokkeren" }).click();
  await expect(leader.getByText(`${name} is geblokkeerd en is op alle apparaten uitgelogd.`)).toBeVisible();
  await expect(leader.getByText(/Geblokkeerd sinds/)).toBeVisible();
  await expect(leader.getByRole("heading", { level: 2, name: "Blokkade opheffen" })).toBeVisible();
  await expect(leader.getByRole("table", { name: `De laatste 20 regels over ${name}, de nieuwste eerst` })).toContainText(reason);
  await expectAccessible(leader);

  // The resident's session ended: the next page load is signed out.
  await page.goto("/account");
  await expect(page).toHaveURL(/\/inloggen\?redirectTo=%2Faccount$/);
  await expect(page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Inloggen" })).toBeVisible();
  // And signing in again is refused with the blocked message.
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel("Wachtwoord", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Inloggen" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Dit account is geblokkeerd. Neem contact op met de projectleider." })).toBeVisible();
  await expectAccessible(page);
  // The mail says why and how to object.
  await page.goto(`/mail?aan=${encodeURIComponent(email)}`);
  await expect(page.getByRole("heading", { level: 2, name: "Uw account bij Veranderlab is geblokkeerd" })).toBeVisible();
  await expect(page.getByText(reason)).toBeVisible();

  // The project leader finds the block in the audit log, filtered by action.
  await leader.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Logboek" }).click();
  await expect(leader.getByRole("heading", { level: 1, name: "Logboek" })).toBeVisible();
  await leader.getByLabel("Wat is er gedaan?").selectOption({ label: "Account geblokkeerd" });
  await leader.getByRole("button", { name: "Filter toepassen" }).click();
  await expect(leader).toHaveURL(/actie=account\.blocked/);
  const table = leader.getByRole("table", { name: "Regels in het logboek, de nieuwste eerst" });
  const row = table.getByRole("row").filter({ hasText: name });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Account geblokkeerd");
  await expect(row).toContainText("Mark de Vries (Projectleider)");
  await expect(row).toContainText(reason);
  await expect(table.getByRole("row").filter({ hasText: "Blokkade opgeheven" })).toHaveCount(0);
  await expectAccessible(leader);

  // From the log back to the participant, and unblock without JavaScript.
  await row.getByRole("link", { name }).click();
  await expect(leader).toHaveURL(new RegExp(`${participantUrl}$`));
  const noJs = await browser.newContext({ javaScriptEnabled: false, extraHTTPHeaders: { "X-Forwarded-For": randomIp() } });
  await noJs.addCookies(await leaderContext.cookies());
  const plain = await noJs.newPage();
  await plain.goto(participantUrl);
  await plain.getByRole("button", { name: "Blokkade opheffen" }).click();
  await expect(plain.getByLabel("Waarom heft u de blokkade op?")).toHaveAccessibleDescription(/Schrijf de reden op/);
  await expectAccessibleWithoutJs(plain);
  await plain.getByLabel("Waarom heft u de blokkade op?").fill("Excuses gemaakt in een gesprek.");
  await plain.getByRole("button", { name: "Blokkade opheffen" }).click();
  await expect(plain.getByText(`De blokkade van ${name} is opgeheven.`)).toBeVisible();
  await expect(plain.getByText("Actief", { exact: true })).toBeVisible();
  await noJs.close();
  await leaderContext.close();

  // The resident can sign in again.
  await logIn(page, email, password);
  await expect(page.getByText(`Ingelogd als ${name}`)).toBeVisible();
});

test("a project leader cannot block staff, and a resident cannot open the log or a participant page", async ({ page, browser }) => {
  const adminContext = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": randomIp() } });
  const admin = await adminContext.newPage();
  await logIn(admin, DEMO.beheerder);
  await admin.goto(`/beheer/accounts?q=${encodeURIComponent(DEMO.ambtenaar)}`);
  const participantUrl = (await admin.getByRole("link", { name: /^Blokkeren of deblokkeren/ }).first().getAttribute("href"))!;
  // The administrator sees the email address there.
  await admin.goto(participantUrl);
  await expect(admin.getByText(DEMO.ambtenaar)).toBeVisible();
  await expect(admin.getByRole("button", { name: "Account blokkeren" })).toBeVisible();
  await expectAccessible(admin);
  await adminContext.close();

  await logIn(page, DEMO.projectleider);
  await page.goto(participantUrl);
  await expect(page.getByText("Een projectleider kan alleen bewoners blokkeren.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Account blokkeren" })).toHaveCount(0);
  await expect(page.getByText(DEMO.ambtenaar)).toHaveCount(0);
  await expectAccessible(page);

  const residentContext = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": randomIp() } });
  const resident = await residentContext.newPage();
  await logIn(resident, DEMO.bewoner, DEMO_PASSWORD);
  expect((await resident.goto("/beheer/logboek"))?.status()).toBe(403);
  expect((await resident.goto(participantUrl))?.status()).toBe(403);
  await residentContext.close();

  // Unknown participants are a 404.
  expect((await page.goto("/moderatie/deelnemers/bestaat-niet"))?.status()).toBe(404);
  await page.goto("/beheer/logboek?van=gisteren");
  await expect(page.getByLabel("Vanaf datum")).toHaveAccessibleDescription(/Vul een geldige datum in/);
});
