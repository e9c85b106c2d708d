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
 * Passes the HTML through and puts `script()` (made when the render is done,
 * so it knows every text used) just before the closing `</body>`. React writes
 * `</body></html>` last, possibly split over two chunks, so the last bytes of
 * each chunk wait for the next one.
 */
function withMessagesAtEnd(script: () => string, onEnd: () => void): Transform {
  const KEEP = 32;
  let held = Buffer.alloc(0);
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      const bytes = Buffer.concat([held, chunk]);
      held = bytes.subarray(Math.max(0, bytes.length - KEEP));
      callback(null, bytes.subarray(0, bytes.length - held.length));
    },
    flush(callback) {
      onEnd();
      const at = held.lastIndexOf("</body>");
      const extra = Buffer.from(script());
      callback(null, at === -1 ? Buffer.concat([held, extra]) : Buffer.concat([held.subarray(0, at), extra, held.subarray(at)]));
    },
  });
}
