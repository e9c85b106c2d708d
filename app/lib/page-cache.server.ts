import { constants, crc32, deflateRawSync } from "node:zlib";
import type { NextFunction, Request, Response } from "express";

/**
 * A few seconds of memory for the pages visitors see (docs/performance.md,
 * docs/decisions/013-page-cache-for-visitors.md).
 *
 * Every visitor without a session gets the same HTML for the same address
 * and language, so rendering it again for each of them is wasted work: with
 * ten visitors at once a page would wait behind nine renders. This keeps the
 * rendered answer for `ttlMs` and sends it again with the response's own CSP
 * nonce put in.
 *
 * The kept page is also compressed once (gzip, with room for the nonce, see
 * `deflatePieces`), so sending it again costs a copy, not a compression of
 * the whole page: for a large page that was most of the cost of a response.
 *
 * What is never kept or served from memory:
 * - requests with any cookie of ours other than the language (a session, a
 *   flash message, an email address waiting for a code): those pages are
 *   personal;
 * - answers that set a cookie, are not 200, say `no-store`/`private`/
 *   `no-cache`, or are larger than `maxEntryBytes`;
 * - anything but GET.
 *
 * Every request that may change data (any method but GET/HEAD/OPTIONS)
 * empties the memory when it finishes, and a page whose render overlapped
 * such a request is not kept. With `version` (the app passes
 * `databaseVersion()`, which changes with every commit to the database by
 * any process or connection), a kept page is only served while the version
 * is the one it was rendered at, and a page whose render saw the version
 * change is not kept: so a visitor never sees a page older than the last
 * change, also when another worker process of a cluster made it or a
 * background job did.
 */
export type PageCacheOptions = {
  ttlMs: number;
  maxEntries?: number;
  maxEntryBytes?: number;
  now?: () => number;
  /** The data's version: a kept page is served only while it is unchanged. Must be cheap (it runs per request). */
  version?: () => string | number;
};

type Entry = {
  expiresAt: number;
  /** `version()` when the render began. */
  version: string | number;
  status: number;
  headers: Array<[string, string | string[]]>;
  /** The body split where the nonce was; joined again with the new nonce. */
  parts: Buffer[];
  nonceLength: number;
  /** The parts compressed once (see deflatePieces), or null: compressed per response. */
  deflated: Buffer[] | null;
};

/** Cookies whose value changes what a page shows, other than the language. */
const PERSONAL_COOKIE = /(?:^|;\s*)vl_(?!lang=)[a-z_]+=/;
const LANGUAGE_COOKIE = /(?:^|;\s*)vl_lang=(nl|en)(?:;|$)/;
const NOT_KEPT_HEADERS = new Set(["content-length", "content-encoding", "transfer-encoding", "etag", "set-cookie", "date", "connection", "keep-alive"]);
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function createPageCache(options: PageCacheOptions) {
  const { ttlMs, maxEntries = 500, maxEntryBytes = 2 * 1024 * 1024, now = Date.now, version = () => 0 } = options;
  const entries = new Map<string, Entry>();
  let generation = 0;
  const stats = { hits: 0, misses: 0, stored: 0, cleared: 0 };

  function clear() {
    generation += 1;
    if (entries.size > 0) stats.cleared += 1;
    entries.clear();
  }

  function keyFor(req: Request): string | null {
    if (req.method !== "GET") return null;
    const cookie = req.headers.cookie ?? "";
    if (PERSONAL_COOKIE.test(cookie)) return null;
    const language = LANGUAGE_COOKIE.exec(cookie)?.[1] ?? "nl";
    return `${language} ${req.originalUrl}`;
  }

  function middleware(req: Request, res: Response, next: NextFunction) {
    if (ttlMs <= 0) return next();
    if (!SAFE_METHODS.has(req.method)) {
      res.once("finish", clear);
      res.once("close", clear);
      return next();
    }
    const key = keyFor(req);
    if (key === null) return next();
    const nonce = String(res.locals.nonce ?? "");

    const entry = entries.get(key);
    const current = version();
    if (entry && entry.expiresAt > now() && entry.version === current) {
      stats.hits += 1;
      res.status(entry.status);
      for (const [name, value] of entry.headers) res.setHeader(name, value);
      res.vary("Accept-Encoding");
      if (entry.deflated && Buffer.byteLength(nonce) === entry.nonceLength && req.acceptsEncodings("gzip") === "gzip") {
        // Already compressed: the compression middleware leaves it alone.
        const body = gzipped(entry, nonce);
        res.setHeader("Content-Encoding", "gzip");
        res.setHeader("Content-Length", body.length);
        res.end(body);
        return;
      }
      res.end(Buffer.concat(join(entry.parts, nonce)));
      return;
    }
    if (entry) entries.delete(key);
    stats.misses += 1;
    remember(key, nonce, res, current);
    next();
  }

  /** Collects the answer as it is written and keeps it when it may be kept. */
  function remember(key: string, nonce: string, res: Response, startedVersion: string | number) {
    const startedAt = generation;
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => Response;
    const collect = (chunk: unknown, encoding: unknown) => {
      if (tooLarge || chunk === undefined || chunk === null || typeof chunk === "function") return;
      const buffer =
        typeof chunk === "string"
          ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8")
          : Buffer.from(chunk as Uint8Array);
      size += buffer.length;
      if (size > maxEntryBytes) tooLarge = true;
      else chunks.push(buffer);
    };
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      collect(chunk, rest[0]);
      return write(chunk, ...rest);
    }) as Response["write"];
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      collect(chunk, rest[0]);
      if (!tooLarge && startedAt === generation && version() === startedVersion && mayKeep(res)) {
        const parts = split(Buffer.concat(chunks), nonce);
        keep(key, {
          expiresAt: now() + ttlMs,
          version: startedVersion,
          status: res.statusCode,
          headers: keptHeaders(res),
          parts,
          nonceLength: Buffer.byteLength(nonce),
          deflated: deflatePieces(parts, size, Buffer.byteLength(nonce)),
        });
      }
      return end(chunk, ...rest);
    }) as Response["end"];
  }

  function keep(key: string, entry: Entry) {
    entries.delete(key);
    entries.set(key, entry);
    stats.stored += 1;
    while (entries.size > maxEntries) {
      const oldest = entries.keys().next().value;
      if (oldest === undefined) break;
      entries.delete(oldest);
    }
  }

  return { middleware, clear, stats, size: () => entries.size };
}

