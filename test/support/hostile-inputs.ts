/**
 * Hostile texts for test/e2e/hostile-input.spec.ts: the known payloads of
 * ./xss-payloads.ts plus strings fast-check builds from payload fragments,
 * arbitrary Unicode and control characters, with a fixed seed. Each text gets
 * a marker (`hx0042:`) in front, so the test can tell which texts a page
 * rendered, and is cut to fit its field.
 *
 * Also a small HTTP client that posts forms as a browser without JavaScript
 * would (session cookie, Origin, its own X-Forwarded-For).
 */
import fc from "fast-check";
import { XSS_FRAGMENTS, XSS_PAYLOADS } from "./xss-payloads";

export const HOSTILE_SEED = Number(process.env.HOSTILE_SEED ?? 20260808);

/** Arbitrary strings made of payload fragments, Unicode (incl. astral, combining, RTL), controls. */
function hostileArbitrary(): fc.Arbitrary<string> {
  const piece = fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...XSS_FRAGMENTS) },
    { weight: 2, arbitrary: fc.constantFrom(...XSS_PAYLOADS) },
    { weight: 3, arbitrary: fc.string({ unit: "grapheme", maxLength: 12 }) },
    { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 12 }) },
    { weight: 1, arbitrary: fc.string({ unit: "binary-ascii", maxLength: 12 }) },
    { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom("\u0000", "\u0008", "\u001b", "\u007f", "\u0085", "\u200e", "\u202e", "\ufffe"), maxLength: 4 }) },
    { weight: 1, arbitrary: fc.webUrl().map((url) => `[link](${url})`) },
    { weight: 1, arbitrary: fc.nat({ max: 3000 }).map((n) => "x".repeat(n)) },
  );
  return fc.array(piece, { minLength: 1, maxLength: 12 }).map((pieces) => pieces.join(""));
}

/** `count` hostile texts: first every known payload, then fast-check's (same seed, same texts). */
export function hostileTexts(count: number, seed = HOSTILE_SEED): string[] {
  const generated = fc.sample(hostileArbitrary(), { seed, numRuns: Math.max(0, count - XSS_PAYLOADS.length) });
  return [...XSS_PAYLOADS, ...generated].slice(0, count);
}

export type Field = { min: number; max: number };

/** Takes code points while the UTF-16 length stays within max (so both ways of counting agree). */
function cut(text: string, max: number): string {
  let out = "";
  for (const char of text) {
    if (out.length + char.length > max) break;
    out += char;
  }
  return out;
}

/**
 * Hands out hostile texts with markers and records which input went to which
 * field, so the test can report and check them.
 */
export class HostileSupply {
  private next = 0;
  readonly sent: { marker: string; field: string; text: string }[] = [];

  constructor(private readonly texts: string[]) {}

  /** The next text, with its marker, cut to [min, max] characters. */
  take(field: string, { min, max }: Field): string {
    const index = this.next++;
    const source = this.texts[index % this.texts.length]!;
    const marker = `hx${String(index).padStart(4, "0")}:`;
    let text = cut(`${marker} ${source}`, max);
    // Too short once trimmed (a payload of spaces): pad with plain letters.
    while ([...text.trim()].length < min) text += "x";
    this.sent.push({ marker, field, text });
    return text;
  }

  get count() {
    return this.sent.length;
  }
}

/** Markers (`hx0042:`) in a page's text. */
export function markersIn(text: string): string[] {
  return [...text.matchAll(/hx(\d{4}):/g)].map((match) => match[0]);
}

export type Answer = { status: number; location: string | null; body: string };

/** A browser without JavaScript: posts forms and follows nothing. */
export class FormClient {
  private readonly cookies = new Map<string, string>();

  constructor(
    readonly base: string,
    readonly ip: string,
  ) {}

  get cookieList(): { name: string; value: string }[] {
    return [...this.cookies].map(([name, value]) => ({ name, value }));
  }

  private remember(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const at = pair!.indexOf("=");
      const name = pair!.slice(0, at).trim();
      const value = pair!.slice(at + 1).trim();
      if (/Max-Age=0\b/i.test(line) || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
    return { "X-Forwarded-For": this.ip, Origin: this.base, ...(cookie ? { Cookie: cookie } : {}), ...extra };
  }

  async get(path: string): Promise<Answer> {
    const response = await fetch(this.base + path, { headers: this.headers(), redirect: "manual" });
    this.remember(response);
    return { status: response.status, location: response.headers.get("location"), body: await response.text() };
  }

  async post(path: string, fields: Record<string, string> | [string, string][]): Promise<Answer> {
    const response = await fetch(this.base + path, {
      method: "POST",
      headers: this.headers(),
      body: new URLSearchParams(fields),
      redirect: "manual",
    });
    this.remember(response);
    return { status: response.status, location: response.headers.get("location"), body: await response.text() };
  }

  /** Any request, for the malformed ones: raw body and headers as given. */
  async raw(path: string, init: RequestInit & { headers?: Record<string, string> }): Promise<Answer> {
    const response = await fetch(this.base + path, { ...init, headers: this.headers(init.headers), redirect: "manual" });
    return { status: response.status, location: response.headers.get("location"), body: await response.text() };
  }

  async logIn(email: string, password: string) {
    const answer = await this.post("/inloggen", { email, password });
    if (answer.status !== 302 || !this.cookies.has("vl_session")) {
      throw new Error(`sign-in as ${email} failed: ${answer.status} ${answer.body.slice(0, 300)}`);
    }
  }

  /** Signs up (display name and wijk as given) and confirms the address with the code from /mail. */
  async signUp(account: { email: string; password: string; displayName: string; wijk: string }): Promise<Answer> {
    const answer = await this.post("/registreren", { ...account, acceptConduct: "on" });
    if (answer.status !== 302) return answer;
    const mail = await this.get(`/mail?aan=${encodeURIComponent(account.email)}`);
    const code = /(\d{8})/.exec(mail.body)?.[1];
    if (!code) throw new Error(`no code mailed to ${account.email}`);
    return this.post("/verifieren", { email: account.email, code });
  }
}
