/**
 * The walk map: plain Leaflet plus supercluster, client-only (loaded lazily by
 * WalkMapLazy). Only clusters and points inside the view are in the DOM, so
 * 50,000 observations stay fast and the page never holds more than
 * MAX_MARKERS marker elements. Every marker and cluster is a keyboard button
 * with an accessible name; the list next to the map is the equal path.
 */
import L from "leaflet";
import { useEffect, useRef } from "react";
import Supercluster from "supercluster";

export const MAX_MARKERS = 500;

export interface MapPoint {
  id: number;
  lat: number;
  lng: number;
  /** The accessible name; or computed on demand by `labelFor` (cheap for 50,000 points). */
  label?: string;
  positive: boolean;
  feeling: number;
}

export interface WalkMapProps {
  tileUrl: string;
  attribution: string;
  centre: { lat: number; lng: number };
  bbox?: { south: number; west: number; north: number; east: number };
  route: Array<[number, number]> | null;
  routeLabel: string;
  meeting: { lat: number; lng: number; label: string } | null;
  points: MapPoint[];
  picked: { lat: number; lng: number } | null;
  pickedLabel: string;
  onPick?: (lat: number, lng: number) => void;
  onTilesFailed?: () => void;
  onSelect?: (id: number) => void;
  focus?: { lat: number; lng: number; seq: number } | null;
  clusterLabel: (count: number) => string;
  labelFor?: (id: number) => string;
  zoom?: number;
}

type PointProps = { id: number; label?: string; positive: boolean; feeling: number };

function tone(feeling: number, positive: boolean) {
  if (positive) return "walk-pin-positive";
  return feeling <= 1 ? "walk-pin-unsafe" : "walk-pin-neutral";
}

function keyButton(el: HTMLElement | undefined, label: string, onActivate: () => void) {
  if (!el) return;
  el.setAttribute("aria-label", label);
  el.setAttribute("role", "button");
  el.tabIndex = 0;
  el.addEventListener("keydown", (ev) => {
    if (ev.key === "Enter" || ev.key === " ") {
      ev.preventDefault();
      onActivate();
    }
  });
}

