/**
 * Map components that are safe to render on the server: they show a text
 * fallback until the browser has loaded Leaflet (lazily, only here).
 */
import { lazy, Suspense, useState } from "react";
import { useT } from "~/i18n";
import type { MapPoint } from "./leaflet-map.client";
import { useHydrated } from "~/ui/use-hydrated";

export type { MapPoint };

const LazyPointsMap = lazy(() => import("./leaflet-map.client"));
const LazyPickerMap = lazy(() => import("./leaflet-map.client").then((m) => ({ default: m.PickerMap })));

export function PointsMap({ points }: { points: MapPoint[] }) {
  const t = useT();
  const hydrated = useHydrated();
  const labels = { map: t("map.pointsLabel"), attribution: t("map.attribution"), tilesFailed: t("map.tilesFailed") };
  if (!hydrated) return <p className="vl-map-fallback">{t("map.noJs")}</p>;
  return (
    <Suspense fallback={<p className="vl-map-fallback">{t("map.loading")}</p>}>
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
  if (!hydrated) return null;
  const labels = {
    map: t("map.pickerLabel"),
    attribution: t("map.attribution"),
    tilesFailed: t("map.tilesFailedPicker"),
    pinCenter: t("map.pinCenter"),
    pinRemove: t("map.pinRemove"),
  };
  return (
    <fieldset className="utrecht-form-fieldset vl-fieldset">
      <legend className="utrecht-form-label">{t("map.pickerLabel")}</legend>
      <p className="utrecht-form-field-description">{t("map.pickerHelp")}</p>
      <input type="hidden" name="lat" value={point ? String(point.lat) : ""} />
      <input type="hidden" name="lng" value={point ? String(point.lng) : ""} />
      <Suspense fallback={<p className="vl-map-fallback">{t("map.loading")}</p>}>
        <LazyPickerMap value={point} onChange={setPoint} labels={labels} />
      </Suspense>
      <p role="status" className="vl-muted">
        {point ? t("map.pinSet") : t("map.pinNone")}
      </p>
    </fieldset>
  );
}
