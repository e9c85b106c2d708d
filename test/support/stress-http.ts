/**
 * Support requests over HTTP, exactly as the knelpunt page sends them
 * (app/ui/measures/measure-card.tsx): a form POST to /maatregelen/:id with
 * `intent=support` and a hidden `redirectTo` back to the measure on its
 * knelpunt page, and
 *
 * - "fetcher" (with JavaScript): React Router's fetcher posts the same form
 *   plus `via=fetcher` to the single-fetch URL /maatregelen/:id.data and gets
 *   the action's data (turbo-stream): { ok, intent, changed, supportCount };
 * - "form" (without JavaScript): a plain POST to /maatregelen/:id, answered
 *   with a 302 back to `redirectTo` and a one-time flash cookie.
 *
 * The requests go out through node:http, not fetch: fetch (undici) gives up
 * on a connection after 10 s, and on a loaded 2-core machine 1,000
 * connections at once can wait longer than that in the server's accept queue
 * (a browser waits minutes). Each request has its own connection.
 *
 * Each answer is classified strictly: "supported" only when the response is
 * exactly what the app sends after a committed support; any other HTTP
 * answer is "unexpected" (with its status and the start of its body); no
 * HTTP answer at all (refused, reset, cut off mid-body) is "no-answer".
 */
import http from "node:http";
import { UNSAFE_decodeViaTurboStream as decodeViaTurboStream } from "react-router";

export type SupportStyle = "fetcher" | "form";

export type SupportRequest = {
  url: string;
  measureId: number;
  knelpuntId: number;
  /** The session token (cookie vl_session). */
  token: string;
  style: SupportStyle;
  /** The client's address as a proxy would pass it on (the server trusts X-Forwarded-For in these tests). */
  ip?: string;
  timeoutMs?: number;
};

export type SupportAnswer =
  | { outcome: "supported"; status: number; style: SupportStyle; changed: boolean | null; supportCount: number | null; ms: number }
  | { outcome: "unexpected"; status: number; style: SupportStyle; detail: string; ms: number }
  | { outcome: "no-answer"; style: SupportStyle; error: string; ms: number };

/** The measure's anchor on its knelpunt page, where the buttons send you back. */
export function redirectToOf(knelpuntId: number, measureId: number): string {
  return `/knelpunten/${knelpuntId}#maatregel-${measureId}`;
}

function describeError(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  return code ?? message;
}

/**
 * Decodes a complete single-fetch (turbo-stream) body from memory (fed a
 * stream that fails half-way, the decoder leaves a rejected promise nobody
 * handles, so read the whole body first).
 */
export async function decodeSingleFetchBody(body: Uint8Array): Promise<unknown> {
  const bytes = new Uint8Array(body);
  const complete = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
  const decoded = await decodeViaTurboStream(complete, globalThis);
  await decoded.done;
  return decoded.value;
}

/** Decodes a fetch() response's single-fetch body (throws when the body was cut off). */
export async function decodeSingleFetch(response: Response): Promise<unknown> {
  return decodeSingleFetchBody(new Uint8Array(await response.arrayBuffer()));
}

type RawAnswer = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

/** Raised when the status line came but the body did not (the server died mid-answer). */
class CutOff extends Error {
  constructor(
    readonly status: number,
    cause: string,
  ) {
    super(cause);
  }
}

const agent = new http.Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY });

function post(url: string, headers: Record<string, string>, body: string, timeoutMs: number): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: "POST", agent, headers: { ...headers, "content-length": String(Buffer.byteLength(body)) } });
    const timer = setTimeout(() => request.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    const fail = (error: Error) => {
      clearTimeout(timer);
      reject(error);
    };
    request.on("error", fail);
    request.on("response", (response) => {
      const chunks: Buffer[] = [];
      const status = response.statusCode ?? 0;
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("aborted", () => fail(new CutOff(status, "aborted")));
      response.on("error", (error) => fail(new CutOff(status, (error as NodeJS.ErrnoException).code ?? error.message)));
      response.on("end", () => {
        clearTimeout(timer);
        if (response.complete) resolve({ status, headers: response.headers, body: Buffer.concat(chunks) });
        else reject(new CutOff(status, "incomplete"));
      });
    });
    request.end(body);
  });
}

export async function postSupport(request: SupportRequest): Promise<SupportAnswer> {
  const started = performance.now();
  const { style } = request;
  const redirectTo = redirectToOf(request.knelpuntId, request.measureId);
  const body = new URLSearchParams({ intent: "support", redirectTo });
  if (style === "fetcher") body.set("via", "fetcher");
  const path = style === "fetcher" ? `/maatregelen/${request.measureId}.data` : `/maatregelen/${request.measureId}`;
  const headers: Record<string, string> = {
    cookie: `vl_session=${request.token}`,
    origin: request.url,
    "content-type": "application/x-www-form-urlencoded;charset=UTF-8",
  };
  if (request.ip) headers["x-forwarded-for"] = request.ip;
  const ms = () => Math.round(performance.now() - started);
  let answer: RawAnswer;
  try {
    answer = await post(request.url + path, headers, body.toString(), request.timeoutMs ?? 120_000);
  } catch (error) {
    const reason = error instanceof CutOff ? `body cut off after ${error.status}: ${error.message}` : describeError(error);
    return { outcome: "no-answer", style, error: reason, ms: ms() };
  }
  const { status } = answer;
  if (style === "fetcher") {
    if (status !== 200) return { outcome: "unexpected", status, style, detail: answer.body.toString("utf8").slice(0, 300), ms: ms() };
    let value: { data?: Record<string, unknown> } | undefined;
    try {
      value = (await decodeSingleFetchBody(answer.body)) as typeof value;
    } catch (error) {
      return { outcome: "unexpected", status, style, detail: `undecodable: ${describeError(error)}: ${answer.body.toString("utf8").slice(0, 200)}`, ms: ms() };
    }
    const data = value?.data;
    if (data?.ok === true && data.intent === "support" && typeof data.changed === "boolean" && typeof data.supportCount === "number") {
      return { outcome: "supported", status, style, changed: data.changed, supportCount: data.supportCount, ms: ms() };
    }
    return { outcome: "unexpected", status, style, detail: JSON.stringify(value).slice(0, 300), ms: ms() };
  }
  const location = answer.headers.location;
  const cookies = (answer.headers["set-cookie"] ?? []).map((cookie) => decodeURIComponent(cookie));
  if (status === 302 && location === redirectTo && cookies.some((c) => c.startsWith("vl_flash=") && c.includes("knelpuntPage.flash.supported"))) {
    return { outcome: "supported", status, style, changed: null, supportCount: null, ms: ms() };
  }
  return {
    outcome: "unexpected",
    status,
    style,
    detail: `location=${location} cookies=${cookies.join(" | ")} body=${answer.body.toString("utf8").slice(0, 200)}`,
    ms: ms(),
  };
}

/** Counts of the distinct values, e.g. { "200": 950, "no-answer: ECONNRESET": 50 }. */
export function tally<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

/** The p-th percentile (0..100) of some numbers, nearest rank. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
