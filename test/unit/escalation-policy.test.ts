import { describe, expect, it } from "vitest";
import { ROLES, type Role } from "~/domain/accounts/roles";
import { PHASES, type Phase } from "~/domain/cycles/policy";
import {
  ESCALATION_REFUSALS,
  FAST_TRACK_REASON_MIN,
  escalationAvailability,
  escalationDecision,
  type EscalationDecision,
  type SelfHelpOutcome,
} from "~/domain/escalation/policy";
import { KNELPUNT_STATUSES, type KnelpuntStatus } from "~/domain/knelpunten/policy";
import { knelpunten as nl } from "~/i18n/nl/knelpunten";

/** The self-help outcomes the rule distinguishes, with what the project leader states. */
const OUTCOMES = {
  none_adopted: { selfHelp: { adopted: 0, adoptedDone: 0 }, stillUnsafe: false },
  in_progress: { selfHelp: { adopted: 2, adoptedDone: 1 }, stillUnsafe: false },
  // Saying "still unsafe" does not help while self-help is under way.
  in_progress_said_unsafe: { selfHelp: { adopted: 2, adoptedDone: 1 }, stillUnsafe: true },
  all_done_still_unsafe: { selfHelp: { adopted: 2, adoptedDone: 2 }, stillUnsafe: true },
  all_done_not_unsafe: { selfHelp: { adopted: 1, adoptedDone: 1 }, stillUnsafe: false },
} satisfies Record<string, { selfHelp: SelfHelpOutcome; stillUnsafe: boolean }>;
type Outcome = keyof typeof OUTCOMES;

const VALID_REASON = "Glas op het fietspad en alle lampen kapot";

/**
 * The rule written out from SPEC.md, independently of the implementation:
 * who, from which status, in which phase, and when only as a fast-track.
 */
function expected(role: Role | null, status: KnelpuntStatus, phase: Phase, outcome: Outcome, reason: string | null): EscalationDecision {
  if (role !== "projectleider") return { allowed: false, reason: "not_project_leader" };
  if (status !== "open" && status !== "zelf_aan_de_slag") return { allowed: false, reason: "status" };
  if (phase === "concept") return { allowed: false, reason: "concept" };
  const selfHelpTried = outcome === "none_adopted" || outcome === "all_done_still_unsafe";
  const lateEnough = phase === "opschalen" || phase === "afgerond";
  if (lateEnough && selfHelpTried) return { allowed: true, fastTrack: false };
  if (reason) return { allowed: true, fastTrack: true };
  if (!lateEnough) return { allowed: false, reason: "too_early" };
  if (outcome === "all_done_not_unsafe") return { allowed: false, reason: "not_still_unsafe" };
  return { allowed: false, reason: "self_help_under_way" };
}

type Case = { role: Role | null; status: KnelpuntStatus; phase: Phase; outcome: Outcome; reason: string | null; want: EscalationDecision };

const cases: Case[] = [];
for (const role of [...ROLES, null] as Array<Role | null>) {
  for (const status of KNELPUNT_STATUSES) {
    for (const phase of PHASES) {
      for (const outcome of Object.keys(OUTCOMES) as Outcome[]) {
        for (const reason of [null, VALID_REASON]) {
          cases.push({ role, status, phase, outcome, reason, want: expected(role, status, phase, outcome, reason) });
        }
      }
    }
  }
}

const decide = (c: Omit<Case, "want">) =>
  escalationDecision({
    role: c.role,
    knelpuntStatus: c.status,
    phase: c.phase,
    selfHelp: OUTCOMES[c.outcome].selfHelp,
    stillUnsafe: OUTCOMES[c.outcome].stillUnsafe,
    fastTrackReason: c.reason,
  });

describe("escalationDecision: every role × status × phase × self-help outcome × fast-track reason", () => {
  it("covers the whole table", () => {
    expect(cases).toHaveLength((ROLES.length + 1) * KNELPUNT_STATUSES.length * PHASES.length * 5 * 2);
  });

  it.each(cases.map((c) => ({ ...c, fastTrack: c.reason ? "with reason" : "no reason" })))(
    "$role, $status, $phase, $outcome, $fastTrack",
    ({ want, ...c }) => {
      expect(decide(c)).toEqual(want);
    },
  );

  it("only a project leader ever escalates, only from open or zelf_aan_de_slag, never in concept", () => {
    const allowed = cases.filter((c) => decide(c).allowed);
    expect(new Set(allowed.map((c) => c.role))).toEqual(new Set(["projectleider"]));
    expect(new Set(allowed.map((c) => c.status))).toEqual(new Set(["open", "zelf_aan_de_slag"]));
    expect(allowed.some((c) => c.phase === "concept")).toBe(false);
  });

  it("escalates without a fast-track only in opschalen and afgerond, and only when self-help was tried", () => {
    const normal = cases.filter((c) => {
      const d = decide(c);
      return d.allowed && !d.fastTrack;
    });
    expect(new Set(normal.map((c) => c.phase))).toEqual(new Set(["opschalen", "afgerond"]));
    expect(new Set(normal.map((c) => c.outcome))).toEqual(new Set(["none_adopted", "all_done_still_unsafe"]));
  });

  it("every fast-track had a reason, and happened where the normal route was closed", () => {
    for (const c of cases) {
      const d = decide(c);
      if (d.allowed && d.fastTrack) {
        expect(c.reason).not.toBeNull();
        expect(decide({ ...c, reason: null }).allowed).toBe(false);
      }
    }
  });

  it("has a Dutch message for every refusal", () => {
    for (const reason of ESCALATION_REFUSALS) expect(nl[`escalation.refusal.${reason}`]).toBeTruthy();
  });
});

