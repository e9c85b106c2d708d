import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "demo-veranderlab-2026";
export const DEMO = {
  bewoner: "bewoner@veranderlab.test",
  projectleider: "projectleider@veranderlab.test",
  ambtenaar: "ambtenaar@veranderlab.test",
  beheerder: "beheerder@veranderlab.test",
} as const;

let counter = 0;
/** A unique address per call, so tests do not share accounts. */
export function uniqueEmail(prefix = "test"): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${process.pid}-${counter}@voorbeeld.test`;
}

export function randomIp(): string {
  const byte = () => Math.floor(Math.random() * 254) + 1;
  return `10.${byte()}.${byte()}.${byte()}`;
}

/** WCAG 2.1 A and AA checks with axe; fails on any violation. */
export async function expectAccessible(page: Page) {
  await page.waitForLoadState("load");
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(" ")).join("\n  ")}`,
  );
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

type Fixtures = { clientIp: string };

export const test = base.extend<Fixtures>({
  clientIp: async ({}, use) => {
    await use(randomIp());
  },
  // Every test is its own client address for the rate limits, and ends with
  // an accessibility check of the page it ended on.
  extraHTTPHeaders: async ({ clientIp }, use) => {
    await use({ "X-Forwarded-For": clientIp });
  },
  page: async ({ page }, use) => {
    await use(page);
    if (page.url().startsWith("http")) await expectAccessible(page);
  },
});

export { expect };

export async function logIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/inloggen");
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel("Wachtwoord", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Inloggen" }).click();
  await expect(page.getByText("U bent ingelogd.")).toBeVisible();
}

/** Reads the newest 8-digit code sent to `email` from the mail preview page. */
export async function readCodeFromMail(page: Page, email: string): Promise<string> {
  await page.goto(`/mail?aan=${encodeURIComponent(email)}`);
  const subject = page.getByRole("heading", { level: 2 }).first();
  await expect(subject).toContainText(/\d{8}/);
  const code = /(\d{8})/.exec((await subject.textContent()) ?? "")?.[1];
  if (!code) throw new Error(`no code in mail to ${email}`);
  return code;
}

/** Signs up a new resident through the forms and confirms the address with the mailed code. */
export async function signUpAndVerify(page: Page, account: { email: string; password: string; displayName: string }) {
  await page.goto("/registreren");
  await page.getByLabel("E-mailadres").fill(account.email);
  await page.getByLabel("Wachtwoord").fill(account.password);
  await page.getByLabel("Naam die anderen zien").fill(account.displayName);
  await page.getByLabel("Ik heb de gedragscode gelezen en houd me eraan").check();
  await page.getByRole("button", { name: "Account maken" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Controleer uw e-mail" })).toBeVisible();
  const code = await readCodeFromMail(page, account.email);
  await page.goto("/verifieren");
  await page.getByLabel("Code", { exact: true }).fill(code);
  await page.getByRole("button", { name: "Bevestigen" }).click();
  await expect(page.getByText("Welkom! Uw account is klaar.")).toBeVisible();
}

/**
 * axe needs JavaScript, so a page seen without it is checked by loading the
 * same address with the same cookies in a context where JavaScript runs.
 */
export async function expectAccessibleWithoutJs(page: Page) {
  const context = page.context();
  const browser = context.browser();
  if (!browser) throw new Error("no browser");
  const checker = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": randomIp() } });
  await checker.addCookies(await context.cookies());
  const checkPage = await checker.newPage();
  await checkPage.goto(page.url());
  await expectAccessible(checkPage);
  await checker.close();
}

export async function logOut(page: Page) {
  await page.getByRole("button", { name: "Uitloggen", exact: true }).click();
  await expect(page.getByText("U bent uitgelogd.")).toBeVisible();
}
