import { describe, expect, it } from "vitest";
import { ROLES, type Role } from "~/domain/accounts/roles";
import { PHASES } from "~/domain/cycles/policy";
import {
  KNELPUNT_STATUSES,
  canonicalWijk,
  isFinalKnelpuntStatus,
  isInNetherlands,
  knelpuntStatusChangeRefusal,
  knelpuntTransitionAllowed,
  reportRefusal,
  resolveRefusal,
  type KnelpuntStatus,
} from "~/domain/knelpunten/policy";
import { knelpuntSchema, listFiltersFrom } from "~/domain/knelpunten/schemas";
import { knelpunten as nl } from "~/i18n/nl/knelpunten";

const actor = (role: Role) => ({ id: `u-${role}`, role });

/** The diagram in SPEC.md ("Knelpunt"), plus geescaleerd → toegezegd/afgewezen directly. */
const ALLOWED = new Set([
  "open>zelf_aan_de_slag",
  "open>geescaleerd",
  "zelf_aan_de_slag>opgelost",
  "zelf_aan_de_slag>geescaleerd",
  "geescaleerd>in_behandeling",
  "geescaleerd>toegezegd",
  "geescaleerd>afgewezen",
  "in_behandeling>toegezegd",
  "in_behandeling>afgewezen",
  "toegezegd>uitgevoerd",
]);

const pairs: Array<{ from: KnelpuntStatus; to: KnelpuntStatus; allowed: boolean }> = [];
for (const from of KNELPUNT_STATUSES) {
  for (const to of KNELPUNT_STATUSES) pairs.push({ from, to, allowed: ALLOWED.has(`${from}>${to}`) });
}

describe("knelpunt status transitions: every pair", () => {
  it.each(pairs)("$from → $to allowed: $allowed", ({ from, to, allowed }) => {
    expect(knelpuntTransitionAllowed(from, to)).toBe(allowed);
  });

  it("ends in opgelost, uitgevoerd and afgewezen, and never goes back to open", () => {
    expect(KNELPUNT_STATUSES.filter(isFinalKnelpuntStatus)).toEqual(["opgelost", "uitgevoerd", "afgewezen"]);
    expect(pairs.filter((p) => p.allowed && p.to === "open")).toEqual([]);
  });
});

describe("knelpuntStatusChangeRefusal: every role × pair", () => {
  const setter: Record<Exclude<KnelpuntStatus, "open">, Role> = {
    zelf_aan_de_slag: "projectleider",
    opgelost: "projectleider",
    geescaleerd: "projectleider",
    in_behandeling: "ambtenaar",
    toegezegd: "ambtenaar",
    uitgevoerd: "ambtenaar",
    afgewezen: "ambtenaar",
  };
  const cases = [];
  for (const role of [...ROLES, null] as Array<Role | null>) {
    for (const { from, to, allowed } of pairs) {
      const rightRole = to !== "open" && role === setter[to];
      cases.push({ role, from, to, want: !rightRole ? "not_allowed_role" : allowed ? null : "transition" });
    }
  }
  it.each(cases)("$role: $from → $to is $want", ({ role, from, to, want }) => {
    expect(knelpuntStatusChangeRefusal(role ? actor(role) : null, from, to)).toBe(want);
  });
});

describe("reportRefusal: every role × phase", () => {
  const cases = [];
  for (const role of [...ROLES, null] as Array<Role | null>) {
    for (const phase of PHASES) {
      let want: string | null;
      if (phase === "concept" && role !== "projectleider") want = "not_visible";
      else if (!role) want = "not_signed_in";
      else if (role !== "bewoner") want = "not_resident";
      else if (phase === "concept" || phase === "afgerond") want = "phase";
      else want = null;
      cases.push({ role, phase, want });
    }
  }
  it.each(cases)("$role in $phase: $want", ({ role, phase, want }) => {
    expect(reportRefusal(role ? actor(role) : null, { phase })).toBe(want);
  });

  it("has a Dutch message for every refusal", () => {
    for (const reason of ["not_visible", "not_signed_in", "not_resident", "phase"] as const) expect(nl[`knelpunt.refusal.${reason}`]).toBeTruthy();
    for (const reason of ["not_project_leader", "status", "no_measure_done"] as const) expect(nl[`knelpunt.refusal.resolve.${reason}`]).toBeTruthy();
  });
});

