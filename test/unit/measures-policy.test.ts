import { describe, expect, it } from "vitest";
import { ROLES, type Role } from "~/domain/accounts/roles";
import { PHASES, type Phase } from "~/domain/cycles/policy";
import { KNELPUNT_STATUSES, type KnelpuntStatus } from "~/domain/knelpunten/policy";
import {
  MEASURE_KINDS,
  MEASURE_STATUSES,
  abandonRefusal,
  adoptionRefusal,
  measureTransitionAllowed,
  progressRefusal,
  proposeRefusal,
  selfHelpOutcome,
  supportRefusal,
  volunteerRefusal,
  withdrawSupportRefusal,
  withdrawVolunteerRefusal,
  type MeasureKind,
  type MeasureRefusal,
  type MeasureStatus,
} from "~/domain/measures/policy";
import { measureSchema, progressSchema } from "~/domain/measures/schemas";
import { knelpunten as nl } from "~/i18n/nl/knelpunten";

const actor = (role: Role, id = `u-${role}`) => ({ id, role });
const ALL_ROLES = [...ROLES, null] as Array<Role | null>;
const asActor = (role: Role | null) => (role ? actor(role) : null);

const ALLOWED = new Set([
  "voorgesteld>aangenomen",
  "voorgesteld>niet_doorgegaan",
  "aangenomen>in_uitvoering",
  "aangenomen>niet_doorgegaan",
  "in_uitvoering>uitgevoerd",
  "in_uitvoering>niet_doorgegaan",
]);

describe("measure status transitions: every pair", () => {
  const pairs: Array<{ from: MeasureStatus; to: MeasureStatus; allowed: boolean }> = [];
  for (const from of MEASURE_STATUSES) for (const to of MEASURE_STATUSES) pairs.push({ from, to, allowed: ALLOWED.has(`${from}>${to}`) });

  it.each(pairs)("$from → $to allowed: $allowed", ({ from, to, allowed }) => {
    expect(measureTransitionAllowed(from, to)).toBe(allowed);
  });
});

const SELF_HELP_STATUSES: KnelpuntStatus[] = ["open", "zelf_aan_de_slag"];
const ESCALATED_STATUSES: KnelpuntStatus[] = ["geescaleerd", "in_behandeling", "toegezegd"];

describe("proposeRefusal: every role × phase × kind × knelpunt status", () => {
  const cases = [];
  for (const role of ALL_ROLES) {
    for (const phase of PHASES) {
      for (const kind of MEASURE_KINDS) {
        for (const status of KNELPUNT_STATUSES) {
          let want: MeasureRefusal | null;
          if (phase === "concept" && role !== "projectleider") want = "not_visible";
          else if (!role) want = "not_signed_in";
          else if (role !== "bewoner") want = "not_resident";
          else if (phase !== (kind === "zelf" ? "zelf_doen" : "opschalen")) want = "phase";
          else if (kind === "zelf" && !SELF_HELP_STATUSES.includes(status)) want = "knelpunt_status";
          else if (kind === "overheid" && !ESCALATED_STATUSES.includes(status)) want = "not_escalated";
          else want = null;
          cases.push({ role, phase, kind, status, want });
        }
      }
    }
  }
  it.each(cases)("$role, $phase, $kind, knelpunt $status: $want", ({ role, phase, kind, status, want }) => {
    expect(proposeRefusal(asActor(role), kind, { status }, { phase })).toBe(want);
  });
});

