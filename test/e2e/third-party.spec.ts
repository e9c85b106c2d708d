import { expect, test } from "./fixtures";

/**
 * The privacy page promises that no request from a page goes to a third party,
 * except the map tiles (PDOK, the Dutch government's map service) on pages
 * with a map. Offline the tiles fail to load, but the requests are still made
 * and seen here.
 */
test("pages request nothing from third parties except PDOK map tiles", async ({ page, baseURL }) => {
  const own = new URL(baseURL!).host;
  const hosts = new Set<string>();
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.protocol === "http:" || url.protocol === "https:") hosts.add(url.host);
  });
  for (const path of ["/", "/rondes/enge-fietstunnels", "/rondes/enge-fietstunnels/knelpunten?weergave=kaart", "/knelpunten/1", "/berichten", "/privacy"]) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
  }
  const others = [...hosts].filter((host) => host !== own);
  expect(others.filter((host) => host !== "service.pdok.nl")).toEqual([]);
  // The listener sees other hosts: the map did ask PDOK for tiles.
  expect(others).toContain("service.pdok.nl");
});
