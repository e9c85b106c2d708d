import { describe, expect, it } from "vitest";
import { measureRefusalMessage, permission, reportRefusalMessage } from "~/domain/knelpunten/messages";

describe("permission", () => {
  it("says allowed, or refused with the reason and its message", () => {
    expect(permission(null, measureRefusalMessage)).toEqual({ allowed: true });
    expect(permission("limit_reached", measureRefusalMessage)).toEqual({ allowed: false, reason: "limit_reached", message: "measure.refusal.limit_reached" });
  });

  it("gives the same answer as one shared object, so the hydration data writes it once", () => {
    expect(permission(null, measureRefusalMessage)).toBe(permission(null, reportRefusalMessage));
    expect(permission("limit_reached", measureRefusalMessage)).toBe(permission("limit_reached", measureRefusalMessage));
    expect(permission("limit_reached", measureRefusalMessage)).not.toBe(permission("not_signed_in", measureRefusalMessage));
  });

  it("cannot be changed by one page for the next (the objects are frozen)", () => {
    const refused = permission("limit_reached", measureRefusalMessage);
    expect(Object.isFrozen(refused)).toBe(true);
    expect(() => Object.assign(refused, { allowed: true })).toThrow(TypeError);
    expect(Object.isFrozen(permission(null, measureRefusalMessage))).toBe(true);
  });
});