describe("resolveRefusal", () => {
  it("lets only a project leader resolve, only from zelf_aan_de_slag, only after a measure was carried out", () => {
    for (const role of [...ROLES, null] as Array<Role | null>) {
      for (const status of KNELPUNT_STATUSES) {
        for (const adoptedDone of [0, 1, 2]) {
          const got = resolveRefusal(role ? actor(role) : null, { status }, { adoptedDone });
          const want =
            role !== "projectleider" ? "not_project_leader" : status !== "zelf_aan_de_slag" ? "status" : adoptedDone === 0 ? "no_measure_done" : null;
          expect(got, `${role} ${status} ${adoptedDone}`).toBe(want);
        }
      }
    }
  });
});

describe("places", () => {
  it("accepts points in the Netherlands and refuses others", () => {
    expect(isInNetherlands(53.2194, 6.5665)).toBe(true); // Groningen
    expect(isInNetherlands(51.4416, 3.5737)).toBe(true); // Vlissingen
    expect(isInNetherlands(52.37, 4.89)).toBe(true); // Amsterdam
    expect(isInNetherlands(48.85, 2.35)).toBe(false); // Paris
    expect(isInNetherlands(6.5665, 53.2194)).toBe(false); // swapped
    expect(isInNetherlands(Number.NaN, 5)).toBe(false);
  });

  it("stores a wijk as the cycle spells it, or the typed text", () => {
    const wijken = ["Oosterparkwijk", "De Hoogte"];
    expect(canonicalWijk("  de hoogte ", wijken)).toBe("De Hoogte");
    expect(canonicalWijk("Indische  Buurt", wijken)).toBe("Indische Buurt");
  });
});

describe("knelpuntSchema", () => {
  const base = {
    title: "Donkere tunnel",
    description: "Het is er 's avonds erg donker.",
    wijk: "De Hoogte",
    locationText: "Tunnel onder de Europaweg",
  };

  it("accepts a report without a point", () => {
    expect(knelpuntSchema.parse(base)).toMatchObject({ lat: null, lng: null, wijk: "De Hoogte" });
  });

  it("accepts a point with a decimal comma", () => {
    expect(knelpuntSchema.parse({ ...base, lat: "53,2239", lng: "6.5901" })).toMatchObject({ lat: 53.2239, lng: 6.5901 });
  });

  it("refuses half a point, a point abroad, nonsense, and bad lengths with message keys", () => {
    const messages = (input: Record<string, string>) => {
      const result = knelpuntSchema.safeParse(input);
      expect(result.success).toBe(false);
      return Object.fromEntries(result.error!.issues.map((i) => [String(i.path[0]), i.message]));
    };
    expect(messages({ ...base, lat: "53.2" })).toEqual({ lat: "knelpunt.error.pointIncomplete" });
    expect(messages({ ...base, lat: "48.85", lng: "2.35" })).toEqual({ lat: "knelpunt.error.pointOutsideNl" });
    expect(messages({ ...base, lat: "abc", lng: "6.5" })).toEqual({ lat: "knelpunt.error.pointInvalid" });
    expect(messages({ title: "Kort", description: "te kort", wijk: "x".repeat(81), locationText: "ab" })).toEqual({
      title: "knelpunt.error.titleTooShort",
      description: "knelpunt.error.descriptionTooShort",
      wijk: "knelpunt.error.wijkTooLong",
      locationText: "knelpunt.error.locationTooShort",
    });
    for (const message of Object.values(messages({ ...base, title: "x".repeat(121) }))) expect(nl).toHaveProperty([message]);
  });
});

describe("listFiltersFrom", () => {
  it("reads status, wijk, sort and page, and ignores nonsense", () => {
    expect(listFiltersFrom(new URL("http://x/?status=geescaleerd&wijk=De+Hoogte&sorteer=steun&pagina=2"))).toEqual({
      status: "geescaleerd",
      wijk: "De Hoogte",
      sort: "support",
      page: 2,
    });
    expect(listFiltersFrom(new URL("http://x/?status=kapot&sorteer=x&pagina=-1"))).toEqual({ status: null, wijk: null, sort: "newest", page: 1 });
  });
});
