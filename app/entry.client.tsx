/**
 * React Router's default browser entry, plus the texts: the page brings the
 * texts it uses at the end of its body (see app/i18n/catalogs.client.ts), so
 * hydration waits until the document has been read, and the rest of the
 * catalog is fetched as soon as the visitor starts to interact.
 */
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { HydratedRouter } from "react-router/dom";
import { loadAllMessages } from "./i18n";

function hydrate() {
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <HydratedRouter />
      </StrictMode>,
    );
  });
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", hydrate, { once: true });
} else {
  hydrate();
}

const FIRST_USE = ["pointerdown", "keydown", "touchstart", "focusin"] as const;
function onFirstUse() {
  for (const type of FIRST_USE) window.removeEventListener(type, onFirstUse, true);
  void loadAllMessages();
}
for (const type of FIRST_USE) window.addEventListener(type, onFirstUse, { capture: true, passive: true });
