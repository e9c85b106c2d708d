import { DEMO, expect, logIn, test } from "./fixtures";

/**
 * The headers every response carries, no-store wherever someone is signed
 * in, and /.well-known/security.txt. HSTS is only sent over HTTPS: see
 * test/unit/http-stack.test.ts (this server runs on plain HTTP).
 */

test("security.txt is served as RFC 9116 asks", async ({ request, baseURL }) => {
  const response = await request.get("/.well-known/security.txt");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("text/plain; charset=utf-8");
  const text = await response.text();
  const lines = text.trim().split("\n");
  expect(lines.filter((line) => line.startsWith("Contact: "))).toEqual([expect.stringMatching(/^Contact: (mailto:|https:)/)]);
  const expires = lines.filter((line) => line.startsWith("Expires: "));
  expect(expires).toHaveLength(1);
  const days = (Date.parse(expires[0]!.slice("Expires: ".length)) - Date.now()) / 86_400_000;
  expect(days).toBeGreaterThan(30);
  expect(days).toBeLessThan(365);
  expect(lines).toContain(`Canonical: ${baseURL}/.well-known/security.txt`);
  expect(lines).toContain("Preferred-Languages: nl, en");
  // The policy it points to is a real page.
  const policy = lines.find((line) => line.startsWith("Policy: "))!.slice("Policy: ".length);
  expect(new URL(policy).pathname).toBe("/kwetsbaarheid-melden");
  expect((await request.get("/kwetsbaarheid-melden")).status()).toBe(200);
});

test("every kind of response carries the security headers", async ({ request }) => {
  for (const path of ["/", "/.well-known/security.txt", "/feed.xml", "/deze-pagina-bestaat-niet", "/favicon.svg"]) {
    const response = await request.get(path);
    const headers = response.headers();
    expect.soft(headers["content-security-policy"], path).toContain("frame-ancestors 'none'");
    expect.soft(headers["content-security-policy"], path).toContain("object-src 'none'");
    expect.soft(headers["x-content-type-options"], path).toBe("nosniff");
    expect.soft(headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
    expect.soft(headers["x-frame-options"], path).toBe("DENY");
    expect.soft(headers["strict-transport-security"], path).toBeUndefined();
  }
});

test("pages with personal data are never stored; public pages for visitors may be", async ({ page }) => {
  const visitor = await page.request.get("/rondes");
  expect(visitor.headers()["cache-control"] ?? "").not.toContain("no-store");

  await logIn(page, DEMO.bewoner);
  for (const path of ["/", "/account", "/account/gegevens.json", "/rondes", "/berichten", "/over"]) {
    const response = await page.request.get(path);
    expect.soft(response.headers()["cache-control"], path).toMatch(/(^|, )no-store($|,)/);
    expect.soft(response.headers()["cache-control"], path).toContain("private");
  }
});

test("a form posted from another site is refused before it reaches an action", async ({ page, baseURL }) => {
  await logIn(page, DEMO.bewoner);
  const crossSite = await page.request.post("/uitloggen", {
    headers: { Origin: "https://kwaadwillend.example" },
    form: {},
    maxRedirects: 0,
  });
  expect(crossSite.status()).toBe(403);
  expect(await crossSite.text()).toContain("Geen toegang");
  // Still signed in: the same post from the site itself does sign out.
  await page.goto("/account");
  await expect(page.getByRole("heading", { level: 1, name: "Mijn account" })).toBeVisible();
  const sameSite = await page.request.post("/uitloggen", { headers: { Origin: baseURL! }, form: {}, maxRedirects: 0 });
  expect(sameSite.status()).toBe(302);
});

test("a cross-site post to a page is refused and changes nothing", async ({ page }) => {
  await logIn(page, DEMO.bewoner);
  const response = await page.request.post("/account", {
    headers: { Origin: "https://kwaadwillend.example" },
    form: { intent: "profile", displayName: "Overgenomen", wijk: "" },
    maxRedirects: 0,
  });
  // React Router refuses it itself (400) before our middleware (403) would.
  expect([400, 403]).toContain(response.status());
  await page.goto("/account");
  await expect(page.getByLabel("Naam die anderen zien")).toHaveValue("Sanne Bakker");
});

test("a refused attempt without JavaScript says when to try again (Retry-After)", async ({ request }) => {
  // Reset codes: 20 requests per hour from one address (README, "Rate limits").
  const ip = `10.250.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
  let last = null as Awaited<ReturnType<typeof request.post>> | null;
  for (let i = 0; i < 21; i++) {
    last = await request.post("/wachtwoord-vergeten", {
      headers: { "X-Forwarded-For": ip },
      form: { email: `niemand-${i}-${Date.now()}@voorbeeld.test` },
      maxRedirects: 0,
    });
  }
  expect(last!.status()).toBe(429);
  const seconds = Number(last!.headers()["retry-after"]);
  expect(seconds).toBeGreaterThan(55 * 60);
  expect(seconds).toBeLessThanOrEqual(60 * 60);
  expect(await last!.text()).toContain("Wacht");
});
