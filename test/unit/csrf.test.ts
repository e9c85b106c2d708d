import { describe, expect, it } from "vitest";
import { isCrossSiteWrite } from "~/auth/csrf";

const SITE = "https://veranderlab.groningen.nl";

function post(headers: Record<string, string>, url = `${SITE}/knelpunten/5`) {
  return new Request(url, { method: "POST", headers });
}

describe("isCrossSiteWrite", () => {
  it("lets through posts from the site itself", () => {
    expect(isCrossSiteWrite(post({ Origin: SITE }), SITE)).toBe(false);
    expect(isCrossSiteWrite(post({ "Sec-Fetch-Site": "same-origin" }), SITE)).toBe(false);
  });

  it("accepts the public address behind a proxy that speaks plain HTTP to the app", () => {
    expect(isCrossSiteWrite(post({ Origin: SITE }, "http://127.0.0.1:3000/knelpunten/5"), SITE)).toBe(false);
  });

  it("refuses posts from another site, a sandboxed frame or a look-alike host", () => {
    expect(isCrossSiteWrite(post({ Origin: "https://kwaadwillend.example" }), SITE)).toBe(true);
    expect(isCrossSiteWrite(post({ Origin: "null" }), SITE)).toBe(true);
    expect(isCrossSiteWrite(post({ Origin: "https://veranderlab.groningen.nl.kwaad.example" }), SITE)).toBe(true);
    expect(isCrossSiteWrite(post({ Origin: "http://veranderlab.groningen.nl" }), SITE)).toBe(true);
    expect(isCrossSiteWrite(post({ "Sec-Fetch-Site": "cross-site" }), SITE)).toBe(true);
  });

  it("never refuses reading, and lets tools without browser headers through", () => {
    expect(isCrossSiteWrite(new Request(`${SITE}/`, { headers: { Origin: "https://kwaadwillend.example" } }), SITE)).toBe(false);
    expect(isCrossSiteWrite(post({}), SITE)).toBe(false);
  });
});
