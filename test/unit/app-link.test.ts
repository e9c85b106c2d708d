import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { followInApp, hashTarget, isCurrentPath, isPlainPath } from "~/ui/app-link";

describe("isPlainPath", () => {
  it("takes absolute paths on this site only", () => {
    expect(isPlainPath("/knelpunten/12")).toBe(true);
    expect(isPlainPath("/rondes/x/knelpunten?pagina=2#lijst")).toBe(true);
    expect(isPlainPath("//evil.example/x")).toBe(false);
    expect(isPlainPath("https://example.org/")).toBe(false);
    expect(isPlainPath("nieuw")).toBe(false);
    expect(isPlainPath("?pagina=2")).toBe(false);
    expect(isPlainPath({ pathname: "/x" })).toBe(false);
  });
});

describe("hashTarget", () => {
  it("gives the id an address's #… points to, decoded", () => {
    expect(hashTarget("#maatregel-12")).toBe("maatregel-12");
    expect(hashTarget("#caf%C3%A9")).toBe("café");
  });

  it("does not throw on a # that does not decode (a crafted link must not break the page)", () => {
    expect(hashTarget("#100%")).toBe("100%");
    expect(hashTarget("#%E0%A4%A")).toBe("%E0%A4%A");
  });
});

describe("isCurrentPath (as React Router's NavLink decides it)", () => {
  it("marks the page itself and the pages below it", () => {
    expect(isCurrentPath("/rondes", "/rondes")).toBe(true);
    expect(isCurrentPath("/rondes/fietsroutes", "/rondes")).toBe(true);
    expect(isCurrentPath("/rondes/", "/rondes")).toBe(true);
    expect(isCurrentPath("/Rondes/Fietsroutes", "/rondes")).toBe(true);
  });

  it("does not mark a page that only starts with the same letters", () => {
    expect(isCurrentPath("/rondesarchief", "/rondes")).toBe(false);
    expect(isCurrentPath("/berichten", "/rondes")).toBe(false);
  });

  it("with end, marks only the page itself (the home page)", () => {
    expect(isCurrentPath("/", "/", true)).toBe(true);
    expect(isCurrentPath("/rondes", "/", true)).toBe(false);
    expect(isCurrentPath("/account/gegevens", "/account", true)).toBe(false);
  });
});

describe("followInApp", () => {
  const location = { pathname: "/rondes", search: "", hash: "" };
  beforeEach(() => {
    vi.stubGlobal("window", { location });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  function click(init: Partial<{ button: number; metaKey: boolean; altKey: boolean; ctrlKey: boolean; shiftKey: boolean; defaultPrevented: boolean }> = {}, attributes: Record<string, string> = {}) {
    const event = {
      button: 0,
      metaKey: false,
      altKey: false,
      ctrlKey: false,
      shiftKey: false,
      defaultPrevented: false,
      ...init,
      currentTarget: {
        getAttribute: (name: string) => attributes[name] ?? null,
        hasAttribute: (name: string) => name in attributes,
      },
      preventDefault: vi.fn(),
    };
    return event;
  }

  it("turns a plain left click into a client-side navigation that adds a history entry", () => {
    const navigate = vi.fn();
    const event = click();
    followInApp(event as never, "/knelpunten/4", navigate);
    expect(event.preventDefault).toHaveBeenCalledOnce();
    expect(navigate).toHaveBeenCalledWith("/knelpunten/4", { replace: false });
  });

  it("replaces the history entry for a link to the page the browser is on", () => {
    const navigate = vi.fn();
    followInApp(click() as never, "/rondes", navigate);
    expect(navigate).toHaveBeenCalledWith("/rondes", { replace: true });
  });

  it.each([
    ["the middle button", { button: 1 }, {}],
    ["Ctrl (new tab)", { ctrlKey: true }, {}],
    ["Cmd (new tab)", { metaKey: true }, {}],
    ["Shift (new window)", { shiftKey: true }, {}],
    ["Alt (download)", { altKey: true }, {}],
    ["a click already handled", { defaultPrevented: true }, {}],
    ["a link that opens elsewhere", {}, { target: "_blank" }],
    ["a download link", {}, { download: "" }],
  ])("leaves %s to the browser", (_what, init, attributes) => {
    const navigate = vi.fn();
    const event = click(init, attributes);
    followInApp(event as never, "/knelpunten/4", navigate);
    expect(event.preventDefault).not.toHaveBeenCalled();
    expect(navigate).not.toHaveBeenCalled();
  });

  it("still follows a link with target _self in the app", () => {
    const navigate = vi.fn();
    followInApp(click({}, { target: "_self" }) as never, "/knelpunten/4", navigate);
    expect(navigate).toHaveBeenCalledOnce();
  });

  it("without a router (nothing to navigate with) leaves the click to the browser", () => {
    const event = click();
    followInApp(event as never, "/knelpunten/4", null);
    expect(event.preventDefault).not.toHaveBeenCalled();
  });
});
