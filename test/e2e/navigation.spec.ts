import type { Page } from "@playwright/test";
import { DEMO, expect, expectAccessible, logIn, randomIp, test } from "./fixtures";

/**
 * Our links are plain `<a href>` in the HTML (app/ui/app-link.tsx), not React
 * Router's `<Link>`: cheaper on the server. These tests hold what a visitor
 * gets from them: in the browser a click still changes the page without
 * loading a new document, Back works, the menu marks the current page, and
 * without JavaScript they are ordinary links.
 */

/** React has taken over the page. */
async function hydrated(page: Page) {
  await page.waitForFunction(() => Object.keys(document.body).some((key) => key.startsWith("__reactFiber")));
}

/** Marks the current document; a full page load loses the mark. */
async function markDocument(page: Page) {
  await page.evaluate(() => {
    (window as unknown as { __sameDocument: boolean }).__sameDocument = true;
  });
}

async function isSameDocument(page: Page) {
  return page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument === true);
}

const menu = (page: Page) => page.getByRole("navigation", { name: "Hoofdmenu" });

test("a menu link and a link in the page change the page without loading a new document, and Back returns", async ({ page }) => {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto("/");
  await hydrated(page);
  await expect(menu(page).getByRole("link", { name: "Home" })).toHaveAttribute("aria-current", "page");
  await markDocument(page);

  await menu(page).getByRole("link", { name: "Rondes" }).click();
  await expect(page).toHaveURL(/\/rondes$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(await isSameDocument(page)).toBe(true);
  await expect(menu(page).getByRole("link", { name: "Rondes" })).toHaveAttribute("aria-current", "page");
  await expect(menu(page).getByRole("link", { name: "Home" })).not.toHaveAttribute("aria-current", "page");
  await expectAccessible(page);

  // A link inside the page (a cycle card), then one level deeper: the menu item stays current.
  const cycleLink = page.getByRole("main").getByRole("link").filter({ hasText: /\S/ }).first();
  const cycleHref = await cycleLink.getAttribute("href");
  expect(cycleHref).toMatch(/^\/rondes\/[\w-]+$/);
  await cycleLink.click();
  await expect(page).toHaveURL(new RegExp(`${cycleHref}$`));
  expect(await isSameDocument(page)).toBe(true);
  await expect(menu(page).getByRole("link", { name: "Rondes" })).toHaveAttribute("aria-current", "page");

  await page.goBack();
  await expect(page).toHaveURL(/\/rondes$/);
  await page.goBack();
  await expect(page).toHaveURL(/\/$/);
  await expect(menu(page).getByRole("link", { name: "Home" })).toHaveAttribute("aria-current", "page");
  expect(await isSameDocument(page)).toBe(true);
  expect(errors).toEqual([]);
});

test("by keyboard: Enter on a focused link follows it in the app, and the focus moves to the new page's content", async ({ page }) => {
  await page.goto("/");
  await hydrated(page);
  await markDocument(page);
  const link = menu(page).getByRole("link", { name: "Berichten" });
  await link.focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/berichten$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(await isSameDocument(page)).toBe(true);
  // As after a full page load a screen reader starts in the content, not on the menu link.
  await expect(page.getByRole("main")).toBeFocused();
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => document.getElementById("main")?.contains(document.activeElement))).toBe(true);
});

test("a page that puts the focus somewhere itself keeps it: a refused form's error summary", async ({ page }) => {
  await page.goto("/inloggen");
  await hydrated(page);
  await page.getByRole("button", { name: "Inloggen" }).click();
  const summary = page.locator(".vl-error-summary");
  await expect(summary).toBeVisible();
  await expect(summary).toBeFocused();
});

test("a signed-in official's menu marks the queue, and a queue item opens in the app", async ({ page }) => {
  await logIn(page, DEMO.ambtenaar);
  await page.goto("/beoordelen");
  await hydrated(page);
  await expect(menu(page).getByRole("link", { name: "Te beoordelen" })).toHaveAttribute("aria-current", "page");
  await markDocument(page);
  const item = page.getByRole("main").getByRole("listitem").getByRole("heading", { level: 3 }).getByRole("link").first();
  await item.click();
  await expect(page).toHaveURL(/\/beoordelen\/\d+$/);
  expect(await isSameDocument(page)).toBe(true);
  await expect(menu(page).getByRole("link", { name: "Te beoordelen" })).toHaveAttribute("aria-current", "page");
  await expectAccessible(page);
});

test("without JavaScript the same links are ordinary links", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, extraHTTPHeaders: { "X-Forwarded-For": randomIp() } });
  const page = await context.newPage();
  await page.goto("/");
  const link = menu(page).getByRole("link", { name: "Rondes" });
  await expect(link).toHaveAttribute("href", "/rondes");
  await link.click();
  await expect(page).toHaveURL(/\/rondes$/);
  await expect(menu(page).getByRole("link", { name: "Rondes" })).toHaveAttribute("aria-current", "page");
  await context.close();
});