export default function WalkMap(props: WalkMapProps) {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<L.Map | null>(null);
  const layerRef = useRef<L.LayerGroup | null>(null);
  const indexRef = useRef<Supercluster<PointProps> | null>(null);
  const propsRef = useRef(props);
  propsRef.current = props;
  const renderRef = useRef<() => void>(() => {});
  const firstRender = useRef(true);

  // Create the map once (map options apply only on first mount).
  useEffect(() => {
    if (!container.current) return;
    const p = propsRef.current;
    const map = L.map(container.current, { center: [p.centre.lat, p.centre.lng], zoom: p.zoom ?? 15, scrollWheelZoom: false, keyboard: true });
    mapRef.current = map;
    let tileErrors = 0;
    let tileLoads = 0;
    const tiles = L.tileLayer(p.tileUrl, { attribution: p.attribution, subdomains: "abc", maxZoom: 19 });
    tiles.on("tileerror", () => {
      tileErrors += 1;
      if (tileErrors === 3 && tileLoads === 0) propsRef.current.onTilesFailed?.();
    });
    tiles.on("tileload", () => {
      tileLoads += 1;
    });
    tiles.addTo(map);
    map.on("click", (e: L.LeafletMouseEvent) => propsRef.current.onPick?.(Number(e.latlng.lat.toFixed(6)), Number(e.latlng.lng.toFixed(6))));
    const layer = L.layerGroup().addTo(map);
    layerRef.current = layer;

    const markers = new Map<string, L.Marker>();
    renderRef.current = () => {
      const index = indexRef.current;
      if (!index) return;
      const b = map.getBounds();
      const zoom = Math.round(map.getZoom());
      const features = index.getClusters([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], zoom).slice(0, MAX_MARKERS);
      const seen = new Set<string>();
      for (const f of features) {
        const [lng, lat] = f.geometry.coordinates;
        const props = f.properties as PointProps | Supercluster.ClusterProperties;
        const isCluster = "cluster" in props && props.cluster;
        const key = isCluster ? `c${props.cluster_id}` : `p${(props as PointProps).id}`;
        seen.add(key);
        if (markers.has(key)) continue;
        let marker: L.Marker;
        if (isCluster) {
          const count = props.point_count;
          const label = propsRef.current.clusterLabel(count);
          const size = count < 100 ? 36 : count < 1000 ? 44 : 52;
          marker = L.marker([lat, lng], {
            icon: L.divIcon({ className: "walk-cluster", html: `<span aria-hidden="true">${props.point_count_abbreviated}</span>`, iconSize: [size, size] }),
            keyboard: false,
          });
          const zoomIn = () => map.setView([lat, lng], Math.min(index.getClusterExpansionZoom(props.cluster_id), 19));
          marker.on("click", zoomIn);
          marker.on("add", () => keyButton(marker.getElement(), label, zoomIn));
        } else {
          const pp = props as PointProps;
          marker = L.marker([lat, lng], {
            icon: L.divIcon({
              className: `walk-pin ${tone(pp.feeling, pp.positive)}`,
              html: `<span aria-hidden="true">${pp.positive ? "+" : pp.feeling}</span>`,
              iconSize: [28, 28],
            }),
            keyboard: false,
          });
          const select = () => propsRef.current.onSelect?.(pp.id);
          marker.on("click", select);
          marker.on("add", () => keyButton(marker.getElement(), pp.label ?? propsRef.current.labelFor?.(pp.id) ?? String(pp.id), select));
        }
        marker.addTo(layer);
        markers.set(key, marker);
      }
      for (const [key, marker] of markers) {
        if (!seen.has(key)) {
          layer.removeLayer(marker);
          markers.delete(key);
        }
      }
      // Marks the first render that shows data (for the map benchmark, bench/map.ts).
      if (firstRender.current && features.length > 0) {
        firstRender.current = false;
        performance.mark("walkmap:rendered");
      }
    };
    // After a refresh of the data every marker is rebuilt (cluster ids change).
    (renderRef.current as unknown as { reset: () => void }).reset = () => {
      layer.clearLayers();
      markers.clear();
    };
    map.on("moveend", () => renderRef.current());
    return () => {
      map.remove();
      mapRef.current = null;
    };
  }, []);

  // Route and meeting point.
  const routeKey = JSON.stringify(props.route) + JSON.stringify(props.meeting);
  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    const group = L.layerGroup().addTo(map);
    const p = propsRef.current;
    if (p.route && p.route.length > 1) {
      const line = L.polyline(
        p.route.map(([lng, lat]) => [lat, lng] as [number, number]),
        { color: "#0b5394", weight: 5, opacity: 0.85 },
      ).addTo(group);
      line.getElement()?.setAttribute("aria-label", p.routeLabel);
      line.getElement()?.setAttribute("role", "img");
    }
    if (p.meeting) {
      const m = L.marker([p.meeting.lat, p.meeting.lng], {
        icon: L.divIcon({ className: "walk-meeting", html: '<span aria-hidden="true">★</span>', iconSize: [30, 30] }),
        keyboard: false,
      }).addTo(group);
      m.on("add", () => undefined);
      const el = m.getElement();
      el?.setAttribute("role", "img");
      el?.setAttribute("aria-label", p.meeting.label);
    }
    return () => {
      group.remove();
    };
  }, [routeKey]);

  // Observation points: rebuild the cluster index when they change.
  useEffect(() => {
    const index = new Supercluster<PointProps>({ radius: 60, maxZoom: 17, minPoints: 3 });
    index.load(
      props.points.map((pt) => ({
        type: "Feature" as const,
        geometry: { type: "Point" as const, coordinates: [pt.lng, pt.lat] },
        properties: { id: pt.id, label: pt.label, positive: pt.positive, feeling: pt.feeling },
      })),
    );
    indexRef.current = index;
    (renderRef.current as unknown as { reset?: () => void }).reset?.();
    renderRef.current();
  }, [props.points]);

  // The resident's chosen point.
  const pickedLat = props.picked?.lat;
  const pickedLng = props.picked?.lng;
  useEffect(() => {
    const map = mapRef.current;
    if (!map || pickedLat === undefined || pickedLng === undefined) return;
    const m = L.marker([pickedLat, pickedLng], {
      icon: L.divIcon({ className: "walk-picked", html: '<span aria-hidden="true">●</span>', iconSize: [26, 26] }),
      keyboard: false,
    }).addTo(map);
    const el = m.getElement();
    el?.setAttribute("role", "img");
    el?.setAttribute("aria-label", propsRef.current.pickedLabel);
    map.panTo([pickedLat, pickedLng]);
    return () => {
      m.remove();
    };
  }, [pickedLat, pickedLng]);

  const focusSeq = props.focus?.seq;
  useEffect(() => {
    const f = propsRef.current.focus;
    if (f && mapRef.current) mapRef.current.setView([f.lat, f.lng], 18);
  }, [focusSeq]);

  return <div ref={container} className="walk-map" />;
}
