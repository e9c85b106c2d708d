import { describe, expect, it } from "vitest";
import { ROLES, type Role } from "~/domain/accounts/roles";
import { PHASES, type Phase } from "~/domain/cycles/phases";
import {
  QUESTION_STATUSES,
  canAnswer,
  canAskQuestionIn,
  canManageQuestions,
  canSeeResults,
  statusChangeRefusal,
  type AnswerRefusal,
  type QuestionStatus,
  type Viewer,
} from "~/domain/questions/policy";

type Who = Role | "visitor";
const WHO: Who[] = ["visitor", ...ROLES];

function viewer(who: Who): Viewer {
  return who === "visitor" ? null : { id: `id-${who}`, role: who };
}

/**
 * The expected answer for every phase × status, per kind of viewer, written
 * out by hand (not computed), so a change in the rules shows up here.
 */
const RESIDENT: Record<Phase, Record<QuestionStatus, AnswerRefusal | null>> = {
  concept: { open: "not_visible", closed: "not_visible" },
  meedenken: { open: null, closed: "closed" },
  zelf_doen: { open: null, closed: "closed" },
  opschalen: { open: null, closed: "closed" },
  afgerond: { open: "phase", closed: "closed" },
};

const VISITOR: Record<Phase, Record<QuestionStatus, AnswerRefusal | null>> = {
  concept: { open: "not_visible", closed: "not_visible" },
  meedenken: { open: "not_signed_in", closed: "closed" },
  zelf_doen: { open: "not_signed_in", closed: "closed" },
  opschalen: { open: "not_signed_in", closed: "closed" },
  afgerond: { open: "phase", closed: "closed" },
};

/** Officials and administrators do not see concept cycles; project leaders do. None of them answers. */
const NON_RESIDENT = (who: Who, phase: Phase): AnswerRefusal =>
  phase === "concept" && who !== "projectleider" ? "not_visible" : "not_resident";

function expected(who: Who, phase: Phase, status: QuestionStatus): AnswerRefusal | null {
  if (who === "bewoner") return RESIDENT[phase][status];
  if (who === "visitor") return VISITOR[phase][status];
  return NON_RESIDENT(who, phase);
}

describe("canAnswer: every phase × role × status", () => {
  for (const who of WHO) {
    for (const phase of PHASES) {
      for (const status of QUESTION_STATUSES) {
        const want = expected(who, phase, status);
        it(`${who}, ${phase}, ${status} → ${want ?? "may answer"}`, () => {
          expect(canAnswer(viewer(who), { status }, { phase })).toBe(want);
        });
      }
    }
  }

  it("only a resident in a running phase may answer an open question", () => {
    const allowed: string[] = [];
    for (const who of WHO)
      for (const phase of PHASES)
        for (const status of QUESTION_STATUSES)
          if (canAnswer(viewer(who), { status }, { phase }) === null) allowed.push(`${who}/${phase}/${status}`);
    expect(allowed).toEqual(["bewoner/meedenken/open", "bewoner/zelf_doen/open", "bewoner/opschalen/open"]);
  });
});

describe("canSeeResults", () => {
  for (const who of WHO) {
    for (const phase of PHASES) {
      for (const status of QUESTION_STATUSES) {
        const visible = phase === "concept" ? who === "projectleider" : status === "closed" || who === "projectleider";
        it(`${who}, ${phase}, ${status} → ${visible ? "sees" : "does not see"} the results`, () => {
          expect(canSeeResults(viewer(who), { status }, { phase })).toBe(visible);
        });
      }
    }
  }
});

describe("managing questions", () => {
  it("only project leaders ask, close, reopen and download", () => {
    for (const who of WHO) expect(canManageQuestions(viewer(who))).toBe(who === "projectleider");
  });

  it("questions are asked in cycles that are not closed", () => {
    for (const phase of PHASES) {
      expect(canAskQuestionIn(viewer("projectleider"), { phase })).toBe(phase !== "afgerond");
      expect(canAskQuestionIn(viewer("bewoner"), { phase })).toBe(false);
    }
  });

  it("closing and reopening go to the other status only", () => {
    const leader = viewer("projectleider");
    expect(statusChangeRefusal(leader, { status: "open" }, "closed")).toBeNull();
    expect(statusChangeRefusal(leader, { status: "closed" }, "open")).toBeNull();
    expect(statusChangeRefusal(leader, { status: "open" }, "open")).toBe("unchanged");
    expect(statusChangeRefusal(leader, { status: "closed" }, "closed")).toBe("unchanged");
    for (const who of WHO.filter((w) => w !== "projectleider")) {
      expect(statusChangeRefusal(viewer(who), { status: "open" }, "closed")).toBe("forbidden");
    }
  });
});