describe("supportRefusal", () => {
  const cycle = (phase: Phase, supportLimit = 0) => ({ phase, supportLimit });
  const fresh = { used: 0, alreadySupporting: false };

  it("lets only residents support, in the kind's phase (zelf_doen, opschalen), for every role × phase × kind", () => {
    for (const role of ALL_ROLES) {
      for (const phase of PHASES) {
        for (const kind of MEASURE_KINDS) {
          const status: KnelpuntStatus = kind === "zelf" ? "open" : "geescaleerd";
          const got = supportRefusal(asActor(role), { kind, status: "voorgesteld" }, { status }, cycle(phase), fresh);
          let want: MeasureRefusal | null;
          if (phase === "concept" && role !== "projectleider") want = "not_visible";
          else if (!role) want = "not_signed_in";
          else if (role !== "bewoner") want = "not_resident";
          else if (phase !== (kind === "zelf" ? "zelf_doen" : "opschalen")) want = "phase";
          else want = null;
          expect(got, `${role} ${phase} ${kind}`).toBe(want);
        }
      }
    }
  });

  it("refuses final measures and knelpunten in the wrong status", () => {
    const resident = actor("bewoner");
    for (const status of MEASURE_STATUSES) {
      const got = supportRefusal(resident, { kind: "zelf", status }, { status: "open" }, cycle("zelf_doen"), fresh);
      expect(got, status).toBe(status === "uitgevoerd" || status === "niet_doorgegaan" ? "measure_status" : null);
    }
    for (const status of KNELPUNT_STATUSES) {
      expect(supportRefusal(resident, { kind: "zelf", status: "voorgesteld" }, { status }, cycle("zelf_doen"), fresh), status).toBe(
        SELF_HELP_STATUSES.includes(status) ? null : "knelpunt_status",
      );
      expect(supportRefusal(resident, { kind: "overheid", status: "voorgesteld" }, { status }, cycle("opschalen"), fresh), status).toBe(
        ESCALATED_STATUSES.includes(status) ? null : "not_escalated",
      );
    }
  });

  it("counts the limit over the cycle; 0 means no limit; supporting again is never over the limit", () => {
    const resident = actor("bewoner");
    const measure = { kind: "zelf" as const, status: "voorgesteld" as const };
    const at = (used: number, limit: number, alreadySupporting = false) =>
      supportRefusal(resident, measure, { status: "open" }, cycle("zelf_doen", limit), { used, alreadySupporting });
    expect(at(2, 3)).toBeNull();
    expect(at(3, 3)).toBe("limit_reached");
    expect(at(7, 3)).toBe("limit_reached");
    expect(at(3, 3, true)).toBeNull();
    expect(at(1000, 0)).toBeNull();
  });
});

describe("withdrawing and volunteering", () => {
  it("lets a resident withdraw a support while the kind's phase is open, whatever the measure's status", () => {
    for (const phase of PHASES) {
      for (const kind of MEASURE_KINDS) {
        const open = phase === (kind === "zelf" ? "zelf_doen" : "opschalen");
        expect(withdrawSupportRefusal(actor("bewoner"), { kind }, { phase }), `${phase} ${kind}`).toBe(
          phase === "concept" ? "not_visible" : open ? null : "phase",
        );
        expect(withdrawSupportRefusal(actor("projectleider"), { kind }, { phase })).toBe("not_resident");
      }
    }
  });

  it("lets residents volunteer only for self-help measures, in zelf_doen, while the measure is not final", () => {
    for (const role of ALL_ROLES) {
      for (const phase of PHASES) {
        for (const kind of MEASURE_KINDS) {
          for (const status of MEASURE_STATUSES) {
            const got = volunteerRefusal(asActor(role), { kind, status }, { status: "open" }, { phase });
            let want: MeasureRefusal | null;
            if (phase === "concept" && role !== "projectleider") want = "not_visible";
            else if (!role) want = "not_signed_in";
            else if (role !== "bewoner") want = "not_resident";
            else if (kind !== "zelf") want = "not_self_help";
            else if (phase !== "zelf_doen") want = "phase";
            else if (status === "uitgevoerd" || status === "niet_doorgegaan") want = "measure_status";
            else want = null;
            expect(got, `${role} ${phase} ${kind} ${status}`).toBe(want);
          }
        }
      }
    }
    expect(volunteerRefusal(actor("bewoner"), { kind: "zelf", status: "voorgesteld" }, { status: "geescaleerd" }, { phase: "zelf_doen" })).toBe(
      "knelpunt_status",
    );
  });

  it("lets a resident sign off in zelf_doen only, self-help only", () => {
    expect(withdrawVolunteerRefusal(actor("bewoner"), { kind: "zelf" }, { phase: "zelf_doen" })).toBeNull();
    expect(withdrawVolunteerRefusal(actor("bewoner"), { kind: "zelf" }, { phase: "opschalen" })).toBe("phase");
    expect(withdrawVolunteerRefusal(actor("bewoner"), { kind: "overheid" }, { phase: "zelf_doen" })).toBe("not_self_help");
    expect(withdrawVolunteerRefusal(actor("ambtenaar"), { kind: "zelf" }, { phase: "zelf_doen" })).toBe("not_resident");
  });
});

