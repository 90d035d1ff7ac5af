/**
 * A demo safety walk in Skarpnäck: done yesterday at dusk, in the protocol
 * step, with a route, two groups and a handful of observations (one of them a
 * positive place). Content is fixed; dates are relative to the seed day.
 */
import type { DB } from "./connection";

const SEED_TIME = "2026-01-01T00:00:00.000Z";

function dayAt(now: Date, days: number, utcHour: number): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + days, utcHour)).toISOString();
}

const ROUTE: Array<[number, number]> = [
  [18.1333, 59.2667],
  [18.1305, 59.2681],
  [18.1268, 59.2693],
  [18.1221, 59.2702],
  [18.1186, 59.2689],
];

const OBSERVATIONS = [
  {
    key: "seed-obs-0001",
    lat: 59.2679,
    lng: 18.1311,
    address: "Gångtunneln under Skarpnäcksvägen",
    categories: ["underpass", "lighting"],
    feeling: 0,
    lamp: "SK-1142",
    description: "Mörk gångtunnel, två armaturer trasiga. Många väljer att gå över vägen i stället.",
    light: "dusk",
    raisedBy: "Grupp 1",
    org: "Trafikkontoret",
    priority: "high",
    measure: "Byt armaturer och måla tunneln ljus.",
  },
  {
    key: "seed-obs-0002",
    lat: 59.2688,
    lng: 18.1279,
    address: "Stigen bakom förskolan",
    categories: ["vegetation", "footpath"],
    feeling: 1,
    lamp: null,
    description: "Höga buskar skymmer sikten längs stigen.",
    light: "dusk",
    raisedBy: "Grupp 1",
    org: "Stockholmshem",
    priority: "medium",
    measure: "Röj sly en meter från stigen.",
  },
  {
    key: "seed-obs-0003",
    lat: 59.2698,
    lng: 18.1235,
    address: "Busshållplatsen Skarpnäcks gård",
    categories: ["transit_stop", "litter"],
    feeling: 2,
    lamp: null,
    description: "Nedskräpat runt hållplatsen, annars ljust.",
    light: "dusk",
    raisedBy: "Grupp 2",
    org: null,
    priority: null,
    measure: null,
  },
  {
    key: "seed-obs-0004",
    lat: 59.2671,
    lng: 18.1327,
    address: "Skarpnäcks torg",
    categories: ["positive", "street_life"],
    feeling: 3,
    lamp: null,
    description: "Torget är upplyst och det är folk i rörelse till sent. Bra plats att bevara.",
    light: "dusk",
    raisedBy: "Grupp 2",
    org: null,
    priority: null,
    measure: null,
  },
  {
    key: "seed-obs-0005",
    lat: 59.2692,
    lng: 18.1192,
    address: "Parkeringen vid idrottsplatsen",
    categories: ["ownership", "lighting"],
    feeling: 1,
    lamp: "SK-2077",
    description: "Oklart vem som äger parkeringen; belysningen är svag.",
    light: "dark",
    raisedBy: "Grupp 2",
    org: "Trafikkontoret",
    priority: "low",
    measure: "Utred ägarskap och belysning.",
  },
] as const;

export async function seedDemoWalks(trx: DB, now: Date = new Date()): Promise<void> {
  const district = await trx.selectFrom("districts").select("id").where("slug", "=", "skarpnack").executeTakeFirstOrThrow();
  const leader = await trx.selectFrom("staff").select("id").where("email", "=", "vandringsledare@tryggve.example").executeTakeFirstOrThrow();
  const orgId = async (name: string) => (await trx.selectFrom("organisations").select("id").where("name", "=", name).executeTakeFirstOrThrow()).id;
  const walk = await trx
    .insertInto("walks")
    .values({
      district_id: district.id,
      title: "Trygghetsvandring Skarpnäcks centrum",
      purpose: "Hitta platser kring centrum och tunnelbanan som känns otrygga efter mörkrets inbrott, och platser som fungerar bra.",
      meeting_point: "Skarpnäcks tunnelbanestation, entrén mot torget",
      meeting_lat: 59.2667,
      meeting_lng: 18.1333,
      route: JSON.stringify(ROUTE),
      starts_at: dayAt(now, -1, 16),
      ends_at: dayAt(now, -1, 18),
      expected_light: "dusk",
      actual_light: "dusk",
      weather: "Mulet, 6 °C, uppehåll",
      status: "protocol",
      organisers: "Skarpnäcks stadsdelsförvaltning och Stockholmshem",
      started_at: dayAt(now, -1, 16),
      created_by: leader.id,
      created_at: SEED_TIME,
      updated_at: SEED_TIME,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  for (const [name, leaderName, participants] of [
    ["Grupp 1", "Ville Vandringsledare", 9],
    ["Grupp 2", "Nattvandrarna", 8],
  ] as const) {
    await trx.insertInto("walk_groups").values({ walk_id: walk.id, name, leader: leaderName, participants, created_at: SEED_TIME }).execute();
  }
  for (const name of ["Stockholmshem", "Trafikkontoret", "Polisen, lokalpolisområde Globen"]) {
    const org = await trx.selectFrom("organisations").select(["id", "contact_email"]).where("name", "=", name).executeTakeFirstOrThrow();
    await trx
      .insertInto("walk_invitations")
      .values({
        walk_id: walk.id,
        organisation_id: org.id,
        email: org.contact_email ?? "info@example.org",
        status: "accepted",
        sent_at: SEED_TIME,
        responded_at: SEED_TIME,
        created_at: SEED_TIME,
      })
      .execute();
  }
  const group1 = await trx.selectFrom("walk_groups").select("id").where("walk_id", "=", walk.id).where("name", "=", "Grupp 1").executeTakeFirstOrThrow();
  for (const o of OBSERVATIONS) {
    await trx
      .insertInto("walk_observations")
      .values({
        walk_id: walk.id,
        district_id: district.id,
        participant_id: null,
        idempotency_key: o.key,
        lat: o.lat,
        lng: o.lng,
        address: o.address,
        lamp_post: o.lamp,
        categories: JSON.stringify(o.categories),
        positive: (o.categories as readonly string[]).includes("positive") ? 1 : 0,
        feeling: o.feeling,
        description: o.description,
        time_of_day: o.light,
        raised_by: o.raisedBy,
        group_id: o.raisedBy === "Grupp 1" ? group1.id : null,
        status: "published",
        proposed_measure: o.measure,
        responsible_organisation_id: o.org ? await orgId(o.org) : null,
        priority: o.priority,
        created_at: dayAt(now, -1, 17),
        updated_at: dayAt(now, -1, 17),
      })
      .execute();
  }
}
