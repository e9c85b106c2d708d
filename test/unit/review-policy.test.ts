import { describe, expect, it } from "vitest";
import { ROLES, type Role } from "~/domain/accounts/roles";
import { PHASES } from "~/domain/cycles/policy";
import { KNELPUNT_STATUSES, KNELPUNT_TRANSITIONS } from "~/domain/knelpunten/policy";
import {
  ANSWER_DECISIONS,
  allowedDecisions,
  amsterdamDay,
  answerDetailsRefusal,
  answerRefusal,
  daysWaited,
  isIsoDate,
  queueFilterStatus,
  templateRefusal,
} from "~/domain/review/policy";

const actor = (role: Role) => ({ id: `u-${role}`, role });

describe("who may answer what", () => {
  it("over every status × phase × role × decision: only an official, only along the status diagram, never in a concept cycle", () => {
    for (const status of KNELPUNT_STATUSES) {
      for (const phase of PHASES) {
        for (const role of ROLES) {
          for (const decision of ANSWER_DECISIONS) {
            const refusal = answerRefusal(actor(role), { status }, { phase }, decision);
            const expected =
              role !== "ambtenaar" ? "not_official" : phase === "concept" ? "not_visible" : KNELPUNT_TRANSITIONS[status].includes(decision) ? null : "transition";
            expect(refusal, `${role} ${status} → ${decision} in ${phase}`).toBe(expected);
          }
        }
        expect(answerRefusal(null, { status }, { phase }, "toegezegd")).toBe("not_official");
      }
    }
  });

  it("offers the decisions the status allows, in the form's order", () => {
    const official = actor("ambtenaar");
    const cycle = { phase: "opschalen" as const };
    expect(allowedDecisions(official, { status: "geescaleerd" }, cycle)).toEqual(["in_behandeling", "toegezegd", "afgewezen"]);
    expect(allowedDecisions(official, { status: "in_behandeling" }, cycle)).toEqual(["toegezegd", "afgewezen"]);
    expect(allowedDecisions(official, { status: "toegezegd" }, cycle)).toEqual(["uitgevoerd"]);
    for (const status of ["open", "zelf_aan_de_slag", "opgelost", "uitgevoerd", "afgewezen"] as const) {
      expect(allowedDecisions(official, { status }, cycle)).toEqual([]);
    }
    // A fast-tracked knelpunt can be answered before opschalen.
    expect(allowedDecisions(official, { status: "geescaleerd" }, { phase: "zelf_doen" })).toHaveLength(3);
    expect(allowedDecisions(actor("projectleider"), { status: "geescaleerd" }, cycle)).toEqual([]);
  });

  it("maps the queue filter to a status", () => {
    expect(queueFilterStatus("open")).toBe("geescaleerd");
    for (const decision of ANSWER_DECISIONS) expect(queueFilterStatus(decision)).toBe(decision);
  });
});

describe("what an answer needs", () => {
  const today = "2026-11-28";
  const base = { explanation: "Een uitleg van genoeg tekens.", department: null, expectedDate: null };
  it("always an explanation of 10 to 5000 characters; for afgewezen it is the reason", () => {
    expect(answerDetailsRefusal({ ...base, decision: "in_behandeling", explanation: " kort " }, today)).toEqual({ field: "explanation", reason: "explanation_too_short" });
    expect(answerDetailsRefusal({ ...base, decision: "afgewezen", explanation: "" }, today)).toEqual({ field: "explanation", reason: "reason_required" });
    expect(answerDetailsRefusal({ ...base, decision: "uitgevoerd", explanation: "x".repeat(5001) }, today)).toEqual({ field: "explanation", reason: "explanation_too_long" });
    expect(answerDetailsRefusal({ ...base, decision: "uitgevoerd", explanation: "é".repeat(5000) }, today)).toBeNull();
    expect(answerDetailsRefusal({ ...base, decision: "afgewezen" }, today)).toBeNull();
  });

  it("for toegezegd a department and a real date from today on", () => {
    const promise = { ...base, decision: "toegezegd" as const };
    expect(answerDetailsRefusal({ ...promise, expectedDate: today }, today)).toEqual({ field: "department", reason: "department_required" });
    expect(answerDetailsRefusal({ ...promise, department: "Stadsbeheer" }, today)).toEqual({ field: "expectedDate", reason: "date_required" });
    expect(answerDetailsRefusal({ ...promise, department: "Stadsbeheer", expectedDate: "2026-11-27" }, today)).toEqual({ field: "expectedDate", reason: "date_past" });
    expect(answerDetailsRefusal({ ...promise, department: "Stadsbeheer", expectedDate: "28-11-2026" }, today)).toEqual({ field: "expectedDate", reason: "date_invalid" });
    expect(answerDetailsRefusal({ ...promise, department: "Stadsbeheer", expectedDate: "2027-02-29" }, today)).toEqual({ field: "expectedDate", reason: "date_invalid" });
    expect(answerDetailsRefusal({ ...promise, department: "Stadsbeheer", expectedDate: today }, today)).toBeNull();
    expect(answerDetailsRefusal({ ...promise, department: "Stadsbeheer", expectedDate: "2028-02-29" }, today)).toBeNull();
  });

  it("reads dates and days in the Netherlands", () => {
    expect(isIsoDate("2026-12-31")).toBe(true);
    expect(isIsoDate("2026-13-01")).toBe(false);
    // 23:30 UTC on 28 November is already 29 November in Amsterdam.
    expect(amsterdamDay(new Date("2026-11-28T23:30:00Z"))).toBe("2026-11-29");
    expect(daysWaited(new Date("2026-11-20T12:00:00Z"), new Date("2026-11-28T11:59:00Z"))).toBe(7);
    expect(daysWaited(new Date("2026-11-28T12:00:00Z"), new Date("2026-11-28T12:00:00Z"))).toBe(0);
  });
});

describe("templates", () => {
  it("are only for their owner, who must be an official", () => {
    const official = actor("ambtenaar");
    expect(templateRefusal(official, null)).toBeNull();
    expect(templateRefusal(official, { ownerId: official.id })).toBeNull();
    expect(templateRefusal(official, { ownerId: "someone-else" })).toBe("not_owner");
    for (const role of ROLES.filter((r) => r !== "ambtenaar")) expect(templateRefusal(actor(role), { ownerId: `u-${role}` })).toBe("not_official");
    expect(templateRefusal(null, null)).toBe("not_official");
  });
});
