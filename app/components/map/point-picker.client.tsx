/**
 * Leaflet point picker. Client-only (Leaflet needs `window`); loaded lazily by
 * PointPickerLazy. The coordinate inputs next to it are the accessible path;
 * this map is an optional convenience.
 */
import L from "leaflet";
import { useEffect } from "react";
import { MapContainer, Marker, TileLayer, useMap, useMapEvents } from "react-leaflet";

L.Icon.Default.mergeOptions({
  iconUrl: "/leaflet/marker-icon.png",
  iconRetinaUrl: "/leaflet/marker-icon-2x.png",
  shadowUrl: "/leaflet/marker-shadow.png",
});

export interface PointPickerProps {
  tileUrl: string;
  attribution: string;
  centre: { lat: number; lng: number };
  point: { lat: number; lng: number } | null;
  onPick: (lat: number, lng: number) => void;
  markerLabel: string;
}

function ClickHandler({ onPick }: { onPick: PointPickerProps["onPick"] }) {
  useMapEvents({
    click(e) {
      onPick(Number(e.latlng.lat.toFixed(6)), Number(e.latlng.lng.toFixed(6)));
    },
  });
  return null;
}

/** Map props apply only on first mount: follow later changes (typed coordinates, another district) by hand. */
function FollowView({ centre, point }: Pick<PointPickerProps, "centre" | "point">) {
  const map = useMap();
  const lat = point?.lat ?? centre.lat;
  const lng = point?.lng ?? centre.lng;
  useEffect(() => {
    map.panTo([lat, lng]);
  }, [map, lat, lng]);
  return null;
}

export default function PointPicker({ tileUrl, attribution, centre, point, onPick, markerLabel }: PointPickerProps) {
  return (
    <MapContainer center={point ?? centre} zoom={14} scrollWheelZoom={false} className="point-picker-map" keyboard>
      <TileLayer url={tileUrl} attribution={attribution} subdomains="abc" />
      <ClickHandler onPick={onPick} />
      <FollowView centre={centre} point={point} />
      {point ? <Marker position={point} alt={markerLabel} keyboard={false} /> : null}
    </MapContainer>
  );
}
