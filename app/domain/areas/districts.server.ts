import type { DB } from "../../../db/connection";

export interface District {
  id: number;
  slug: string;
  name: string;
  centre: { lat: number; lng: number };
  bbox: { south: number; west: number; north: number; east: number };
}

type Row = {
  id: number;
  slug: string;
  name: string;
  centre_lat: number;
  centre_lng: number;
  bbox_south: number;
  bbox_west: number;
  bbox_north: number;
  bbox_east: number;
};

function toDistrict(r: Row): District {
  return {
    id: r.id,
    slug: r.slug,
    name: r.name,
    centre: { lat: r.centre_lat, lng: r.centre_lng },
    bbox: { south: r.bbox_south, west: r.bbox_west, north: r.bbox_north, east: r.bbox_east },
  };
}

const COLUMNS = ["id", "slug", "name", "centre_lat", "centre_lng", "bbox_south", "bbox_west", "bbox_north", "bbox_east"] as const;

export async function listDistricts(db: DB): Promise<District[]> {
  const rows = await db.selectFrom("districts").select(COLUMNS).orderBy("name").execute();
  return rows.map(toDistrict);
}

export async function getDistrictBySlug(db: DB, slug: string): Promise<District | null> {
  const row = await db.selectFrom("districts").select(COLUMNS).where("slug", "=", slug).executeTakeFirst();
  return row ? toDistrict(row) : null;
}
