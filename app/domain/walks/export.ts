/** Protocol exports: GeoJSON (RFC 7946) and CSV. Pure. */

export interface ExportObservation {
  number: number;
  id: number;
  lat: number;
  lng: number;
  approximate: boolean;
  address: string | null;
  lampPost: string | null;
  categories: string[];
  positive: boolean;
  feeling: number;
  ratings: Record<string, number | null>;
  description: string | null;
  timeOfDay: string;
  raisedBy: string | null;
  addedAfterwards: boolean;
  proposedMeasure: string | null;
  responsibleParty: string | null;
  priority: string | null;
  followupStatus: string;
  partyReply: string | null;
  photoUrl: string | null;
  createdAt: string;
}

/** RFC 7946 §4: WGS84, longitude before latitude; at most 7 decimals (~1 cm) is plenty. */
const round = (v: number) => Math.round(v * 1e7) / 1e7;

export function toGeoJson(items: ExportObservation[], meta: { walkId: number; title: string }) {
  return {
    type: "FeatureCollection" as const,
    // Foreign members are allowed (RFC 7946 §6.1); readers ignore what they do not know.
    name: meta.title,
    features: items.map(({ id, lat, lng, ...rest }) => ({
      type: "Feature" as const,
      id,
      geometry: { type: "Point" as const, coordinates: [round(lng), round(lat)] as [number, number] },
      // Every exported field except the position, which is the geometry.
      properties: { walkId: meta.walkId, ...rest },
    })),
  };
}

/**
 * One CSV field: quoted when it holds a separator, quote or line break; text
 * that a spreadsheet would run as a formula (= + - @ tab CR) gets a leading
 * apostrophe (OWASP CSV injection).
 */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return "";
  let s = typeof value === "number" ? String(value) : String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",;\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: string[], rows: unknown[][]): string {
  // CRLF per RFC 4180; the BOM makes Excel read UTF-8 (å, ä, ö) correctly.
  return "\uFEFF" + [header, ...rows].map((r) => r.map(csvField).join(",")).join("\r\n") + "\r\n";
}

export const CSV_COLUMNS = [
  "number",
  "latitude",
  "longitude",
  "approximate",
  "address",
  "lampPost",
  "categories",
  "positive",
  "feeling",
  "lighting",
  "openness",
  "visibility",
  "people",
  "walkPath",
  "timeOfDay",
  "description",
  "raisedBy",
  "addedAfterwards",
  "proposedMeasure",
  "responsibleParty",
  "priority",
  "status",
  "partyReply",
  "photo",
] as const;

export function protocolCsv(
  items: ExportObservation[],
  header: readonly string[],
  labels: { yes: string; no: string; category: (c: string) => string; light: (l: string) => string },
): string {
  const yn = (b: boolean) => (b ? labels.yes : labels.no);
  return toCsv(
    [...header],
    items.map((o) => [
      o.number,
      o.lat,
      o.lng,
      yn(o.approximate),
      o.address,
      o.lampPost,
      o.categories.map(labels.category).join("; "),
      yn(o.positive),
      o.feeling,
      o.ratings.lighting,
      o.ratings.openness,
      o.ratings.visibility,
      o.ratings.people,
      o.ratings.walkPath,
      labels.light(o.timeOfDay),
      o.description,
      o.raisedBy,
      yn(o.addedAfterwards),
      o.proposedMeasure,
      o.responsibleParty,
      o.priority,
      o.followupStatus,
      o.partyReply,
      o.photoUrl,
    ]),
  );
}