describe("adoptionRefusal", () => {
  const cycle = { phase: "zelf_doen" as Phase, supportThreshold: 5, minVolunteers: 2 };
  const measure = (extra: Partial<{ kind: MeasureKind; status: MeasureStatus; supportCount: number; volunteerCount: number }> = {}) => ({
    kind: "zelf" as MeasureKind,
    status: "voorgesteld" as MeasureStatus,
    supportCount: 5,
    volunteerCount: 2,
    ...extra,
  });
  const leader = actor("projectleider");

  it("adopts exactly at the thresholds, not below", () => {
    expect(adoptionRefusal(leader, measure(), { status: "open" }, cycle)).toBeNull();
    expect(adoptionRefusal(leader, measure({ supportCount: 4 }), { status: "open" }, cycle)).toBe("below_support_threshold");
    expect(adoptionRefusal(leader, measure({ volunteerCount: 1 }), { status: "open" }, cycle)).toBe("below_min_volunteers");
    expect(adoptionRefusal(leader, measure({ supportCount: 40, volunteerCount: 9 }), { status: "zelf_aan_de_slag" }, cycle)).toBeNull();
  });

  it("is for project leaders, self-help, voorgesteld, zelf_doen or opschalen, and a knelpunt still in self-help", () => {
    for (const role of ROLES.filter((r) => r !== "projectleider")) expect(adoptionRefusal(actor(role), measure(), { status: "open" }, cycle)).toBe("not_project_leader");
    expect(adoptionRefusal(null, measure(), { status: "open" }, cycle)).toBe("not_project_leader");
    expect(adoptionRefusal(leader, measure({ kind: "overheid" }), { status: "geescaleerd" }, cycle)).toBe("not_self_help");
    for (const phase of PHASES) {
      expect(adoptionRefusal(leader, measure(), { status: "open" }, { ...cycle, phase }), phase).toBe(
        phase === "zelf_doen" || phase === "opschalen" ? null : "phase",
      );
    }
    for (const status of MEASURE_STATUSES) {
      expect(adoptionRefusal(leader, measure({ status }), { status: "open" }, cycle), status).toBe(status === "voorgesteld" ? null : "transition");
    }
    for (const status of KNELPUNT_STATUSES) {
      expect(adoptionRefusal(leader, measure(), { status }, cycle), status).toBe(SELF_HELP_STATUSES.includes(status) ? null : "knelpunt_status");
    }
  });
});

