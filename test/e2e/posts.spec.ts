import type { Browser, Page } from "@playwright/test";
import { DEMO, expect, expectAccessible, expectAccessibleWithoutJs, logIn, randomIp, test } from "./fixtures";

const run = `${Date.now().toString(36)}-${process.pid}`;
const editorTitle = `Lampen in de ringwegtunnel ${run}`;
const textareaTitle = `Samen fietsen op dinsdagavond ${run}`;

async function noJsPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled: false, extraHTTPHeaders: { "X-Forwarded-For": randomIp() } });
  return context.newPage();
}

/** Console errors and uncaught exceptions (CSP violations show up here too). */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return errors;
}

/** The rich-text editor has loaded (it replaces the textarea once JavaScript runs). */
async function editorOf(page: Page) {
  await expect(page.getByRole("toolbar", { name: "Opmaak van de tekst" })).toBeVisible();
  const editor = page.locator('[contenteditable="true"][role="textbox"]');
  await expect(editor).toHaveAccessibleName("Tekst van het bericht");
  return editor;
}

test.describe.serial("writing, reading and reacting to posts", () => {
  test("a project leader writes a post in the editor and publishes it", async ({ page }) => {
    const errors = collectErrors(page);
    await logIn(page, DEMO.projectleider);
    await page.goto("/berichten");
    await expect(page.getByRole("heading", { level: 2, name: "Concepten" })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole("link", { name: "Nieuw bericht" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Nieuw bericht schrijven" })).toBeVisible();
    const editor = await editorOf(page);
    await expect(editor).toHaveAttribute("aria-multiline", "true");
    await expectAccessible(page);

    await page.getByLabel("Titel").fill(editorTitle);
    await page.getByLabel("Ronde").selectOption({ label: "Enge fietstunnels (fase: Zelf doen)" });

    await editor.click();
    await page.keyboard.type("Sinds vorige week ");
    const bold = page.getByRole("button", { name: "Vet" });
    await expect(bold).toHaveAttribute("aria-pressed", "false");
    await bold.click();
    await expect(bold).toHaveAttribute("aria-pressed", "true");
    await page.keyboard.type("doen alle lampen het weer");
    await bold.click();
    await expect(bold).toHaveAttribute("aria-pressed", "false");
    await page.keyboard.type(" in de tunnel onder de ringweg.");
    await page.keyboard.press("Enter");

    // The toolbar is one tab stop; the arrow keys move along its buttons.
    await bold.focus();
    await page.keyboard.press("ArrowRight");
    await expect(page.getByRole("button", { name: "Schuin" })).toBeFocused();
    await page.keyboard.press("End");
    await expect(page.getByRole("button", { name: "Link" })).toBeFocused();
    await page.keyboard.press("Home");
    await expect(bold).toBeFocused();
    await expect(page.getByRole("button", { name: "Opsomming" })).toHaveAttribute("tabindex", "-1");

    // A link: only http, https and mailto are taken.
    await editor.click();
    await page.keyboard.press("ControlOrMeta+End");
    await page.keyboard.type("Meer informatie: ");
    await page.getByRole("button", { name: "Link" }).click();
    const url = page.getByRole("textbox", { name: "Webadres van de link" });
    await expect(url).toBeFocused();
    await url.fill("javascript:alert(1)");
    await url.press("Enter");
    await expect(url).toHaveAttribute("aria-invalid", "true");
    await expect(url).toHaveAccessibleDescription(/Dit webadres kan niet/);
    await expect(page).toHaveURL(/\/berichten\/nieuw$/);
    await url.fill("gemeente.nl/tunnels");
    await page.getByRole("button", { name: "Link toevoegen" }).click();
    await expect(editor.getByRole("link", { name: "https://gemeente.nl/tunnels" })).toBeVisible();
    await page.keyboard.press("Enter");

    // A bulleted list.
    await page.getByRole("button", { name: "Opsomming" }).click();
    await page.keyboard.type("Meld kapotte lampen bij de gemeente");
    await expect(page.getByRole("button", { name: "Opsomming" })).toHaveAttribute("aria-pressed", "true");

    // The editor keeps the Markdown in the field the form posts.
    await expect(page.locator('input[type="hidden"][name="body"]')).toHaveValue(
      /^Sinds vorige week \*\*doen alle lampen het weer\*\* in de tunnel onder de ringweg\.\n\nMeer informatie: \[https:\/\/gemeente\.nl\/tunnels\]\(https:\/\/gemeente\.nl\/tunnels\)\n\n- Meld kapotte lampen bij de gemeente\n*$/,
    );
    await expectAccessible(page);

    await page.getByRole("button", { name: "Publiceren" }).click();
    await expect(page.getByText("Het bericht is gepubliceerd.")).toBeVisible();
    await expect(page).toHaveURL(/\/berichten\/lampen-in-de-ringwegtunnel-/);
    await expect(page.getByRole("heading", { level: 1, name: editorTitle })).toBeVisible();
    const body = page.locator(".vl-post__body");
    await expect(body.locator("strong")).toHaveText("doen alle lampen het weer");
    await expect(body.getByRole("listitem")).toHaveText("Meld kapotte lampen bij de gemeente");
    await expect(body.getByRole("link", { name: "https://gemeente.nl/tunnels" })).toHaveAttribute("href", "https://gemeente.nl/tunnels");
    await expect(page.getByText("door Mark de Vries")).toBeVisible();
    await expect(page.getByRole("link", { name: "Enge fietstunnels" }).first()).toBeVisible();
    await expectAccessible(page);
    expect(errors).toEqual([]);
  });

  test("a project leader writes a post without JavaScript, saves it as a draft, then publishes it", async ({ browser }) => {
    const page = await noJsPage(browser);
    await logIn(page, DEMO.projectleider);
    await page.goto("/berichten/nieuw");
    await expect(page.getByRole("toolbar")).toHaveCount(0);
    await page.getByLabel("Titel").fill(textareaTitle);
    await page.getByLabel("Tekst van het bericht").fill(
      "Elke dinsdag om **21.00 uur** fietsen we samen vanaf het buurthuis door de tunnel.\n\n## Meedoen?\n\n- Kom naar het buurthuis\n- Of mail [de projectleider](mailto:projectleider@veranderlab.test)\n\n> Samen is het minder eng.",
    );
    await page.getByRole("button", { name: "Opslaan als concept" }).click();
    await expect(page.getByText("Het bericht is opgeslagen als concept.")).toBeVisible();
    await expect(page.getByText("Dit bericht is een concept. Alleen projectleiders zien het.")).toBeVisible();
    await expectAccessibleWithoutJs(page);

    await page.getByRole("link", { name: "Bericht bewerken" }).click();
    await expect(page.getByLabel("Tekst van het bericht")).toHaveValue(/Elke dinsdag om \*\*21\.00 uur\*\*/);
    await expectAccessibleWithoutJs(page);
    await page.getByRole("button", { name: "Publiceren" }).click();
    await expect(page.getByText("Het bericht is gepubliceerd.")).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: "Meedoen?" })).toBeVisible();
    await expect(page.locator(".vl-post__body blockquote")).toHaveText("Samen is het minder eng.");
    await expect(page.getByRole("link", { name: "de projectleider" })).toHaveAttribute("href", "mailto:projectleider@veranderlab.test");
    await expect(page.locator(".vl-post-meta")).toContainText("Ronde: Algemeen");
    await expectAccessibleWithoutJs(page);

    // Unpublish and publish again, still without JavaScript.
    await page.getByRole("link", { name: "Bericht bewerken" }).click();
    await page.getByRole("button", { name: "Niet meer publiceren" }).click();
    await expect(page.getByText("Het bericht is niet meer gepubliceerd. Het is nu een concept.")).toBeVisible();
    await page.getByRole("link", { name: "Bericht bewerken" }).click();
    await page.getByRole("button", { name: "Publiceren" }).click();
    await expect(page.getByText("Het bericht is gepubliceerd.")).toBeVisible();
    await page.context().close();
  });

  test("a resident reads a post, reacts, edits and deletes the reaction", async ({ page, browser }) => {
    await logIn(page, DEMO.bewoner);
    await page.goto("/berichten");
    await page.getByRole("link", { name: editorTitle }).click();
    await expect(page.getByRole("heading", { level: 1, name: editorTitle })).toBeVisible();
    await expectAccessible(page);

    const reaction = `Klopt, gisteravond om tien uur was het licht. Alleen bij de bocht knippert er een lamp (${run}).`;
    await page.getByLabel("Uw reactie").fill(reaction);
    await page.getByRole("button", { name: "Reactie plaatsen" }).click();
    await expect(page.getByText("Bedankt! Uw reactie staat onder het bericht.")).toBeVisible();
    await expect(page).toHaveURL(/#reacties$/);
    await expect(page.getByRole("heading", { level: 2, name: "Reacties" })).toBeFocused();
    const item = page.getByRole("listitem").filter({ hasText: reaction });
    await expect(item).toContainText("Sanne Bakker");
    await expect(page.getByLabel("Uw reactie")).toHaveValue("");
    await expectAccessible(page);

    // Somebody else may not change it.
    const editLink = item.getByRole("link", { name: /Bewerken/ });
    const href = await editLink.getAttribute("href");
    const other = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": randomIp() } });
    const otherPage = await other.newPage();
    await logIn(otherPage, DEMO.projectleider);
    const forbidden = await otherPage.goto(href!);
    expect(forbidden?.status()).toBe(403);
    await other.close();

    await editLink.click();
    await expect(page.getByRole("heading", { level: 1, name: "Uw reactie bewerken" })).toBeVisible();
    await expectAccessible(page);
    await page.getByLabel("Uw reactie").fill(`${reaction} Inmiddels gemeld.`);
    await page.getByRole("button", { name: "Reactie opslaan" }).click();
    await expect(page.getByText("Uw reactie is gewijzigd.")).toBeVisible();
    await expect(page.getByRole("listitem").filter({ hasText: "Inmiddels gemeld." })).toContainText("gewijzigd");

    await page.getByRole("listitem").filter({ hasText: "Inmiddels gemeld." }).getByRole("link", { name: /Bewerken/ }).click();
    await page.getByRole("button", { name: "Reactie verwijderen" }).click();
    await expect(page.getByText("Uw reactie is verwijderd.")).toBeVisible();
    await expect(page.getByText("Inmiddels gemeld.")).toHaveCount(0);
  });

  test("a visitor sees both posts, and the feed lists them as valid Atom", async ({ page, request }) => {
    await page.goto("/berichten");
    await expect(page.getByRole("link", { name: editorTitle })).toBeVisible();
    await expect(page.getByRole("link", { name: textareaTitle })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Concepten" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Nieuw bericht" })).toHaveCount(0);
    await expect(page.getByText("Sinds vorige week doen alle lampen het weer in de tunnel onder de ringweg.")).toBeVisible();
    await expectAccessible(page);

    await page.getByRole("link", { name: textareaTitle }).click();
    await expect(page.getByRole("link", { name: "Log in" })).toHaveAttribute("href", /\/inloggen\?redirectTo=/);
    await expect(page.getByLabel("Uw reactie")).toHaveCount(0);
    await expectAccessible(page);

    const response = await request.get("/feed.xml");
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("application/atom+xml; charset=utf-8");
    const xml = await response.text();
    const feed = await page.evaluate((source) => {
      const doc = new DOMParser().parseFromString(source, "application/xml");
      const error = doc.getElementsByTagName("parsererror")[0];
      const ns = "http://www.w3.org/2005/Atom";
      const root = doc.documentElement;
      const child = (el: Element, name: string) => Array.from(el.children).find((c) => c.localName === name && c.namespaceURI === ns);
      return {
        error: error?.textContent ?? null,
        root: `${root.namespaceURI} ${root.localName}`,
        id: child(root, "id")?.textContent,
        updated: child(root, "updated")?.textContent,
        links: Array.from(root.children)
          .filter((c) => c.localName === "link")
          .map((l) => `${l.getAttribute("rel")} ${l.getAttribute("href")}`),
        entries: Array.from(doc.getElementsByTagNameNS(ns, "entry")).map((entry) => ({
          title: child(entry, "title")?.textContent,
          id: child(entry, "id")?.textContent,
          href: child(entry, "link")?.getAttribute("href"),
          published: child(entry, "published")?.textContent,
          updated: child(entry, "updated")?.textContent,
          author: child(entry, "author")?.textContent?.trim(),
          summary: child(entry, "summary")?.textContent,
        })),
      };
    }, xml);
    expect(feed.error).toBeNull();
    expect(feed.root).toBe("http://www.w3.org/2005/Atom feed");
    expect(feed.id).toMatch(/^http:\/\/localhost:\d+\/berichten$/);
    expect(Date.parse(feed.updated!)).not.toBeNaN();
    expect(feed.links).toEqual([expect.stringMatching(/^self http:\/\/localhost:\d+\/feed\.xml$/), expect.stringMatching(/^alternate http:\/\/localhost:\d+\/berichten$/)]);
    const titles = feed.entries.map((e) => e.title);
    expect(titles).toContain(editorTitle);
    expect(titles).toContain(textareaTitle);
    expect(titles).toContain("Welkom bij het Veranderlab");
    expect(titles).not.toContain("Plan voor de schilderdag in de ringwegtunnel");
    const entry = feed.entries.find((e) => e.title === editorTitle)!;
    expect(entry.href).toMatch(/^http:\/\/localhost:\d+\/berichten\/lampen-in-de-ringwegtunnel-/);
    expect(entry.id).toMatch(/^tag:localhost,2024:berichten\/\d+$/);
    expect(entry.author).toBe("Mark de Vries");
    expect(entry.summary).toBe("Sinds vorige week doen alle lampen het weer in de tunnel onder de ringweg.");
    expect(Date.parse(entry.published!)).not.toBeNaN();
    expect(Date.parse(entry.updated!)).not.toBeNaN();
  });
});

