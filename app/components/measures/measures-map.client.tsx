/**
 * Leaflet map of measures. Client-only (Leaflet needs `window`); the table next
 * to it lists the same measures and is the accessible path.
 */
import L from "leaflet";
import { MapContainer, Marker, Popup, TileLayer } from "react-leaflet";

L.Icon.Default.mergeOptions({
  iconUrl: "/leaflet/marker-icon.png",
  iconRetinaUrl: "/leaflet/marker-icon-2x.png",
  shadowUrl: "/leaflet/marker-shadow.png",
});

export interface MapPoint {
  id: number;
  title: string;
  statusLabel: string;
  lat: number;
  lng: number;
  href: string;
}

export interface MeasuresMapProps {
  tileUrl: string;
  attribution: string;
  centre: { lat: number; lng: number };
  points: MapPoint[];
}

export default function MeasuresMap({ tileUrl, attribution, centre, points }: MeasuresMapProps) {
  return (
    <MapContainer center={centre} zoom={13} scrollWheelZoom={false} className="measure-map" keyboard>
      <TileLayer url={tileUrl} attribution={attribution} subdomains="abc" />
      {points.map((p) => (
        <Marker key={p.id} position={[p.lat, p.lng]} alt={`${p.title} (${p.statusLabel})`} title={p.title}>
          <Popup>
            <a href={p.href}>{p.title}</a>
            <br />
            {p.statusLabel}
          </Popup>
        </Marker>
      ))}
    </MapContainer>
  );
}
