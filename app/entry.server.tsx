import { Transform } from "node:stream";
import { createReadableStreamFromReadable } from "@react-router/node";
import { isbot } from "isbot";
import type { RenderToPipeableStreamOptions } from "react-dom/server";
import { renderToPipeableStream } from "react-dom/server";
import { ServerRouter, type EntryContext, type RouterContextProvider } from "react-router";
import { NonceContext, requestInfoContext } from "./context";
import { messagesScript, recordMessages, type UsedMessages } from "./i18n/catalogs";
import { getLocale } from "./i18n/locale.server";

export const streamTimeout = 5_000;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  routerContext: EntryContext,
  loadContext: RouterContextProvider,
) {
  if (request.method.toUpperCase() === "HEAD") {
    return new Response(null, { status: responseStatusCode, headers: responseHeaders });
  }
  const { nonce } = loadContext.get(requestInfoContext);

  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const userAgent = request.headers.get("user-agent");
    const readyOption: keyof RenderToPipeableStreamOptions =
      (userAgent && isbot(userAgent)) || routerContext.isSpaMode ? "onAllReady" : "onShellReady";
    let timeoutId: ReturnType<typeof setTimeout> | undefined = setTimeout(() => abort(), streamTimeout + 1000);

    // The texts this page looks up while it renders go to the browser with it
    // (see app/i18n/catalogs.ts), so the browser needs no catalog to hydrate.
    const used: UsedMessages = new Map();
    const { pipe, abort } = recordMessages(used, () =>
      renderToPipeableStream(
        <NonceContext.Provider value={nonce}>
          <ServerRouter context={routerContext} url={request.url} nonce={nonce} />
        </NonceContext.Provider>,
        {
          nonce,
          [readyOption]() {
            shellRendered = true;
            const body = withMessagesAtEnd(() => messagesScript(getLocale(request), used), () => {
              clearTimeout(timeoutId);
              timeoutId = undefined;
            });
            const stream = createReadableStreamFromReadable(body);
            responseHeaders.set("Content-Type", "text/html; charset=utf-8");
            pipe(body);
            resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
          },
          onShellError(error: unknown) {
            reject(error);
          },
          onError(error: unknown) {
            responseStatusCode = 500;
            if (shellRendered) console.error(error);
          },
        },
      ),
    );
  });
}

/**
 * Collects the HTML and sends it as one piece, with `script()` (made when the
 * render is done, so it knows every text used) just before the closing
 * `</body>`.
 *
 * One piece, not React's pieces of about 2 kB: each piece goes through a web
 * stream, Express and the compressor on its own, which cost more server time
 * than the render of a small page (docs/performance.md). Our pages have no
 * data that arrives after the first paint, so waiting for the end of the
 * render delays the first byte by nothing that matters.
 */
function withMessagesAtEnd(script: () => string, onEnd: () => void): Transform {
  const chunks: Buffer[] = [];
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
    flush(callback) {
      onEnd();
      const html = Buffer.concat(chunks);
      const at = html.lastIndexOf("</body>");
      const extra = Buffer.from(script());
      callback(null, at === -1 ? Buffer.concat([html, extra]) : Buffer.concat([html.subarray(0, at), extra, html.subarray(at)]));
    },
  });
}
