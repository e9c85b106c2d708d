import { describe, expect, it } from "vitest";
import {
  CHART_BOX,
  bucketByWeek,
  chartGeometry,
  chartRange,
  compareSides,
  comparePeriods,
  comparisonSentences,
  fillWeeks,
  formatAverage,
  shortLabel,
} from "~/domain/ratings/chart";
import { addDays, amsterdamDay, weekStart } from "~/domain/ratings/days";
import { rateRefusal } from "~/domain/ratings/policy";
import { ratingSchema } from "~/domain/ratings/schemas";
import { translate } from "~/i18n";

describe("days in Europe/Amsterdam and weeks", () => {
  it("takes the Amsterdam calendar day, also around midnight and summer time", () => {
    expect(amsterdamDay(new Date("2026-11-27T22:59:00Z"))).toBe("2026-11-27");
    expect(amsterdamDay(new Date("2026-11-27T23:00:00Z"))).toBe("2026-11-28"); // 00:00 CET
    expect(amsterdamDay(new Date("2026-07-01T21:59:00Z"))).toBe("2026-07-01");
    expect(amsterdamDay(new Date("2026-07-01T22:00:00Z"))).toBe("2026-07-02"); // 00:00 CEST
  });

  it("starts weeks on Monday", () => {
    expect(weekStart("2026-11-23")).toBe("2026-11-23"); // Monday
    expect(weekStart("2026-11-25")).toBe("2026-11-23");
    expect(weekStart("2026-11-29")).toBe("2026-11-23"); // Sunday
    expect(weekStart("2026-11-30")).toBe("2026-11-30");
    expect(weekStart("2027-01-01")).toBe("2026-12-28"); // across the year
    expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
  });

  it("buckets ratings by week with exact averages and counts", () => {
    const rows = bucketByWeek([
      { day: "2026-11-23", score: 2 },
      { day: "2026-11-29", score: 3 },
      { day: "2026-11-30", score: 5 },
      { day: "2026-11-16", score: 1 },
    ]);
    expect(rows).toEqual([
      { week: "2026-11-16", average: 1, count: 1 },
      { week: "2026-11-23", average: 2.5, count: 2 },
      { week: "2026-11-30", average: 5, count: 1 },
    ]);
  });

  it("fills the weeks without ratings between the first and the last", () => {
    const weeks = fillWeeks([{ week: "2026-11-02", average: 2, count: 3 }, { week: "2026-11-23", average: 4, count: 1 }], "2026-11-02", "2026-11-23");
    expect(weeks.map((w) => [w.week, w.average, w.count])).toEqual([
      ["2026-11-02", 2, 3],
      ["2026-11-09", null, 0],
      ["2026-11-16", null, 0],
      ["2026-11-23", 4, 1],
    ]);
  });

  it("spans the chart from the first to the last week with ratings or a mark, within the last 52 weeks", () => {
    const rows = [{ week: "2026-10-05", average: 2, count: 1 }, { week: "2026-11-02", average: 3, count: 1 }];
    expect(chartRange(rows, ["2026-11-18"], "2026-11-28")).toEqual({ from: "2026-10-05", to: "2026-11-16" });
    expect(chartRange(rows, ["2024-01-10"], "2026-11-28")).toEqual({ from: "2026-10-05", to: "2026-11-02" });
    expect(chartRange([], ["2026-11-18"], "2026-11-28")).toBeNull();
    // Only weeks after today (a wrong clock): no chart rather than an undefined range.
    expect(chartRange([{ week: "2027-01-04", average: 3, count: 1 }], [], "2026-11-28")).toBeNull();
  });
});

