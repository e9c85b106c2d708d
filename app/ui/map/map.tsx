/**
 * Map components that are safe to render on the server: they show a text
 * fallback until the browser has loaded Leaflet (lazily, only here). A map of
 * places loads Leaflet (about 50 kB compressed) only when it comes near the
 * screen, so a visitor who does not scroll to it does not download it (see
 * test/e2e/js-budget.spec.ts).
 *
 * Every text is looked up before the first return, also on the server, so
 * the page brings the texts its map shows once JavaScript runs (see
 * app/i18n/catalogs.client.ts).
 */
import { lazy, Suspense, useCallback, useState } from "react";
import { useT } from "~/i18n";
import type { MapPoint } from "./leaflet-map.client";
import { useHydrated } from "~/ui/use-hydrated";

export type { MapPoint };

const LazyPointsMap = lazy(() => import("./leaflet-map.client"));
const LazyPickerMap = lazy(() => import("./leaflet-map.client").then((m) => ({ default: m.PickerMap })));

/** How far below (or above) the screen a map starts to load. */
const NEAR_SCREEN = "0px 0px 25% 0px";

/** A ref for an element and whether it has come near the screen (once true, stays true). */
function useNearScreen(): [boolean, (element: HTMLElement | null) => (() => void) | undefined] {
  const [near, setNear] = useState(false);
  const ref = useCallback(
    (element: HTMLElement | null) => {
      if (!element || near) return undefined;
      if (typeof IntersectionObserver === "undefined") {
        setNear(true);
        return undefined;
      }
      const observer = new IntersectionObserver(
        (entries) => {
          if (entries.some((entry) => entry.isIntersecting)) {
            observer.disconnect();
            setNear(true);
          }
        },
        { rootMargin: NEAR_SCREEN },
      );
      observer.observe(element);
      return () => observer.disconnect();
    },
    [near],
  );
  return [near, ref];
}

export function PointsMap({ points }: { points: MapPoint[] }) {
  const t = useT();
  const hydrated = useHydrated();
  const [near, nearRef] = useNearScreen();
  const labels = { map: t("map.pointsLabel"), attribution: t("map.attribution"), tilesFailed: t("map.tilesFailed") };
  const loading = t("map.loading");
  if (!hydrated) return <p className="vl-map-fallback">{t("map.noJs")}</p>;
  if (!near) {
    return (
      <p ref={nearRef} className="vl-map-fallback">
        {loading}
      </p>
    );
  }
  return (
    <Suspense fallback={<p className="vl-map-fallback">{loading}</p>}>
      <LazyPointsMap points={points} labels={labels} />
    </Suspense>
  );
}

/**
 * An optional pin for a form: with JavaScript, a map and hidden `lat`/`lng`
 * fields; without it, nothing (the location text is always required).
 */
export function LocationPicker({ defaultValue }: { defaultValue: { lat: number; lng: number } | null }) {
  const t = useT();
  const hydrated = useHydrated();
  const [point, setPoint] = useState(defaultValue);
  const labels = {
    map: t("map.pickerLabel"),
    attribution: t("map.attribution"),
    tilesFailed: t("map.tilesFailedPicker"),
    pinCenter: t("map.pinCenter"),
    pinRemove: t("map.pinRemove"),
  };
  const texts = { help: t("map.pickerHelp"), loading: t("map.loading"), pinSet: t("map.pinSet"), pinNone: t("map.pinNone") };
  if (!hydrated) return null;
  return (
    <fieldset className="utrecht-form-fieldset vl-fieldset">
      <legend className="utrecht-form-label">{labels.map}</legend>
      <p className="utrecht-form-field-description">{texts.help}</p>
      <input type="hidden" name="lat" value={point ? String(point.lat) : ""} />
      <input type="hidden" name="lng" value={point ? String(point.lng) : ""} />
      <Suspense fallback={<p className="vl-map-fallback">{texts.loading}</p>}>
        <LazyPickerMap value={point} onChange={setPoint} labels={labels} />
      </Suspense>
      <p role="status" className="vl-muted">
        {point ? texts.pinSet : texts.pinNone}
      </p>
    </fieldset>
  );
}
