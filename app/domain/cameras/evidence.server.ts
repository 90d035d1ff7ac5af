/**
 * What the yearly review can lean on from Tryggve's own data, near the camera: published walk
 * pins within EVIDENCE_RADIUS_METERS before and after the camera started (how many, and how safe
 * the place felt on the 0-3 scale), the measures there, and the district's reported crime and
 * perceived insecurity from the safety picture (imported indicators, with their source).
 */
import type { DB } from "../../../db/connection";
import { districtIndicator, type SeriesPoint } from "~/domain/indicators/indicators.server";
import { safetyPollSeries } from "~/domain/polls/polls.server";
import { distanceMeters, expandBBox } from "~/domain/walks/geo";

export const EVIDENCE_RADIUS_METERS = 150;

export interface PinFigures {
  count: number;
  /** Average feeling rating (0 = very unsafe … 3 = safe), one decimal; null without pins. */
  averageFeeling: number | null;
}

export interface ReviewEvidence {
  radius: number;
  before: PinFigures;
  after: PinFigures;
  measures: Array<{ id: number; title: string; status: string }>;
  /** The district's latest indicator values (at most SERIES_LIMIT per indicator), oldest first. */
  districtSeries: Array<SeriesPoint & { indicator: "reported_crime" | "perceived_unsafe" }>;
  /** The standard safety question in the district's dialogues (closed polls, latest SERIES_LIMIT): not a representative survey. */
  polls: Array<{ title: string; date: string; total: number; unsafePercent: number | null }>;
}

export const SERIES_LIMIT = 8;

function figures(feelings: number[]): PinFigures {
  if (feelings.length === 0) return { count: 0, averageFeeling: null };
  return { count: feelings.length, averageFeeling: Math.round((feelings.reduce((a, b) => a + b, 0) / feelings.length) * 10) / 10 };
}

export async function reviewEvidence(db: DB, camera: { districtId: number; lat: number; lng: number; activatedAt: string | null }): Promise<ReviewEvidence> {
  const box = expandBBox({ south: camera.lat, north: camera.lat, west: camera.lng, east: camera.lng }, EVIDENCE_RADIUS_METERS);
  const near = (p: { lat: number | null; lng: number | null }) =>
    p.lat !== null && p.lng !== null && distanceMeters({ lat: camera.lat, lng: camera.lng }, { lat: p.lat, lng: p.lng }) <= EVIDENCE_RADIUS_METERS;
  const pins = (
    await db
      .selectFrom("walk_observations")
      .select(["lat", "lng", "feeling", "created_at"])
      .where("district_id", "=", camera.districtId)
      .where("status", "=", "published")
      .where("lat", ">=", box.south)
      .where("lat", "<=", box.north)
      .where("lng", ">=", box.west)
      .where("lng", "<=", box.east)
      .execute()
  ).filter(near);
  const started = camera.activatedAt;
  const measures = (
    await db
      .selectFrom("measures")
      .select(["id", "title", "status", "location_lat as lat", "location_lng as lng"])
      .where("district_id", "=", camera.districtId)
      .where("location_lat", "is not", null)
      .orderBy("id")
      .execute()
  ).filter(near);
  const [crime, perceived, polls] = await Promise.all([
    districtIndicator(db, camera.districtId, "reported_crime"),
    districtIndicator(db, camera.districtId, "perceived_unsafe"),
    safetyPollSeries(db, camera.districtId),
  ]);
  return {
    polls: polls.slice(-SERIES_LIMIT).map((p) => ({ title: p.title, date: p.date.slice(0, 10), total: p.total, unsafePercent: p.unsafePercent })),
    districtSeries: [
      ...crime.slice(-SERIES_LIMIT).map((p) => ({ ...p, indicator: "reported_crime" as const })),
      ...perceived.slice(-SERIES_LIMIT).map((p) => ({ ...p, indicator: "perceived_unsafe" as const })),
    ],
    radius: EVIDENCE_RADIUS_METERS,
    before: figures(pins.filter((p) => !started || p.created_at < started).map((p) => p.feeling)),
    after: figures(started ? pins.filter((p) => p.created_at >= started).map((p) => p.feeling) : []),
    measures: measures.map((m) => ({ id: m.id, title: m.title, status: m.status })),
  };
}
