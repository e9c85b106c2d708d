import { describe, expect, it } from "vitest";
import { SECURITY_TXT_VALID_DAYS, defaultSecurityContact, securityTxt } from "~/lib/security-txt";

/** The fields of a security.txt, as RFC 9116 section 4 reads them ("Name: value" lines). */
function fields(text: string): Map<string, string[]> {
  const result = new Map<string, string[]>();
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("#")) continue;
    const match = /^([A-Za-z-]+): (.+)$/.exec(line);
    if (!match) throw new Error(`not a field line: ${JSON.stringify(line)}`);
    result.set(match[1]!.toLowerCase(), [...(result.get(match[1]!.toLowerCase()) ?? []), match[2]!]);
  }
  return result;
}

describe("security.txt (RFC 9116)", () => {
  const now = new Date("2026-11-28T15:42:00Z");
  const text = securityTxt({ publicUrl: "https://veranderlab.groningen.nl", contact: "mailto:cvd@groningen.nl", now });
  const f = fields(text);

  it("has exactly one Contact and one Expires, as the RFC requires", () => {
    expect(f.get("contact")).toEqual(["mailto:cvd@groningen.nl"]);
    expect(f.get("expires")).toHaveLength(1);
  });

  it("expires less than a year ahead, in the RFC's date format", () => {
    const expires = f.get("expires")![0]!;
    expect(expires).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    const days = (Date.parse(expires) - now.getTime()) / 86_400_000;
    expect(days).toBeGreaterThan(SECURITY_TXT_VALID_DAYS - 1);
    expect(days).toBeLessThan(365);
  });

  it("names its own address, the languages and the disclosure policy", () => {
    expect(f.get("canonical")).toEqual(["https://veranderlab.groningen.nl/.well-known/security.txt"]);
    expect(f.get("preferred-languages")).toEqual(["nl, en"]);
    expect(f.get("policy")).toEqual(["https://veranderlab.groningen.nl/kwetsbaarheid-melden"]);
    expect(text.endsWith("\n")).toBe(true);
  });

  it("falls back to security@ the site's host", () => {
    expect(defaultSecurityContact("https://veranderlab.groningen.nl")).toBe("mailto:security@veranderlab.groningen.nl");
  });
});
