import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { CODE_OF_CONDUCT_VERSION, needsCodeOfConduct } from "~/domain/moderation/code-of-conduct";

describe("the code of conduct version", () => {
  it("the Dutch and English texts say the version the app asks people to accept", () => {
    expect(fs.readFileSync("content/gedragscode.md", "utf8")).toMatch(new RegExp(`\\nVersie ${CODE_OF_CONDUCT_VERSION} `));
    expect(fs.readFileSync("content/en/gedragscode.md", "utf8")).toMatch(new RegExp(`\\nVersion ${CODE_OF_CONDUCT_VERSION} `));
  });

  it("someone who accepted an older version, or none, accepts again", () => {
    expect(needsCodeOfConduct(null)).toBe(true);
    expect(needsCodeOfConduct(CODE_OF_CONDUCT_VERSION - 1)).toBe(true);
    expect(needsCodeOfConduct(CODE_OF_CONDUCT_VERSION)).toBe(false);
  });
});
