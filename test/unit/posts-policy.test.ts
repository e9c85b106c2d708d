import { describe, expect, it } from "vitest";
import { ROLES } from "~/domain/accounts/roles";
import { PHASES, phaseAllows } from "~/domain/cycles/policy";
import { canManagePosts, canReactToPost, canViewPost, postOpenForReactions } from "~/domain/posts/policy";
import { canEditReaction } from "~/domain/reactions/policy";

const actors = [null, ...ROLES.map((role) => ({ id: `id-${role}`, role }))];
const cycles = [null, ...PHASES.map((phase) => ({ phase }))];
const statuses = ["draft", "published"] as const;

describe("who sees a post (every role × status × cycle phase)", () => {
  for (const actor of actors) {
    for (const status of statuses) {
      for (const cycle of cycles) {
        const leader = actor?.role === "projectleider";
        const expected = leader || (status === "published" && cycle?.phase !== "concept");
        it(`${actor?.role ?? "visitor"} · ${status} · ${cycle?.phase ?? "general"} → ${expected ? "sees" : "404"}`, () => {
          expect(canViewPost(actor, { status }, cycle)).toBe(expected);
        });
      }
    }
  }
});

describe("who may react to a post", () => {
  for (const actor of actors) {
    for (const status of statuses) {
      for (const cycle of cycles) {
        const visible = canViewPost(actor, { status }, cycle);
        const open = status === "published" && (cycle === null || phaseAllows(cycle.phase, "react"));
        const expected = actor !== null && visible && open;
        it(`${actor?.role ?? "visitor"} · ${status} · ${cycle?.phase ?? "general"} → ${expected}`, () => {
          expect(canReactToPost(actor, { status }, cycle)).toBe(expected);
          expect(postOpenForReactions({ status }, cycle)).toBe(open);
        });
      }
    }
  }

  it("never in a concept cycle, not even for a project leader", () => {
    expect(canReactToPost({ id: "pl", role: "projectleider" }, { status: "published" }, { phase: "concept" })).toBe(false);
  });
});

describe("who writes posts and changes reactions", () => {
  it("only project leaders write posts", () => {
    expect(actors.filter(canManagePosts).map((a) => a!.role)).toEqual(["projectleider"]);
  });

  it("only the author changes a reaction", () => {
    expect(canEditReaction({ id: "a", role: "bewoner" }, { authorId: "a" })).toBe(true);
    expect(canEditReaction({ id: "b", role: "projectleider" }, { authorId: "a" })).toBe(false);
    expect(canEditReaction(null, { authorId: "a" })).toBe(false);
    expect(canEditReaction({ id: "a", role: "bewoner" }, { authorId: null })).toBe(false);
  });
});
