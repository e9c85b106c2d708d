import type { UNSAFE_DataWithResponseInit as DataWithResponseInit } from "react-router";
import { describe, expect, it } from "vitest";
import { guardRole, guardUser, safeRedirect } from "~/auth/guards";
import type { ValidSession } from "~/auth/session.server";
import type { Role } from "~/domain/accounts/roles";

function session(role: Role): ValidSession {
  return {
    sessionId: "s".repeat(24),
    user: {
      id: "u".repeat(24),
      email: "sanne@example.nl",
      displayName: "Sanne",
      wijk: null,
      codeOfConductVersion: 2,
      role,
      organisation: null,
      locale: "nl",
      createdAt: new Date("2026-01-01T00:00:00Z"),
    },
  };
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}

const url = new URL("http://localhost:3000/account/wachtwoord?tab=veilig&x=a b");

describe("guardUser", () => {
  it("sends a visitor to the sign-in page, with the way back", () => {
    const error = thrown(() => guardUser(null, url));
    expect(error).toBeInstanceOf(Response);
    const response = error as Response;
    expect(response.status).toBe(302);
    const location = response.headers.get("Location")!;
    expect(location).toBe(`/inloggen?redirectTo=${encodeURIComponent("/account/wachtwoord?tab=veilig&x=a%20b")}`);
    expect(new URL(location, url).searchParams.get("redirectTo")).toBe("/account/wachtwoord?tab=veilig&x=a%20b");
  });

  it("sends back to the page, not its data, after a client-side navigation", () => {
    const back = (address: string) =>
      new URL((thrown(() => guardUser(null, new URL(address))) as Response).headers.get("Location")!, "http://localhost").searchParams.get("redirectTo");
    expect(back("http://localhost:3000/melden/reaction/1.data?_routes=routes%2Fmoderation%2Fflag")).toBe("/melden/reaction/1");
    expect(back("http://localhost:3000/_.data")).toBe("/");
    expect(back("http://localhost:3000/rondes/x/knelpunten.data?pagina=2&_routes=a")).toBe("/rondes/x/knelpunten?pagina=2");
  });

  it("returns the session of a signed-in person", () => {
    const s = session("bewoner");
    expect(guardUser(s, url)).toBe(s);
  });
});

describe("guardRole", () => {
  it("answers 403 to a signed-in person without the role", () => {
    const error = thrown(() => guardRole(session("bewoner"), url, ["beheerder"]));
    // react-router's data(): not a Response, but an object carrying the status.
    expect(error).not.toBeInstanceOf(Response);
    expect(error).toMatchObject({ type: "DataWithResponseInit" });
    const data = error as DataWithResponseInit<unknown>;
    expect(data.init?.status).toBe(403);
    expect(data.data).toEqual({ reason: "forbidden" });
  });

  it("sends a visitor to sign in rather than answering 403", () => {
    const error = thrown(() => guardRole(null, url, ["beheerder"]));
    expect(error).toBeInstanceOf(Response);
    expect((error as Response).status).toBe(302);
  });

  it("lets the right role through", () => {
    const s = session("ambtenaar");
    expect(guardRole(s, url, ["projectleider", "ambtenaar"])).toBe(s);
  });
});

describe("safeRedirect", () => {
  it.each([["//evil.com"], ["https://evil.com"], ["/\\evil"], ["evil.com"], [""], [null], [undefined]])(
    "refuses %s",
    (to) => {
      expect(safeRedirect(to)).toBe("/");
      expect(safeRedirect(to, "/account")).toBe("/account");
    },
  );

  it("refuses a non-string form value", () => {
    expect(safeRedirect(new File(["x"], "x.txt"))).toBe("/");
  });

  it("accepts a local path with a query", () => {
    expect(safeRedirect("/account?x=1")).toBe("/account?x=1");
    expect(safeRedirect("/")).toBe("/");
  });
});
