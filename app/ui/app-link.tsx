/**
 * Links to our own pages, without React Router's `<Link>` on the server.
 *
 * `<Link>` resolves its path, sets up prefetching and builds a click handler
 * with half a dozen hooks for every link, on every render. A page like the
 * officials' queue has about forty links, and that was a tenth of its server
 * time (docs/performance.md). Nearly all our links go to an absolute path
 * such as `/knelpunten/12`, which needs none of that: the server writes a
 * plain `<a href>`. In the browser a click on it is still a client-side
 * navigation: one `navigate` function for the whole page comes from
 * `AppNavigation` (in the root layout), and each link only reads it.
 *
 * Without JavaScript, or before the page is hydrated, it is an ordinary link.
 * Links with anything `<Link>` handles specially (a relative path,
 * `reloadDocument`, `state`, …) still get `<Link>`: see `isPlainPath`.
 */
import { createContext, useContext, useEffect, useRef, type ComponentProps, type MouseEvent, type ReactNode } from "react";
import { useLocation, useNavigate, type NavigateFunction } from "react-router";

const NavigateContext = createContext<NavigateFunction | null>(null);

/**
 * Gives the links below it one `navigate` function (one set of router hooks
 * per page), and after each client-side navigation moves the focus to where
 * a full page load would start a screen reader: the `#target` of the address
 * if there is one (a heading, a new measure), else the page's
 * `<main id="main">`. Otherwise the focus stays on the link or button that
 * was used (or on nothing, when it is gone), often far from what changed,
 * and the new content is not announced. Left alone when the new page moved
 * the focus itself (an error summary, the reactions heading).
 */
export function AppNavigation({ children }: { children: ReactNode }) {
  const navigate = useNavigate();
  const location = useLocation();
  const firstKey = useRef(location.key);
  /** What had the focus when the last click or form submission started (a navigation, perhaps). */
  const focusedBefore = useRef<Element | null>(null);
  useEffect(() => {
    const note = () => {
      focusedBefore.current = document.activeElement;
    };
    document.addEventListener("click", note, true);
    document.addEventListener("submit", note, true);
    return () => {
      document.removeEventListener("click", note, true);
      document.removeEventListener("submit", note, true);
    };
  }, []);
  useEffect(() => {
    if (location.key === firstKey.current) return;
    const before = focusedBefore.current;
    focusedBefore.current = null;
    const main = document.getElementById("main");
    const active = document.activeElement;
    // Moved by the new page: away from what had it (or, without a click or submission, into the content).
    const moved = active && active !== document.body && (before ? active !== before : main?.contains(active));
    if (moved) return;
    const target = location.hash ? document.getElementById(hashTarget(location.hash)) : null;
    const destination = target ?? main;
    if (!destination) return;
    // Reachable by script only, as main is: not an extra stop for Tab, and only until it loses the focus.
    if (!destination.matches(FOCUSABLE)) {
      destination.setAttribute("tabindex", "-1");
      if (destination !== main) destination.addEventListener("blur", () => destination.removeAttribute("tabindex"), { once: true });
    }
    destination.focus({ preventScroll: true });
  }, [location.key, location.hash]);
  return <NavigateContext value={navigate}>{children}</NavigateContext>;
}

/** The id in an address's `#…` ("#maatregel-12" → "maatregel-12"); as it is when it does not decode. */
export function hashTarget(hash: string): string {
  const raw = hash.replace(/^#/, "");
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

const FOCUSABLE = "a[href], button, input, select, textarea, summary, [tabindex]";

/** An absolute path on this site ("/…", not "//host"): the only kind `AppLink` takes. */
export function isPlainPath(to: unknown): to is string {
  return typeof to === "string" && to.startsWith("/") && !to.startsWith("//");
}

/**
 * What React Router's `<Link>` does with a click, for a link to an absolute
 * path: only a plain left click without a modifier key on a link that opens
 * in the same window becomes a client-side navigation. A link to the page
 * the browser is on replaces that history entry instead of adding one.
 */
export function followInApp(event: MouseEvent<HTMLAnchorElement>, to: string, navigate: NavigateFunction | null) {
  if (!navigate || event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.altKey || event.ctrlKey || event.shiftKey) return;
  const target = event.currentTarget.getAttribute("target");
  if ((target && target !== "_self") || event.currentTarget.hasAttribute("download")) return;
  event.preventDefault();
  const here = window.location.pathname + window.location.search + window.location.hash;
  void navigate(to, { replace: here === to });
}

/**
 * A link to one of our pages (`to` must be an absolute path). `data-discover`
 * lets React Router learn the route of the link before it is followed, as it
 * does for its own links.
 */
export function AppLink({ to, onClick, ...props }: Omit<ComponentProps<"a">, "href"> & { to: string }) {
  const navigate = useContext(NavigateContext);
  return (
    <a
      {...props}
      href={to}
      data-discover="true"
      onClick={(event) => {
        onClick?.(event);
        followInApp(event, to, navigate);
      }}
    />
  );
}

/** Whether a header link is the current page, as React Router's `<NavLink>` decides it. */
export function isCurrentPath(pathname: string, to: string, end = false) {
  const here = pathname.toLowerCase();
  const path = to.toLowerCase();
  if (here === path) return true;
  if (end) return false;
  const base = path.endsWith("/") ? path : `${path}/`;
  return here.startsWith(base);
}
