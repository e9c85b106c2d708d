import { describe, expect, it } from "vitest";
// @ts-expect-error: plain JavaScript module shared with server.js, no types
import { securityHeaders } from "../../http-stack.js";

type Headers = Record<string, string>;

/** Runs the middleware on a fake request and returns the headers it set. */
function headersFor(options: { development?: boolean; https?: boolean }, request: { path?: string; cookie?: string } = {}): Headers {
  const headers: Headers = {};
  const req = { path: request.path ?? "/", headers: request.cookie ? { cookie: request.cookie } : {} };
  const res = { locals: {} as Record<string, unknown>, setHeader: (name: string, value: string) => (headers[name.toLowerCase()] = value) };
  let nextCalled = false;
  securityHeaders(options)(req, res, () => (nextCalled = true));
  expect(nextCalled).toBe(true);
  return headers;
}

describe("securityHeaders (http-stack.js)", () => {
  it("sends HSTS only when the site is served over HTTPS", () => {
    expect(headersFor({ https: true })["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
    expect(headersFor({ https: false })["strict-transport-security"]).toBeUndefined();
  });

  it("asks browsers to upgrade to HTTPS only over HTTPS", () => {
    expect(headersFor({ https: true })["content-security-policy"]).toContain("upgrade-insecure-requests");
    expect(headersFor({ https: false })["content-security-policy"]).not.toContain("upgrade-insecure-requests");
  });

  it("gives every response its own nonce", () => {
    const nonce = (h: Headers) => /'nonce-([^']+)'/.exec(h["content-security-policy"] ?? "")?.[1];
    const a = nonce(headersFor({}));
    const b = nonce(headersFor({}));
    expect(a).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(a).not.toBe(b);
  });

  it("marks every page of a signed-in person no-store, but not the shared assets", () => {
    expect(headersFor({}, { cookie: "vl_lang=nl; vl_session=abc.def" })["cache-control"]).toBe("private, no-store");
    expect(headersFor({}, { cookie: "vl_lang=nl" })["cache-control"]).toBeUndefined();
    expect(headersFor({}, { path: "/assets/root-abc.js", cookie: "vl_session=abc.def" })["cache-control"]).toBeUndefined();
  });
});