describe("abandoning and progress", () => {
  it("lets a project leader stop a self-help measure and an official a government one, from any non-final status", () => {
    for (const role of ALL_ROLES) {
      for (const kind of MEASURE_KINDS) {
        for (const status of MEASURE_STATUSES) {
          const rightRole = kind === "zelf" ? role === "projectleider" : role === "ambtenaar";
          const want = !rightRole ? (kind === "zelf" ? "not_project_leader" : "not_official") : ALLOWED.has(`${status}>niet_doorgegaan`) ? null : "transition";
          expect(abandonRefusal(asActor(role), { kind, status }), `${role} ${kind} ${status}`).toBe(want);
        }
      }
    }
  });

  it("lets the author or a project leader report self-help progress, one step at a time", () => {
    const author = actor("bewoner", "author");
    const other = actor("bewoner", "other");
    const selfHelp = (status: MeasureStatus) => ({ kind: "zelf" as const, status, authorId: "author" });
    expect(progressRefusal(author, selfHelp("aangenomen"), "in_uitvoering")).toBeNull();
    expect(progressRefusal(actor("projectleider"), selfHelp("in_uitvoering"), "uitgevoerd")).toBeNull();
    expect(progressRefusal(other, selfHelp("aangenomen"), "in_uitvoering")).toBe("not_author_or_leader");
    expect(progressRefusal(null, selfHelp("aangenomen"), "in_uitvoering")).toBe("not_author_or_leader");
    expect(progressRefusal(author, selfHelp("aangenomen"), "uitgevoerd")).toBe("transition");
    expect(progressRefusal(author, selfHelp("voorgesteld"), "in_uitvoering")).toBe("transition");
    expect(progressRefusal(author, { ...selfHelp("aangenomen"), authorId: null }, "in_uitvoering")).toBe("not_author_or_leader");
    expect(progressRefusal(author, { kind: "overheid", status: "aangenomen", authorId: "author" }, "in_uitvoering")).toBe("not_official");
    expect(progressRefusal(actor("ambtenaar"), { kind: "overheid", status: "aangenomen", authorId: "author" }, "in_uitvoering")).toBeNull();
  });
});

describe("selfHelpOutcome", () => {
  it("counts adopted self-help measures (not abandoned ones, not government ones) and those carried out", () => {
    expect(
      selfHelpOutcome([
        { kind: "zelf", status: "voorgesteld" },
        { kind: "zelf", status: "aangenomen" },
        { kind: "zelf", status: "in_uitvoering" },
        { kind: "zelf", status: "uitgevoerd" },
        { kind: "zelf", status: "niet_doorgegaan" },
        { kind: "overheid", status: "uitgevoerd" },
      ]),
    ).toEqual({ adopted: 3, adoptedDone: 1 });
    expect(selfHelpOutcome([])).toEqual({ adopted: 0, adoptedDone: 0 });
  });
});

describe("messages and schemas", () => {
  it("has a Dutch message for every refusal", () => {
    const reasons: MeasureRefusal[] = [
      "not_visible",
      "not_signed_in",
      "not_resident",
      "phase",
      "knelpunt_status",
      "not_escalated",
      "measure_status",
      "limit_reached",
      "not_self_help",
      "not_project_leader",
      "not_author_or_leader",
      "not_official",
      "transition",
      "below_support_threshold",
      "below_min_volunteers",
    ];
    for (const reason of reasons) expect(nl[`measure.refusal.${reason}`]).toBeTruthy();
    for (const status of MEASURE_STATUSES) expect(nl[`measure.status.${status}`]).toBeTruthy();
  });

  it("checks the proposal and progress forms", () => {
    expect(measureSchema.parse({ kind: "zelf", title: "  Lichtschouw ", description: "Samen de lampen nalopen." })).toEqual({
      kind: "zelf",
      title: "Lichtschouw",
      description: "Samen de lampen nalopen.",
    });
    const bad = measureSchema.safeParse({ kind: "iets", title: "Kort", description: "x".repeat(5001) });
    expect(Object.fromEntries(bad.error!.issues.map((i) => [String(i.path[0]), i.message]))).toEqual({
      kind: "measure.error.kindInvalid",
      title: "measure.error.titleTooShort",
      description: "measure.error.descriptionTooLong",
    });
    expect(progressSchema.parse({ to: "uitgevoerd", note: "" })).toEqual({ to: "uitgevoerd", note: null });
    expect(progressSchema.safeParse({ to: "aangenomen" }).success).toBe(false);
  });
});
