import type { APIRequestContext, BrowserContext } from "@playwright/test";
import { expect, expectAccessible, logIn, logOut, randomIp, signUpAndVerify, test, uniqueEmail } from "./fixtures";

/**
 * An old session cookie is refused after logout and after a password change
 * (on this device and on every other one). Blocks and account deletion end
 * sessions too: audit.spec.ts and privacy.spec.ts cover those with the same
 * check (the old cookie sent again lands on the sign-in page).
 */

async function sessionCookie(context: BrowserContext): Promise<string> {
  const cookie = (await context.cookies()).find((c) => c.name === "vl_session");
  if (!cookie) throw new Error("no session cookie");
  return cookie.value;
}

/** What the server makes of a bare request that carries only this cookie. */
async function accountPageWith(request: APIRequestContext, token: string) {
  const response = await request.get("/account", {
    headers: { Cookie: `vl_session=${token}`, "X-Forwarded-For": randomIp() },
    maxRedirects: 0,
  });
  return { status: response.status(), location: response.headers()["location"] ?? null };
}

const SIGNED_IN = { status: 200, location: null };
const REFUSED = { status: 302, location: "/inloggen?redirectTo=%2Faccount" };

test("after logging out, the old session cookie is refused", async ({ page, request }) => {
  const account = { email: uniqueEmail("uitlog"), password: "lange-zomeravond-aan-zee", displayName: "Ruud Visser" };
  await signUpAndVerify(page, account);
  const token = await sessionCookie(page.context());
  expect(await accountPageWith(request, token)).toEqual(SIGNED_IN);

  await page.goto("/account");
  await logOut(page);
  expect(await accountPageWith(request, token)).toEqual(REFUSED);
  // Coming back with the old cookie set again by hand does not sign in either.
  await page.context().addCookies([{ name: "vl_session", value: token, url: page.url() }]);
  await page.goto("/account");
  await expect(page).toHaveURL(/\/inloggen\?redirectTo=%2Faccount$/);
});

test("a password change ends every session, this one too, and continues on a new one", async ({ page, browser, request }) => {
  const account = { email: uniqueEmail("wachtwoord"), password: "lange-zomeravond-aan-zee", displayName: "Noor Jansen" };
  await signUpAndVerify(page, account);
  const before = await sessionCookie(page.context());

  // The same person signed in on a second device.
  const other = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": randomIp() } });
  const otherPage = await other.newPage();
  await logIn(otherPage, account.email, account.password);
  const otherToken = await sessionCookie(other);
  expect(await accountPageWith(request, otherToken)).toEqual(SIGNED_IN);

  await page.goto("/account");
  await expect(page.getByRole("heading", { level: 2, name: "Wachtwoord wijzigen" })).toBeVisible();
  await page.getByLabel("Huidig wachtwoord").fill(account.password);
  await page.getByLabel("Nieuw wachtwoord").fill("herfstwind-over-het-plein");
  await page.getByRole("button", { name: "Wachtwoord wijzigen" }).click();
  await expect(page.getByText("Uw wachtwoord is gewijzigd.")).toBeVisible();
  await expectAccessible(page);

  // This device goes on with a new cookie; the old one and the other device's are refused.
  const after = await sessionCookie(page.context());
  expect(after).not.toBe(before);
  expect(await accountPageWith(request, after)).toEqual(SIGNED_IN);
  expect(await accountPageWith(request, before)).toEqual(REFUSED);
  expect(await accountPageWith(request, otherToken)).toEqual(REFUSED);
  await otherPage.goto("/account");
  await expect(otherPage).toHaveURL(/\/inloggen\?redirectTo=%2Faccount$/);

  // The old password no longer works, the new one does.
  await otherPage.getByLabel("E-mailadres").fill(account.email);
  await otherPage.getByLabel("Wachtwoord", { exact: true }).fill(account.password);
  await otherPage.getByRole("button", { name: "Inloggen" }).click();
  await expect(otherPage.getByText("Het e-mailadres of het wachtwoord klopt niet.").first()).toBeVisible();
  await logIn(otherPage, account.email, "herfstwind-over-het-plein");
  await other.close();
});

test("a forged cookie (right id, wrong secret) is refused and does not end the real session", async ({ page, request }) => {
  const account = { email: uniqueEmail("vervalst"), password: "lange-zomeravond-aan-zee", displayName: "Sem de Wit" };
  await signUpAndVerify(page, account);
  const token = await sessionCookie(page.context());
  const [id, secret] = token.split(".");
  const forged = `${id}.${secret!.slice(0, -1)}${secret!.endsWith("a") ? "b" : "a"}`;
  expect(await accountPageWith(request, forged)).toEqual(REFUSED);
  expect(await accountPageWith(request, `${id}`)).toEqual(REFUSED);
  expect(await accountPageWith(request, token)).toEqual(SIGNED_IN);
});
