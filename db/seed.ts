import type { DB } from "./connection";
import type { StaffRole } from "./schema";
import { seedDemoDialogues } from "./seed-dialogues";
import { seedDemoWalks } from "./seed-walks";
import { seedDemoMeasures } from "./seed-measures";
import { seedDemoCameras } from "./seed-cameras";

/** The demo password shared by every demo account. Printed at start; never use in production. */
export const DEMO_PASSWORD = "tryggve-demo";

export const DEMO_DISTRICTS = [
  // Approximate centres and bounding boxes (WGS84) of the stadsdelsområden.
  { slug: "hagersten-alvsjo", name: "Hägersten-Älvsjö", centre: [59.2955, 17.9845], bbox: [59.265, 17.93, 59.325, 18.045] },
  { slug: "skarpnack", name: "Skarpnäck", centre: [59.2705, 18.1135], bbox: [59.245, 18.06, 59.3, 18.175] },
  { slug: "rinkeby-kista", name: "Rinkeby-Kista", centre: [59.3975, 17.9245], bbox: [59.375, 17.865, 59.43, 17.985] },
] as const;

export const DEMO_ORGANISATIONS = [
  { name: "Polisen, lokalpolisområde Globen", kind: "police", contact_email: "globen@polisen.example" },
  { name: "Polisen, lokalpolisområde Skärholmen", kind: "police", contact_email: "skarholmen@polisen.example" },
  { name: "Stockholmshem", kind: "housing", contact_email: "trygghet@stockholmshem.example" },
  { name: "Trafikkontoret", kind: "traffic", contact_email: "trafikkontoret@stockholm.example" },
  { name: "Nattvandrarna Skarpnäck", kind: "civil_society", contact_email: "skarpnack@nattvandrarna.example" },
] as const;

export const DEMO_STAFF: ReadonlyArray<{
  email: string;
  name: string;
  role: StaffRole;
  organisation?: string;
}> = [
  { email: "admin@tryggve.example", name: "Anna Admin", role: "admin" },
  { email: "moderator@tryggve.example", name: "Mira Moderator", role: "moderator" },
  { email: "vandringsledare@tryggve.example", name: "Ville Vandringsledare", role: "walk_leader" },
  { email: "polisen@tryggve.example", name: "Per Polis", role: "panelist", organisation: "Polisen, lokalpolisområde Globen" },
  { email: "stockholmshem@tryggve.example", name: "Sara Stockholmshem", role: "panelist", organisation: "Stockholmshem" },
];

// A fixed clock keeps the demo data deterministic across resets.
const SEED_TIME = "2026-01-01T00:00:00.000Z";

export async function isEmpty(db: DB): Promise<boolean> {
  const row = await db
    .selectFrom("districts")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n) === 0;
}

/** `now` is the app's clock at seeding time (TRYGGVE_CLOCK in tests); the demo's dates are relative to it. */
export async function seedDemo(db: DB, deps: { hashPassword: (plain: string) => Promise<string>; now?: Date }): Promise<void> {
  const hash = await deps.hashPassword(DEMO_PASSWORD);
  await db.transaction().execute(async (trx) => {
    for (const d of DEMO_DISTRICTS) {
      await trx
        .insertInto("districts")
        .values({
          slug: d.slug,
          name: d.name,
          centre_lat: d.centre[0],
          centre_lng: d.centre[1],
          bbox_south: d.bbox[0],
          bbox_west: d.bbox[1],
          bbox_north: d.bbox[2],
          bbox_east: d.bbox[3],
          created_at: SEED_TIME,
        })
        .execute();
    }
    const orgIds = new Map<string, number>();
    for (const o of DEMO_ORGANISATIONS) {
      const row = await trx
        .insertInto("organisations")
        .values({ ...o, created_at: SEED_TIME })
        .returning("id")
        .executeTakeFirstOrThrow();
      orgIds.set(o.name, row.id);
    }
    for (const s of DEMO_STAFF) {
      await trx
        .insertInto("staff")
        .values({
          email: s.email,
          name: s.name,
          role: s.role,
          password_hash: hash,
          organisation_id: s.organisation ? (orgIds.get(s.organisation) ?? null) : null,
          created_at: SEED_TIME,
          updated_at: SEED_TIME,
        })
        .execute();
    }
    const now = deps.now ?? new Date();
    await seedDemoDialogues(trx, now);
    await seedDemoWalks(trx, now);
    await seedDemoMeasures(trx, now);
    await seedDemoCameras(trx, now);
  });
}