describe("the chart's geometry", () => {
  const weeks = fillWeeks(
    [
      { week: "2026-11-02", average: 1, count: 2 },
      { week: "2026-11-09", average: 2.5, count: 4 },
      { week: "2026-11-23", average: 5, count: 1 },
    ],
    "2026-11-02",
    "2026-11-23",
  );
  const g = chartGeometry(weeks, [{ id: 7, day: "2026-11-18", label: "Lichtschouw" }, { id: 8, day: "2025-01-01", label: "Oud" }]);
  const { plot } = g;

  it("keeps every point inside the plot box", () => {
    expect(g.points).toHaveLength(3);
    for (const point of g.points) {
      expect(point.x).toBeGreaterThanOrEqual(plot.x);
      expect(point.x).toBeLessThanOrEqual(plot.x + plot.width);
      expect(point.y).toBeGreaterThanOrEqual(plot.y);
      expect(point.y).toBeLessThanOrEqual(plot.y + plot.height);
    }
    expect(plot.x + plot.width).toBeLessThanOrEqual(CHART_BOX.width);
    expect(plot.y + plot.height).toBeLessThanOrEqual(CHART_BOX.height);
  });

  it("puts a score of 5 at the top, 1 at the bottom, and each week in the middle of its slot", () => {
    const slot = plot.width / 4;
    expect(g.points[0]).toMatchObject({ x: Math.round((plot.x + slot / 2) * 10) / 10, y: plot.y + plot.height });
    expect(g.points[2]).toMatchObject({ x: Math.round((plot.x + 3.5 * slot) * 10) / 10, y: plot.y });
    expect(g.points[1]!.y).toBeCloseTo(plot.y + (2.5 / 4) * plot.height, 1);
    expect(g.yTicks.map((tick) => tick.value)).toEqual([1, 2, 3, 4, 5]);
    expect(g.yTicks[0]!.y).toBe(plot.y + plot.height);
    expect(g.yTicks[4]!.y).toBe(plot.y);
  });

  it("breaks the line where a week has no ratings", () => {
    expect(g.lines).toHaveLength(2);
    expect(g.lines[0]!.split(" ")).toHaveLength(2);
    expect(g.lines[1]!.split(" ")).toHaveLength(1);
  });

  it("marks a completion in the middle of its day, and leaves out marks outside the chart", () => {
    expect(g.marks.map((m) => m.id)).toEqual([7]);
    // 2026-11-18 is day 16 of 28 from 2026-11-02: x at 16.5/28 of the width.
    expect(g.marks[0]!.x).toBeCloseTo(plot.x + (16.5 / 28) * plot.width, 1);
    // In the right half: the label runs to the left of the line, above the plot.
    expect(g.marks[0]!.anchor).toBe("end");
    expect(g.marks[0]!.labelX).toBeLessThan(g.marks[0]!.x);
    expect(g.marks[0]!.labelY).toBeLessThan(plot.y);
    expect(g.marks[0]!.labelY).toBeGreaterThan(0);
  });

  it("draws a single week in the middle", () => {
    const one = chartGeometry([{ week: "2026-11-23", average: 3, count: 1 }], []);
    expect(one.points[0]!.x).toBe(Math.round((one.plot.x + one.plot.width / 2) * 10) / 10);
    expect(one.xTicks).toHaveLength(1);
  });

  it("labels at most about six weeks along the axis", () => {
    const many = fillWeeks([{ week: "2025-12-01", average: 3, count: 1 }], "2025-12-01", "2026-11-23");
    expect(many).toHaveLength(52);
    expect(chartGeometry(many, []).xTicks.length).toBeLessThanOrEqual(7);
  });

  it("shortens long labels", () => {
    expect(shortLabel("Lichtschouw")).toBe("Lichtschouw");
    expect(shortLabel("Tunnel beschilderen met de basisschool om de hoek")).toBe("Tunnel beschilderen met de…");
  });
});

