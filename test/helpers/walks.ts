import type { DB } from "../../db/connection";
import type { WalkStatus } from "../../db/schema-walks";
import { makeDistrict } from "./factories";

/** A walk in the factory district (bbox 59.25–59.35 N, 17.95–18.05 E). */
export async function makeWalk(db: DB, status: WalkStatus = "ongoing", overrides: { endsAt?: string } = {}) {
  const district = await makeDistrict(db);
  const now = new Date();
  return db
    .insertInto("walks")
    .values({
      district_id: district.id,
      title: "Kvällsvandring i testområdet",
      meeting_point: "Torget",
      meeting_lat: 59.3,
      meeting_lng: 18.0,
      route: JSON.stringify([
        [18.0, 59.3],
        [18.01, 59.301],
      ]),
      starts_at: new Date(now.getTime() - 3600_000).toISOString(),
      ends_at: overrides.endsAt ?? new Date(now.getTime() + 3600_000).toISOString(),
      expected_light: "dusk",
      status,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export const observation = (walkId: number, key: string, extra: Record<string, unknown> = {}) => ({
  walkId,
  idempotencyKey: key,
  lat: 59.3,
  lng: 18.0,
  categories: ["lighting"],
  feeling: 1,
  timeOfDay: "dusk",
  description: "Trasig lampa vid gångvägen",
  ...extra,
});