/** Below this a page is sent as the compression middleware decides (it skips tiny bodies). */
const MIN_COMPRESSED_BYTES = 1024;
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
/** An empty final deflate block: ends the stream. */
const DEFLATE_END = Buffer.from([0x03, 0x00]);
/** Deflate looks back at most this far. */
const WINDOW = 32 * 1024;

/**
 * The pieces of a kept page (the body cut at each nonce) compressed once, so
 * that any nonce of the same length can go in between at send time (RFC 1951
 * and 1952):
 *
 * - each piece is raw deflate ending in a sync flush (byte-aligned, not
 *   final), compressed with everything before it as its dictionary, so it
 *   compresses as well as the page in one go;
 * - in that dictionary each nonce is a filler of 0xFF bytes. UTF-8 text never
 *   contains 0xFF, so no match the compressor finds can reach into a filler:
 *   whatever nonce the decoder has there later, every copy it makes is of
 *   bytes that are the same as when compressing;
 * - the nonce itself goes in as a stored (uncompressed) block.
 *
 * Returns null for a body that is not plain UTF-8 text (it would contain
 * 0xFF) or too small to be worth it; such a page is compressed per response.
 */
export function deflatePieces(parts: Buffer[], size: number, nonceLength: number): Buffer[] | null {
  if (size < MIN_COMPRESSED_BYTES || parts.some((part) => part.includes(0xff))) return null;
  const filler = Buffer.alloc(nonceLength, 0xff);
  let history = Buffer.alloc(0);
  return parts.map((part, i) => {
    const deflated = deflateRawSync(part, {
      level: 9,
      finishFlush: constants.Z_SYNC_FLUSH,
      ...(history.length > 0 ? { dictionary: history } : {}),
    });
    if (i < parts.length - 1) history = Buffer.concat([history, part, filler]).subarray(-WINDOW);
    return deflated;
  });
}

/** A stored deflate block (BTYPE 00) holding `bytes` (at most 65,535). */
function storedBlock(bytes: Buffer): Buffer {
  const header = Buffer.from([0x00, 0, 0, 0, 0]);
  header.writeUInt16LE(bytes.length, 1);
  header.writeUInt16LE(~bytes.length & 0xffff, 3);
  return Buffer.concat([header, bytes]);
}

/** The kept page as a gzip member with this response's nonce in it. */
export function gzipped(entry: { parts: Buffer[]; deflated: Buffer[] | null }, nonce: string): Buffer {
  const deflated = entry.deflated!;
  const nonceBytes = Buffer.from(nonce);
  const nonceBlock = storedBlock(nonceBytes);
  const out: Buffer[] = [GZIP_HEADER];
  let crc = 0;
  let length = 0;
  entry.parts.forEach((part, i) => {
    if (i > 0) {
      out.push(nonceBlock);
      crc = crc32(nonceBytes, crc);
      length += nonceBytes.length;
    }
    out.push(deflated[i]!);
    // (zlib's crc32 of nothing is 0, not the running value: skip empty parts.)
    if (part.length > 0) crc = crc32(part, crc);
    length += part.length;
  });
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(length >>> 0, 4);
  out.push(DEFLATE_END, trailer);
  return Buffer.concat(out);
}

function mayKeep(res: Response): boolean {
  if (res.statusCode !== 200) return false;
  if (res.getHeader("set-cookie") !== undefined) return false;
  const cacheControl = String(res.getHeader("cache-control") ?? "");
  if (/no-store|private|no-cache/.test(cacheControl)) return false;
  const type = String(res.getHeader("content-type") ?? "");
  // Pages, and the data of client-side navigations (React Router's turbo-stream).
  return type.startsWith("text/html") || type.startsWith("text/x-script");
}

function keptHeaders(res: Response): Entry["headers"] {
  const headers: Entry["headers"] = [];
  for (const [name, value] of Object.entries(res.getHeaders())) {
    if (value === undefined || NOT_KEPT_HEADERS.has(name)) continue;
    // Set by the security middleware for this response; the next one sets its own.
    if (name === "content-security-policy") continue;
    if (name === "vary" && String(value) === "Accept-Encoding") continue;
    headers.push([name, typeof value === "number" ? String(value) : value]);
  }
  return headers;
}

/** The body cut at each occurrence of the nonce (none when there is no nonce). */
function split(body: Buffer, nonce: string): Buffer[] {
  if (!nonce) return [body];
  const parts: Buffer[] = [];
  const needle = Buffer.from(nonce);
  let from = 0;
  for (let at = body.indexOf(needle, from); at !== -1; at = body.indexOf(needle, from)) {
    parts.push(body.subarray(from, at));
    from = at + needle.length;
  }
  parts.push(body.subarray(from));
  return parts;
}

function join(parts: Buffer[], nonce: string): Buffer[] {
  if (parts.length === 1) return parts;
  const needle = Buffer.from(nonce);
  const out: Buffer[] = [];
  parts.forEach((part, i) => {
    if (i > 0) out.push(needle);
    out.push(part);
  });
  return out;
}
