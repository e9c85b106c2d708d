import { describe, expect, it } from "vitest";
import { ROLES, type Role } from "~/domain/accounts/roles";
import {
  PHASES,
  activitiesNow,
  canViewCycle,
  nextPhase,
  phaseAllows,
  phaseMoveRefusal,
  type Phase,
} from "~/domain/cycles/policy";

const actor = (role: Role) => ({ id: `u-${role}`, role });

describe("nextPhase", () => {
  it("walks the five phases in order and stops after afgerond", () => {
    expect(PHASES.map(nextPhase)).toEqual(["meedenken", "zelf_doen", "opschalen", "afgerond", null]);
  });
});

describe("phaseMoveRefusal: every move, for every role", () => {
  const cases: Array<{ role: Role | null; from: Phase; to: Phase; expected: ReturnType<typeof phaseMoveRefusal> }> = [];
  for (const role of [...ROLES, null] as Array<Role | null>) {
    for (const from of PHASES) {
      for (const to of PHASES) {
        const fromIndex = PHASES.indexOf(from);
        const toIndex = PHASES.indexOf(to);
        let expected: ReturnType<typeof phaseMoveRefusal>;
        if (role !== "projectleider") expected = "not_project_leader";
        else if (from === "afgerond") expected = "already_last";
        else if (toIndex === fromIndex + 1) expected = null;
        else expected = "not_next";
        cases.push({ role, from, to, expected });
      }
    }
  }

  it.each(cases)("$role: $from → $to is $expected", ({ role, from, to, expected }) => {
    expect(phaseMoveRefusal(role ? actor(role) : null, from, to)).toBe(expected);
  });

  it("allows exactly four moves, all by a project leader, each one step forward", () => {
    const allowed = cases.filter((c) => c.expected === null);
    expect(allowed.map((c) => `${c.from}>${c.to}`)).toEqual([
      "concept>meedenken",
      "meedenken>zelf_doen",
      "zelf_doen>opschalen",
      "opschalen>afgerond",
    ]);
    expect(new Set(allowed.map((c) => c.role))).toEqual(new Set(["projectleider"]));
  });
});

describe("canViewCycle", () => {
  it("hides a concept cycle from everyone but project leaders", () => {
    for (const role of ROLES) {
      expect(canViewCycle(actor(role), { phase: "concept" })).toBe(role === "projectleider");
    }
    expect(canViewCycle(null, { phase: "concept" })).toBe(false);
  });

  it("shows every other phase to everyone, visitors included", () => {
    for (const phase of PHASES.filter((p) => p !== "concept")) {
      expect(canViewCycle(null, { phase })).toBe(true);
      for (const role of ROLES) expect(canViewCycle(actor(role), { phase })).toBe(true);
    }
  });
});

describe("phaseAllows", () => {
  it("opens nothing in concept", () => {
    expect(activitiesNow("concept")).toEqual([]);
  });

  it("opens self-help only in zelf doen, escalation and government measures only from opschalen", () => {
    expect(PHASES.filter((p) => phaseAllows(p, "proposeSelfHelp"))).toEqual(["zelf_doen"]);
    expect(PHASES.filter((p) => phaseAllows(p, "supportSelfHelp"))).toEqual(["zelf_doen"]);
    expect(PHASES.filter((p) => phaseAllows(p, "escalate"))).toEqual(["opschalen", "afgerond"]);
    expect(PHASES.filter((p) => phaseAllows(p, "proposeGovernmentMeasure"))).toEqual(["opschalen"]);
  });

  it("lets residents answer questions and report places while the cycle runs", () => {
    expect(PHASES.filter((p) => phaseAllows(p, "answerQuestions"))).toEqual(["meedenken", "zelf_doen", "opschalen"]);
    expect(PHASES.filter((p) => phaseAllows(p, "reportKnelpunt"))).toEqual(["meedenken", "zelf_doen", "opschalen"]);
  });
});