describe("the fast-track reason", () => {
  const early = { role: "projectleider" as const, knelpuntStatus: "open" as const, phase: "zelf_doen" as const, selfHelp: { adopted: 0, adoptedDone: 0 }, stillUnsafe: false };

  it("needs at least 10 characters after trimming", () => {
    expect(escalationDecision({ ...early, fastTrackReason: "x".repeat(FAST_TRACK_REASON_MIN) })).toEqual({ allowed: true, fastTrack: true });
    expect(escalationDecision({ ...early, fastTrackReason: "x".repeat(FAST_TRACK_REASON_MIN - 1) })).toEqual({
      allowed: false,
      reason: "fast_track_reason_too_short",
    });
    expect(escalationDecision({ ...early, fastTrackReason: `   ${"x".repeat(FAST_TRACK_REASON_MIN - 1)}     ` })).toMatchObject({
      reason: "fast_track_reason_too_short",
    });
  });

  it("counts characters, not UTF-16 units", () => {
    expect(escalationDecision({ ...early, fastTrackReason: "🚲".repeat(FAST_TRACK_REASON_MIN - 1) })).toMatchObject({ allowed: false });
  });

  it("treats a blank reason as no reason and refuses with the situation's reason", () => {
    expect(escalationDecision({ ...early, fastTrackReason: "   " })).toEqual({ allowed: false, reason: "too_early" });
    expect(escalationDecision({ ...early, fastTrackReason: "" })).toEqual({ allowed: false, reason: "too_early" });
  });

  it("is not needed (and the escalation is no fast-track) when the normal route is open", () => {
    expect(escalationDecision({ ...early, phase: "opschalen", fastTrackReason: VALID_REASON })).toEqual({ allowed: true, fastTrack: false });
  });
});

describe("escalationAvailability: what the form offers, from the same rule", () => {
  it("agrees with escalationDecision for every combination", () => {
    for (const role of [...ROLES, null] as Array<Role | null>) {
      for (const knelpuntStatus of KNELPUNT_STATUSES) {
        for (const phase of PHASES) {
          for (const { selfHelp } of Object.values(OUTCOMES)) {
            const input = { role, knelpuntStatus, phase, selfHelp };
            const availability = escalationAvailability(input);
            const plain = escalationDecision({ ...input, stillUnsafe: false, fastTrackReason: null });
            const unsafe = escalationDecision({ ...input, stillUnsafe: true, fastTrackReason: null });
            const fast = escalationDecision({ ...input, stillUnsafe: false, fastTrackReason: VALID_REASON });
            if (plain.allowed) expect(availability).toEqual({ available: true, mode: "normal", why: null });
            else if (unsafe.allowed) expect(availability).toEqual({ available: true, mode: "still_unsafe", why: plain.reason });
            else if (fast.allowed) expect(availability).toEqual({ available: true, mode: "fast_track", why: plain.reason });
            else expect(availability).toEqual({ available: false, reason: plain.reason });
          }
        }
      }
    }
  });

  it("offers a fast-track in zelf_doen, and the normal route in opschalen when nothing was adopted", () => {
    const base = { role: "projectleider" as const, knelpuntStatus: "open" as const, selfHelp: { adopted: 0, adoptedDone: 0 } };
    expect(escalationAvailability({ ...base, phase: "zelf_doen" })).toEqual({ available: true, mode: "fast_track", why: "too_early" });
    expect(escalationAvailability({ ...base, phase: "opschalen" })).toEqual({ available: true, mode: "normal", why: null });
    expect(escalationAvailability({ ...base, phase: "concept" })).toEqual({ available: false, reason: "concept" });
    expect(
      escalationAvailability({ ...base, knelpuntStatus: "zelf_aan_de_slag", phase: "opschalen", selfHelp: { adopted: 1, adoptedDone: 1 } }),
    ).toEqual({ available: true, mode: "still_unsafe", why: "not_still_unsafe" });
  });
});