test("bad input keeps what was typed, also the text in the editor", async ({ page }) => {
  const errors = collectErrors(page);
  await logIn(page, DEMO.projectleider);
  await page.goto("/berichten/nieuw");
  const editor = await editorOf(page);
  await page.getByLabel("Titel").fill("ab");
  await editor.click();
  await page.keyboard.type("Deze tekst mag niet verloren gaan.");
  await page.getByRole("button", { name: "Publiceren" }).click();

  const summary = page.getByRole("alert").filter({ hasText: "Controleer het volgende" });
  await expect(summary).toBeVisible();
  await expect(summary).toBeFocused();
  await expect(page).toHaveTitle(/^Fout: Nieuw bericht schrijven/);
  await expect(page.getByLabel("Titel")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Titel")).toHaveAccessibleDescription(/Vul een titel in van minimaal 3 tekens/);
  await expect(page.getByLabel("Titel")).toHaveValue("ab");
  await expect(editor).toHaveText("Deze tekst mag niet verloren gaan.");
  await expectAccessible(page);

  // A web address that is taken.
  await page.getByLabel("Titel").fill("Welkom bij het Veranderlab");
  await page.getByRole("button", { name: "Publiceren" }).click();
  await expect(page.getByLabel("Webadres")).toHaveAccessibleDescription(/Er is al een bericht met dit webadres/);
  await expect(page.getByRole("link", { name: /Webadres: Er is al een bericht met dit webadres/ })).toBeVisible();
  await expect(page.getByLabel("Titel")).toHaveValue("Welkom bij het Veranderlab");
  await expect(editor).toHaveText("Deze tekst mag niet verloren gaan.");
  await expect(editor).not.toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);

  // An empty body: the message is tied to the editable area.
  await page.getByLabel("Titel").fill(`Een lege tekst ${run}`);
  await editor.click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Delete");
  await page.getByRole("button", { name: "Opslaan als concept" }).click();
  await expect(editor).toHaveAttribute("aria-invalid", "true");
  await expect(editor).toHaveAccessibleDescription(/Schrijf de tekst van het bericht/);
  await expect(page.getByLabel("Titel")).toHaveValue(`Een lege tekst ${run}`);
  await expectAccessible(page);
  // Only the refused POSTs (400) may show in the console.
  expect(errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
});

test("bad input without JavaScript: a refused link keeps the Markdown, and nothing is saved", async ({ browser }) => {
  const page = await noJsPage(browser);
  await logIn(page, DEMO.projectleider);
  await page.goto("/berichten/nieuw");
  const title = `Niet opgeslagen ${run}`;
  const body = "Zie [dit bestand](ftp://example.org/plan.pdf) voor het plan.\n\nEn **deze** alinea blijft ook staan.";
  await page.getByLabel("Titel").fill(title);
  await page.getByLabel("Tekst van het bericht").fill(body);
  const response = page.waitForResponse((r) => r.request().method() === "POST");
  await page.getByRole("button", { name: "Publiceren" }).click();
  expect((await response).status()).toBe(400);
  const field = page.getByLabel("Tekst van het bericht");
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(field).toHaveAccessibleDescription(/Deze link kan niet: ftp:\/\/example\.org\/plan\.pdf\. Een link moet beginnen met https:\/\/, http:\/\/ of mailto:/);
  await expect(field).toHaveValue(body);
  await expect(page.getByLabel("Titel")).toHaveValue(title);
  await expectAccessibleWithoutJs(page);

  await page.getByLabel("Titel").fill("");
  await page.getByLabel("Tekst van het bericht").fill("");
  await page.getByRole("button", { name: "Opslaan als concept" }).click();
  await expect(page.getByLabel("Titel")).toHaveAccessibleDescription(/Vul een titel in/);
  await expect(page.getByLabel("Tekst van het bericht")).toHaveAccessibleDescription(/Schrijf de tekst van het bericht/);

  await page.goto("/berichten");
  await expect(page.getByText(title)).toHaveCount(0);
  await page.context().close();
});

test("a resident reacts without JavaScript, and a short reaction is refused with the text kept", async ({ browser }) => {
  const page = await noJsPage(browser);
  await logIn(page, "youssef@veranderlab.test");
  await page.goto("/berichten/avondwandeling-door-de-tunnels");
  await expect(page.getByRole("heading", { level: 1, name: "Verslag: avondwandeling door de tunnels" })).toBeVisible();
  // Demo reactions, oldest first.
  const items = page.locator(".vl-reaction");
  await expect(items.first()).toContainText("Annemarie K.");

  await page.getByLabel("Uw reactie").fill(" x ");
  await page.getByRole("button", { name: "Reactie plaatsen" }).click();
  await expect(page.getByLabel("Uw reactie")).toHaveAccessibleDescription(/Schrijf een reactie van minimaal 2 tekens/);
  await expect(page.getByLabel("Uw reactie")).toHaveValue(" x ");

  const text = `Vrijdagavond rond half twaalf stond de fiets van iemand dwars in de tunnel, ik ben er omheen gelopen (${run}).`;
  await page.getByLabel("Uw reactie").fill(text);
  await page.getByRole("button", { name: "Reactie plaatsen" }).click();
  await expect(page.getByText("Bedankt! Uw reactie staat onder het bericht.")).toBeVisible();
  await expect(page).toHaveURL(/\/berichten\/avondwandeling-door-de-tunnels#reacties$/);
  await expect(items.last()).toContainText(text);
  await expect(items.last()).toContainText("Youssef (u)");
  await expectAccessibleWithoutJs(page);
  await page.context().close();
});

test("who may open what: drafts, the new-post form, unknown posts", async ({ page, request }) => {
  // A visitor: drafts and unknown posts are 404, writing asks to log in.
  expect((await request.get("/berichten/plan-voor-de-schilderdag")).status()).toBe(404);
  expect((await request.get("/berichten/bestaat-niet")).status()).toBe(404);
  await page.goto("/berichten/nieuw");
  await expect(page).toHaveURL(/\/inloggen\?redirectTo=%2Fberichten%2Fnieuw/);

  // A resident: 404 for a draft, 403 for the form.
  await logIn(page, DEMO.bewoner);
  expect((await page.goto("/berichten/plan-voor-de-schilderdag"))?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Pagina niet gevonden" })).toBeVisible();
  expect((await page.goto("/berichten/nieuw"))?.status()).toBe(403);
  expect((await page.goto("/berichten/welkom-bij-het-veranderlab/bewerken"))?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1, name: "Geen toegang" })).toBeVisible();
});

test("older reactions are a link away when there are more than fit on the page", async ({ page }) => {
  const slug = "wat-we-tot-nu-toe-hoorden";
  await logIn(page, "mila@veranderlab.test");
  // Fill the post past one page (50): the seed has 3 reactions, these add 50.
  const run = Date.now().toString(36);
  for (let i = 1; i <= 50; i++) {
    const response = await page.request.post(`/berichten/${slug}`, {
      form: { intent: "react", body: `Reactie ${i} van de stapel ${run}` },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(302);
  }
  await page.goto(`/berichten/${slug}`);
  const reactions = page.locator(".vl-reaction-list > li");
  await expect(reactions).toHaveCount(50);
  await expect(reactions.last()).toContainText(`Reactie 50 van de stapel ${run}`);
  await expect(page.getByText("Er zijn veel reacties. Hier staan de nieuwste 50.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Nieuwere reacties" })).toHaveCount(0);

  // By keyboard to the older ones: the seed's first reaction is there.
  const older = page.getByRole("navigation", { name: "Meer reacties" }).getByRole("link", { name: "Oudere reacties" });
  await older.focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/berichten/${slug}\\?reacties=2#reacties$`));
  await expect(page.getByText("Oudere reacties (pagina 2), van oud naar nieuw.")).toBeVisible();
  await expect(reactions.first()).toContainText("Het fietsmaatje lijkt me een goed idee.");
  await expect(page.getByText(`Reactie 50 van de stapel ${run}`)).toHaveCount(0);
  await expectAccessible(page);

  await page.getByRole("link", { name: "Nieuwere reacties" }).click();
  await expect(page).toHaveURL(new RegExp(`/berichten/${slug}#reacties$`));
  await expect(reactions.last()).toContainText(`Reactie 50 van de stapel ${run}`);
});