describe("the before/after sentence", () => {
  const nl = (sentences: ReturnType<typeof comparisonSentences>) => sentences.map((s) => translate("nl", s.key, s.vars)).join(" ");

  it("compares both sides in Dutch number format", () => {
    const before = { average: 2.125, count: 8, people: 6 };
    const after = { average: 3.625, count: 8, people: 8 };
    const comparison = compareSides(before, after, "2026-10-01", "2026-11-28");
    expect(comparison).toEqual({ kind: "both", caution: false, afterRunning: false });
    expect(nl(comparisonSentences("nl", "Lichtschouw", before, after, comparison))).toBe(
      "In de 6 weken na ‘Lichtschouw’ gaven 8 mensen gemiddeld een 3,6. In de 6 weken daarvoor gaven 6 mensen gemiddeld een 2,1.",
    );
  });

  it("adds the caution when a side has fewer than 5 ratings, and says when the weeks after are still running", () => {
    const before = { average: 2, count: 4, people: 4 };
    const after = { average: 4, count: 9, people: 1 };
    const comparison = compareSides(before, after, "2026-11-22", "2026-11-28");
    expect(comparison).toEqual({ kind: "both", caution: true, afterRunning: true });
    const text = nl(comparisonSentences("nl", "Lichtschouw", before, after, comparison));
    expect(text).toContain("gaf 1 persoon gemiddeld een 4,0.");
    expect(text).toContain("De 6 weken na de maatregel zijn nog niet voorbij.");
    expect(text).toMatch(/Dit zijn weinig beoordelingen: trek nog geen conclusies\.$/);
    expect(compareSides({ average: 2, count: 5, people: 5 }, { average: 3, count: 5, people: 5 }, "2026-01-01", "2026-11-28").caution).toBe(false);
  });

  it("says so when one side or both have no ratings", () => {
    const empty = { average: null, count: 0, people: 0 };
    const some = { average: 2, count: 6, people: 3 };
    const onlyBefore = compareSides(some, empty, "2026-01-01", "2026-11-28");
    expect(onlyBefore).toEqual({ kind: "onlyBefore", caution: true, afterRunning: false });
    expect(nl(comparisonSentences("nl", "X", some, empty, onlyBefore))).toBe(
      "In de 6 weken vóór ‘X’ gaven 3 mensen gemiddeld een 2,0. In de 6 weken daarna gaf nog niemand een cijfer. Dit zijn weinig beoordelingen: trek nog geen conclusies.",
    );
    expect(compareSides(empty, some, "2026-01-01", "2026-11-28").kind).toBe("onlyAfter");
    const none = compareSides(empty, empty, "2026-01-01", "2026-11-28");
    expect(none).toEqual({ kind: "none", caution: false, afterRunning: false });
    expect(nl(comparisonSentences("nl", "X", empty, empty, none))).toBe("In de 6 weken voor en na ‘X’ gaf niemand een cijfer.");
  });

  it("compares six weeks on either side, leaving the day itself out", () => {
    expect(comparePeriods("2026-11-18")).toEqual({
      before: { from: "2026-10-07", to: "2026-11-17" },
      after: { from: "2026-11-19", to: "2026-12-30" },
    });
  });

  it("formats averages with a comma in Dutch and a point in English", () => {
    expect(formatAverage("nl", 3.6)).toBe("3,6");
    expect(formatAverage("nl", 2)).toBe("2,0");
    expect(formatAverage("en", 3.55)).toBe("3.6");
  });
});

describe("who may rate, and the form", () => {
  const resident = { id: "u1", role: "bewoner" as const };
  it("lets anyone with an account rate a visible knelpunt, any role, not blocked", () => {
    expect(rateRefusal(resident, { cyclePhase: "afgerond" }, { blocked: false }, 3)).toBeNull();
    expect(rateRefusal({ id: "u2", role: "ambtenaar" }, { cyclePhase: "opschalen" }, { blocked: false }, 1)).toBeNull();
    expect(rateRefusal(null, { cyclePhase: "meedenken" })).toBe("not_signed_in");
    expect(rateRefusal(resident, { cyclePhase: "concept" })).toBe("not_visible");
    expect(rateRefusal({ id: "u3", role: "projectleider" }, { cyclePhase: "concept" }, { blocked: false }, 5)).toBeNull();
    expect(rateRefusal(resident, { cyclePhase: "zelf_doen" }, { blocked: true }, 3)).toBe("blocked");
    expect(rateRefusal(resident, { cyclePhase: "zelf_doen" }, { blocked: false }, 6)).toBe("score_out_of_range");
    expect(rateRefusal(resident, { cyclePhase: "zelf_doen" }, { blocked: false }, 2.5)).toBe("score_out_of_range");
  });

  it("accepts 1 to 5 and refuses the rest with a Dutch message key", () => {
    expect(ratingSchema.parse({ score: "4" })).toEqual({ score: 4 });
    for (const score of ["0", "6", "3.5", "drie", "-1", " 11"]) {
      const result = ratingSchema.safeParse({ score });
      expect(result.success, score).toBe(false);
      expect(result.error?.issues[0]?.message).toBe("rating.error.scoreRange");
    }
    expect(ratingSchema.safeParse({}).error?.issues[0]?.message).toBe("rating.error.scoreMissing");
    expect(ratingSchema.safeParse({ score: "" }).error?.issues[0]?.message).toBe("rating.error.scoreMissing");
  });
});
