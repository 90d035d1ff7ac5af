import type { DB } from "../../db/connection";
import type { StaffRole } from "../../db/schema";
import { hashPassword } from "~/domain/staff/password.server";

let seq = 0;
const now = () => new Date().toISOString();

export async function makeDistrict(db: DB, overrides: Partial<{ slug: string; name: string }> = {}) {
  seq += 1;
  return db
    .insertInto("districts")
    .values({
      slug: overrides.slug ?? `district-${seq}`,
      name: overrides.name ?? `District ${seq}`,
      centre_lat: 59.3,
      centre_lng: 18.0,
      bbox_south: 59.25,
      bbox_west: 17.95,
      bbox_north: 59.35,
      bbox_east: 18.05,
      created_at: now(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function makeOrganisation(db: DB, overrides: Partial<{ name: string; kind: string; contact_email: string }> = {}) {
  seq += 1;
  return db
    .insertInto("organisations")
    .values({
      name: overrides.name ?? `Organisation ${seq}`,
      kind: overrides.kind ?? "housing",
      contact_email: overrides.contact_email ?? `org${seq}@example.org`,
      created_at: now(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export const TEST_PASSWORD = "correct horse battery";

export async function makeStaff(
  db: DB,
  overrides: Partial<{ email: string; name: string; role: StaffRole; organisation_id: number | null; disabled_at: string | null }> = {},
) {
  seq += 1;
  return db
    .insertInto("staff")
    .values({
      email: overrides.email ?? `staff${seq}@example.org`,
      name: overrides.name ?? `Staff ${seq}`,
      role: overrides.role ?? "moderator",
      organisation_id: overrides.organisation_id ?? null,
      disabled_at: overrides.disabled_at ?? null,
      password_hash: await hashPassword(TEST_PASSWORD),
      created_at: now(),
      updated_at: now(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
