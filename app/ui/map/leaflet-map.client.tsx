/**
 * Leaflet with the Dutch government's PDOK background map. Loaded only in the
 * browser, only on pages with a map (see ./map.tsx). The page never depends on
 * it: every place also has a text description and appears in a list.
 */
import L from "leaflet";
import "leaflet/dist/leaflet.css";
import iconUrl from "leaflet/dist/images/marker-icon.png";
import iconRetinaUrl from "leaflet/dist/images/marker-icon-2x.png";
import shadowUrl from "leaflet/dist/images/marker-shadow.png";
import { useEffect, useRef, useState } from "react";

const TILES = "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png";
/** Groningen city centre. */
export const DEFAULT_CENTER: [number, number] = [53.2194, 6.5665];

const icon = L.icon({
  iconUrl,
  iconRetinaUrl,
  shadowUrl,
  iconSize: [25, 41],
  iconAnchor: [12, 41],
  popupAnchor: [1, -34],
  shadowSize: [41, 41],
});

export type MapPoint = { id: number; lat: number; lng: number; title: string; href: string; status?: string };

type Labels = { map: string; attribution: string; tilesFailed: string };

function useLeaflet(container: React.RefObject<HTMLDivElement | null>, labels: Labels, center: [number, number], zoom: number) {
  const [map, setMap] = useState<L.Map | null>(null);
  const [tilesFailed, setTilesFailed] = useState(false);
  useEffect(() => {
    if (!container.current) return;
    const instance = L.map(container.current, { center, zoom, keyboard: true, scrollWheelZoom: false });
    let failures = 0;
    L.tileLayer(TILES, { minZoom: 6, maxZoom: 19, attribution: labels.attribution })
      .on("tileerror", () => {
        failures += 1;
        if (failures === 3) setTilesFailed(true);
      })
      .addTo(instance);
    instance.attributionControl.setPrefix(false);
    container.current.setAttribute("aria-label", labels.map);
    setMap(instance);
    return () => {
      instance.remove();
    };
    // The map is made once per mount.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return { map, tilesFailed };
}

/** Markers for a list of places, each linking to its page. */
export default function PointsMap({ points, labels }: { points: MapPoint[]; labels: Labels }) {
  const container = useRef<HTMLDivElement>(null);
  const { map, tilesFailed } = useLeaflet(container, labels, DEFAULT_CENTER, 13);
  useEffect(() => {
    if (!map) return;
    const layer = L.layerGroup().addTo(map);
    for (const point of points) {
      const link = document.createElement("a");
      link.href = point.href;
      link.textContent = point.title;
      const marker = L.marker([point.lat, point.lng], { icon, title: point.title, alt: point.title });
      marker.bindPopup(link);
      marker.addTo(layer);
    }
    if (points.length > 0) map.fitBounds(L.latLngBounds(points.map((p) => [p.lat, p.lng] as [number, number])), { padding: [30, 30], maxZoom: 16 });
    return () => {
      layer.remove();
    };
  }, [map, points]);
  return (
    <div className="vl-map-wrap">
      <div ref={container} className="vl-map" role="region" tabIndex={0} />
      {tilesFailed ? <p className="vl-muted">{labels.tilesFailed}</p> : null}
    </div>
  );
}

/** A map to place (or remove) one pin; reports the point to its parent. */
export function PickerMap({
  value,
  onChange,
  labels,
}: {
  value: { lat: number; lng: number } | null;
  onChange: (point: { lat: number; lng: number } | null) => void;
  labels: Labels & { pinCenter: string; pinRemove: string };
}) {
  const container = useRef<HTMLDivElement>(null);
  const { map, tilesFailed } = useLeaflet(container, labels, value ? [value.lat, value.lng] : DEFAULT_CENTER, value ? 16 : 13);
  const marker = useRef<L.Marker | null>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  useEffect(() => {
    if (!map) return;
    const handler = (event: L.LeafletMouseEvent) => onChangeRef.current(round(event.latlng));
    map.on("click", handler);
    return () => {
      map.off("click", handler);
    };
  }, [map]);

  useEffect(() => {
    if (!map) return;
    marker.current?.remove();
    marker.current = value ? L.marker([value.lat, value.lng], { icon, keyboard: false }).addTo(map) : null;
  }, [map, value]);

  return (
    <div className="vl-map-wrap">
      <div ref={container} className="vl-map" role="region" tabIndex={0} />
      {tilesFailed ? <p className="vl-muted">{labels.tilesFailed}</p> : null}
      <div className="vl-button-group vl-map-actions">
        <button type="button" className="utrecht-button utrecht-button--secondary-action" onClick={() => map && onChange(round(map.getCenter()))}>
          {labels.pinCenter}
        </button>
        {value ? (
          <button type="button" className="utrecht-button utrecht-button--subtle" onClick={() => onChange(null)}>
            {labels.pinRemove}
          </button>
        ) : null}
      </div>
    </div>
  );
}

function round(latlng: L.LatLng) {
  return { lat: Math.round(latlng.lat * 1e6) / 1e6, lng: Math.round(latlng.lng * 1e6) / 1e6 };
}
