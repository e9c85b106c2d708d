import { DEMO, expect, expectAccessible, logIn, randomIp, test } from "./fixtures";

test("a resident follows and unfollows a knelpunt, and chooses a daily digest", async ({ page }) => {
  await logIn(page, DEMO.bewoner);
  // A demo knelpunt Sanne did not report, support or help with.
  await page.goto("/rondes/enge-fietstunnels/knelpunten");
  const links = page.getByRole("main").getByRole("link", { name: /Zaagmuldersweg/ });
  await links.first().click();
  const box = page.locator("#volgen");
  await expect(box).toContainText("Volg dit knelpunt");
  await box.getByRole("button", { name: "Volgen" }).click();
  await expect(page.getByText("U volgt dit knelpunt nu.")).toBeVisible();
  await expect(page.locator("#volgen")).toContainText("U volgt dit knelpunt.");
  await expectAccessible(page);
  await page.locator("#volgen").getByRole("button", { name: "Niet meer volgen" }).click();
  await expect(page.getByText("U volgt dit knelpunt niet meer.")).toBeVisible();

  await page.goto("/account");
  await page.getByLabel("Eén e-mail per dag met alle veranderingen").check();
  await page.getByRole("button", { name: "Keuze opslaan" }).click();
  await expect(page.getByText("Uw keuze voor e-mail is opgeslagen.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Eén e-mail per dag met alle veranderingen")).toBeChecked();
  await expectAccessible(page);
  // Back to the default for other tests.
  await page.getByLabel("Meteen een e-mail bij elke verandering").check();
  await page.getByRole("button", { name: "Keuze opslaan" }).click();
  await expect(page.getByText("Uw keuze voor e-mail is opgeslagen.")).toBeVisible();
});

test("the reporter is mailed when an official answers, follows the link to the answer, and can unsubscribe without logging in", async ({ page, browser }) => {
  test.setTimeout(90_000);
  const title = `Kapotte lamp bij de brug ${Date.now()}`;
  // Ingrid reports a place.
  await logIn(page, "ingrid@veranderlab.test");
  const reported = await page.request.post("/rondes/enge-fietstunnels/knelpunten/nieuw", {
    form: { title, description: "Sinds een week brandt de lamp bij de brug niet meer.", wijk: "Oosterparkwijk", locationText: "Brug over het Damsterdiep" },
    maxRedirects: 0,
  });
  expect(reported.status()).toBe(302);
  const knelpuntPath = new URL(reported.headers().location!, "http://x").pathname;

  // The project leader fast-tracks it (the demo cycle is still in zelf doen).
  const leaderContext = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": randomIp() } });
  const leader = await leaderContext.newPage();
  await logIn(leader, DEMO.projectleider);
  await leader.goto(`${knelpuntPath}/escaleren`);
  await leader.getByLabel("Uitleg voor de gemeente (openbaar)").fill("De lamp is kapot en de brug ligt op een drukke fietsroute.");
  await leader.getByLabel("Waarom kan dit niet wachten? (openbaar)").fill("Fietsers rijden in het donker tegen de paaltjes op de brug.");
  await leader.getByRole("button", { name: "Met voorrang naar de gemeente" }).click();
  await expect(leader).toHaveURL(new RegExp(`${knelpuntPath}(#.*)?$`));
  await expect(leader.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await leaderContext.close();

  // An official answers it.
  const answer = "We hebben de lamp gemeld bij de aannemer. Die komt deze week kijken.";
  const officialContext = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": randomIp() } });
  const official = await officialContext.newPage();
  await logIn(official, DEMO.ambtenaar);
  await official.goto(`/beoordelen/${knelpuntPath.split("/").pop()}`);
  await official.getByLabel(/^In behandeling/).check();
  await official.getByLabel("Uitleg (openbaar)").fill(answer);
  await official.getByRole("button", { name: "Antwoord plaatsen" }).click();
  await expect(official.getByText(answer).first()).toBeVisible();
  await officialContext.close();

  // Ingrid finds the mail about the answer on the preview page and follows its link.
  await page.goto(`/mail?aan=${encodeURIComponent("ingrid@veranderlab.test")}`);
  const mail = page.getByRole("article").filter({ hasText: `${title}: In behandeling` }).first();
  await expect(mail).toBeVisible();
  await expect(mail).toContainText(answer);
  await expectAccessible(page);
  const body = (await mail.locator("pre").textContent()) ?? "";
  const link = /(https?:\/\/\S+\/knelpunten\/\d+)/.exec(body)?.[1];
  const unsubscribe = /(https?:\/\/\S+\/afmelden\?token=\S+)/.exec(body)?.[1];
  expect(link).toBeTruthy();
  expect(unsubscribe).toBeTruthy();
  await page.goto(new URL(link!).pathname);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByText(answer)).toBeVisible();
  await expect(page.getByText(/Fatima El Amrani/).first()).toBeVisible();
  await expectAccessible(page);

  // The unsubscribe link works without logging in, also a second time; a forged one does not.
  const visitorContext = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": randomIp() } });
  const visitor = await visitorContext.newPage();
  const unsubscribePath = new URL(unsubscribe!).pathname + new URL(unsubscribe!).search;
  await visitor.goto(unsubscribePath);
  await expectAccessible(visitor);
  await visitor.getByRole("button", { name: "Ja, meld mij af" }).click();
  await expect(visitor.getByText("U bent afgemeld.")).toBeVisible();
  await visitor.goto(unsubscribePath);
  await visitor.getByRole("button", { name: "Ja, meld mij af" }).click();
  await expect(visitor.getByText("U bent afgemeld.")).toBeVisible();
  const forged = await visitor.goto(unsubscribePath.replace(/token=[^.]+/, "token=iemandanders"));
  expect(forged?.status()).toBe(400);
  await expect(visitor.getByText("Deze afmeldlink klopt niet.")).toBeVisible();
  await expectAccessible(visitor);
  await visitorContext.close();

  // Ingrid's choice is now "Geen e-mail"; put it back for other tests.
  await page.goto("/account");
  await expect(page.getByLabel("Geen e-mail")).toBeChecked();
  await page.getByLabel("Meteen een e-mail bij elke verandering").check();
  await page.getByRole("button", { name: "Keuze opslaan" }).click();
  await expect(page.getByText("Uw keuze voor e-mail is opgeslagen.")).toBeVisible();
});
