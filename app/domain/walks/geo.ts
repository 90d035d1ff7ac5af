/**
 * Geographic checks. Pure. Coordinates are WGS84 decimal degrees; routes are
 * stored as GeoJSON order [longitude, latitude].
 */

export interface BBox {
  south: number;
  west: number;
  north: number;
  east: number;
}

export interface Point {
  lat: number;
  lng: number;
}

/** How far outside a district's bounding box a point may lie (walks follow streets across borders). */
export const BBOX_MARGIN_METERS = 500;
export const MAX_ROUTE_POINTS = 500;

const METERS_PER_DEGREE_LAT = 111_320;

export function isValidLatLng(lat: unknown, lng: unknown): lat is number {
  return (
    typeof lat === "number" && typeof lng === "number" && Number.isFinite(lat) && Number.isFinite(lng) && lat >= -90 && lat <= 90 && lng >= -180 && lng <= 180
  );
}

/** The box grown by `marginMeters` on every side (longitude degrees shrink with latitude). */
export function expandBBox(b: BBox, marginMeters: number): BBox {
  const dLat = marginMeters / METERS_PER_DEGREE_LAT;
  const midLat = ((b.south + b.north) / 2) * (Math.PI / 180);
  const dLng = marginMeters / (METERS_PER_DEGREE_LAT * Math.max(Math.cos(midLat), 0.01));
  return { south: b.south - dLat, west: b.west - dLng, north: b.north + dLat, east: b.east + dLng };
}

export function inBBox(p: Point, b: BBox, marginMeters = BBOX_MARGIN_METERS): boolean {
  const e = expandBBox(b, marginMeters);
  return p.lat >= e.south && p.lat <= e.north && p.lng >= e.west && p.lng <= e.east;
}

/** Great-circle distance in metres (haversine). */
export function distanceMeters(a: Point, b: Point): number {
  const R = 6_371_000;
  const toRad = (d: number) => (d * Math.PI) / 180;
  const dLat = toRad(b.lat - a.lat);
  const dLng = toRad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(toRad(a.lat)) * Math.cos(toRad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * R * Math.asin(Math.sqrt(h));
}

export type RouteParse =
  | { ok: true; route: Array<[number, number]> | null }
  | { ok: false; error: "walks.errors.routeFormat" | "walks.errors.routeTooLong" | "walks.errors.routeOutside" };

/**
 * Parses a route typed or drawn as one "lat, lng" pair per line (the accessible
 * path next to the map). Returns GeoJSON-ordered [lng, lat] pairs, or null when empty.
 */
export function parseRouteText(text: string, bbox?: BBox): RouteParse {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (lines.length === 0) return { ok: true, route: null };
  if (lines.length > MAX_ROUTE_POINTS) return { ok: false, error: "walks.errors.routeTooLong" };
  const route: Array<[number, number]> = [];
  for (const line of lines) {
    const m = /^(-?\d{1,3}(?:\.\d{1,8})?)\s*[,;\s]\s*(-?\d{1,3}(?:\.\d{1,8})?)$/.exec(line);
    if (!m) return { ok: false, error: "walks.errors.routeFormat" };
    const lat = Number(m[1]);
    const lng = Number(m[2]);
    if (!isValidLatLng(lat, lng)) return { ok: false, error: "walks.errors.routeFormat" };
    if (bbox && !inBBox({ lat, lng }, bbox)) return { ok: false, error: "walks.errors.routeOutside" };
    route.push([lng, lat]);
  }
  if (route.length === 1) return { ok: false, error: "walks.errors.routeFormat" };
  return { ok: true, route };
}

/** The inverse of parseRouteText, for pre-filling the text field. */
export function routeToText(route: ReadonlyArray<readonly [number, number]> | null): string {
  return route ? route.map(([lng, lat]) => `${lat}, ${lng}`).join("\n") : "";
}
