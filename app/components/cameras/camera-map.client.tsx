/**
 * Leaflet maps of the camera register. Client-only (Leaflet needs `window`), loaded lazily by
 * CameraMapsLazy. The list (public register) and the text fields (staff form) next to them are
 * the equal, accessible paths; markers are keyboard-focusable (Tab, then Enter opens the popup).
 */
import L from "leaflet";
import { useEffect } from "react";
import { MapContainer, Marker, Polygon, Polyline, Popup, TileLayer, useMap, useMapEvents } from "react-leaflet";

L.Icon.Default.mergeOptions({
  iconUrl: "/leaflet/marker-icon.png",
  iconRetinaUrl: "/leaflet/marker-icon-2x.png",
  shadowUrl: "/leaflet/marker-shadow.png",
});

type LatLng = [number, number];

export interface RegisterPoint {
  id: number;
  name: string;
  detail: string;
  lat: number;
  lng: number;
  /** Polygon corners as [lat, lng]. */
  area: LatLng[] | null;
  href: string;
  linkLabel: string;
}

export interface RegisterMapProps {
  tileUrl: string;
  attribution: string;
  centre: { lat: number; lng: number };
  points: RegisterPoint[];
  label: string;
}

export function RegisterMap({ tileUrl, attribution, centre, points, label }: RegisterMapProps) {
  return (
    <div role="region" aria-label={label}>
      <MapContainer center={centre} zoom={14} scrollWheelZoom={false} className="measure-map" keyboard>
        <TileLayer url={tileUrl} attribution={attribution} subdomains="abc" />
        {points.map((p) => (
          <span key={p.id}>
            {p.area ? <Polygon positions={p.area} pathOptions={{ color: "#1f4e8c", weight: 2, fillOpacity: 0.15 }} interactive={false} /> : null}
            <Marker position={[p.lat, p.lng]} alt={p.name} title={p.name} keyboard>
              <Popup>
                <strong>{p.name}</strong>
                <br />
                {p.detail}
                <br />
                <a href={p.href}>{p.linkLabel}</a>
              </Popup>
            </Marker>
          </span>
        ))}
      </MapContainer>
    </div>
  );
}

export interface EditorMapProps {
  tileUrl: string;
  attribution: string;
  centre: { lat: number; lng: number };
  point: { lat: number; lng: number } | null;
  corners: LatLng[];
  onClick: (lat: number, lng: number) => void;
  markerLabel: string;
}

function ClickHandler({ onClick }: { onClick: EditorMapProps["onClick"] }) {
  useMapEvents({
    click(e) {
      onClick(Number(e.latlng.lat.toFixed(6)), Number(e.latlng.lng.toFixed(6)));
    },
  });
  return null;
}

/** Map props apply only on first mount: follow typed coordinates and another district by hand. */
function FollowView({ centre, point }: Pick<EditorMapProps, "centre" | "point">) {
  const map = useMap();
  const lat = point?.lat ?? centre.lat;
  const lng = point?.lng ?? centre.lng;
  useEffect(() => {
    map.panTo([lat, lng]);
  }, [map, lat, lng]);
  return null;
}

export function EditorMap({ tileUrl, attribution, centre, point, corners, onClick, markerLabel }: EditorMapProps) {
  return (
    <MapContainer center={point ?? centre} zoom={16} scrollWheelZoom={false} className="point-picker-map" keyboard>
      <TileLayer url={tileUrl} attribution={attribution} subdomains="abc" />
      <ClickHandler onClick={onClick} />
      <FollowView centre={centre} point={point} />
      {point ? <Marker position={point} alt={markerLabel} keyboard={false} /> : null}
      {corners.length >= 3 ? (
        <Polygon positions={corners} pathOptions={{ color: "#1f4e8c", weight: 2 }} />
      ) : corners.length === 2 ? (
        <Polyline positions={corners} pathOptions={{ color: "#1f4e8c", weight: 2 }} />
      ) : null}
    </MapContainer>
  );
}

export default { RegisterMap, EditorMap };
