/**
 * The public camera register of a district: running cameras (active or paused) whose location
 * may be public, with what the law and the guidelines say residents should be able to learn:
 * purpose, owner, legal basis, retention, contact, the sign's easy-to-read text and the public
 * summary of the latest yearly review. Never the footage log, the balancing's internal notes
 * or who decided.
 */
import type { DB } from "../../../db/connection";
import type { PolygonGeometry } from "~/domain/cameras/cameras.schema";
import { listCameras } from "~/domain/cameras/cameras.server";
import { latestPublicReviews } from "~/domain/cameras/reviews.server";
import type { CameraState } from "~/domain/cameras/state";
import { toCsv } from "~/domain/measures/csv";

export interface PublicCamera {
  id: number;
  name: string;
  state: CameraState;
  address: string | null;
  lat: number;
  lng: number;
  area: PolygonGeometry | null;
  owner: string | null;
  purpose: string | null;
  legalBasis: { kind: "balancing"; date: string | null } | { kind: "imy_permit"; ref: string; date: string | null };
  mode: "live" | "recorded" | "both";
  recordingHours: string | null;
  retentionDays: number | null;
  contact: string | null;
  signText: string | null;
  signTextEasy: string | null;
  signLanguages: string | null;
  latestReview: { reviewedOn: string; decision: "continue" | "adjust" | "remove"; summary: string | null } | null;
}

export async function publicRegister(db: DB, districtId: number, now: Date = new Date()): Promise<PublicCamera[]> {
  const cameras = await listCameras(db, { districtId, publicOnly: true }, now);
  const reviews = await latestPublicReviews(
    db,
    cameras.map((c) => c.id),
  );
  return cameras.map((c) => ({
    id: c.id,
    name: c.name,
    state: c.state,
    address: c.address,
    lat: c.lat,
    lng: c.lng,
    area: c.area,
    owner: c.ownerName,
    purpose: c.purpose,
    // The district's own balancing comes first; an older IMY permit serves when there is none.
    legalBasis:
      c.balancing.date || !c.imyPermit.ref
        ? { kind: "balancing", date: c.balancing.date }
        : { kind: "imy_permit", ref: c.imyPermit.ref, date: c.imyPermit.date },
    mode: c.mode,
    recordingHours: c.recordingHours,
    retentionDays: c.retentionDays,
    contact: c.sign.contact,
    signText: c.sign.text,
    signTextEasy: c.sign.textEasy,
    signLanguages: c.sign.languages,
    latestReview: reviews[c.id] ?? null,
  }));
}

/** Labels the export needs in the reader's language (the route passes them from i18n). */
export interface ExportLabels {
  legalBasis: (c: PublicCamera) => string;
  mode: (c: PublicCamera) => string;
  state: (c: PublicCamera) => string;
  decision: (c: PublicCamera) => string;
}

function properties(c: PublicCamera, l: ExportLabels) {
  return {
    id: c.id,
    name: c.name,
    state: l.state(c),
    address: c.address,
    owner: c.owner,
    purpose: c.purpose,
    legal_basis: l.legalBasis(c),
    mode: l.mode(c),
    recording_hours: c.recordingHours,
    retention_days: c.retentionDays,
    contact: c.contact,
    sign_text: c.signText,
    sign_text_easy: c.signTextEasy,
    sign_languages: c.signLanguages,
    latest_review_date: c.latestReview?.reviewedOn ?? null,
    latest_review_decision: c.latestReview ? l.decision(c) : null,
    latest_review_summary: c.latestReview?.summary ?? null,
  };
}

/** GeoJSON FeatureCollection: each camera a Point, and its covered area as a second (Polygon) feature. */
export function registerGeoJson(cameras: PublicCamera[], l: ExportLabels) {
  return {
    type: "FeatureCollection" as const,
    features: cameras.flatMap((c) => [
      {
        type: "Feature" as const,
        id: c.id,
        geometry: { type: "Point" as const, coordinates: [c.lng, c.lat] },
        properties: { ...properties(c, l), kind: "camera" },
      },
      ...(c.area
        ? [{ type: "Feature" as const, id: `${c.id}-area`, geometry: c.area, properties: { camera_id: c.id, name: c.name, kind: "covered_area" } }]
        : []),
    ]),
  };
}

export function registerCsv(cameras: PublicCamera[], l: ExportLabels): string {
  const header = [
    "id",
    "name",
    "state",
    "address",
    "lat",
    "lng",
    "owner",
    "purpose",
    "legal_basis",
    "mode",
    "recording_hours",
    "retention_days",
    "contact",
    "sign_text",
    "sign_text_easy",
    "sign_languages",
    "latest_review_date",
    "latest_review_decision",
    "latest_review_summary",
  ];
  return toCsv(
    header,
    cameras.map((c) => {
      const p = properties(c, l);
      return [
        p.id,
        p.name,
        p.state,
        p.address,
        c.lat,
        c.lng,
        p.owner,
        p.purpose,
        p.legal_basis,
        p.mode,
        p.recording_hours,
        p.retention_days,
        p.contact,
        p.sign_text,
        p.sign_text_easy,
        p.sign_languages,
        p.latest_review_date,
        p.latest_review_decision,
        p.latest_review_summary,
      ];
    }),
  );
}
