/**
 * `/.well-known/security.txt` (RFC 9116): where to report a vulnerability.
 * Contact and Expires are required; Expires lies less than a year ahead
 * (here: 180 days from today, so a running server never serves an expired
 * file, and a stale deployment shows its age within half a year).
 */
export const SECURITY_TXT_VALID_DAYS = 180;

export function securityTxt(input: { publicUrl: string; contact: string; now: Date }): string {
  const today = Date.UTC(input.now.getUTCFullYear(), input.now.getUTCMonth(), input.now.getUTCDate());
  const expires = new Date(today + SECURITY_TXT_VALID_DAYS * 24 * 60 * 60_000);
  return [
    `Contact: ${input.contact}`,
    `Expires: ${expires.toISOString().replace(/\.\d{3}Z$/, "Z")}`,
    `Preferred-Languages: nl, en`,
    `Canonical: ${input.publicUrl}/.well-known/security.txt`,
    `Policy: ${input.publicUrl}/kwetsbaarheid-melden`,
    "",
  ].join("\n");
}

/** The Contact default when SECURITY_CONTACT is not set: security@ the site's own host. */
export function defaultSecurityContact(publicUrl: string): string {
  return `mailto:security@${new URL(publicUrl).hostname}`;
}
