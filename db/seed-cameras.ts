/**
 * Demo camera register (docs/cameras.md): three running cameras and one proposed, in the demo
 * districts. Dates are relative to the seed date so the demo always has one camera whose yearly
 * review is overdue, one reviewed a few months ago (under an older IMY permit) and one proposal.
 * Content is illustrative, not real camera sites.
 */
import type { DB } from "./connection";
import type { CameraMode, CameraState, ReviewDecision } from "./schema-cameras";

const DAY = 86400e3;

interface DemoCamera {
  district: string;
  owner: string;
  name: string;
  address: string;
  lat: number;
  lng: number;
  area?: Array<[number, number]>;
  direction: string;
  purpose: string;
  state: CameraState;
  mode: CameraMode;
  hours: string;
  retentionDays: number;
  viewers: string;
  locationPublic: boolean;
  balancing?: { ageDays: number; decidedBy: string; incidents: string; alternatives: string; conditions: string };
  permit?: { ref: string; ageDays: number; conditions: string };
  signText: string;
  signTextEasy: string;
  languages: string;
  contact: string;
  /** Days before the seed date the camera started. */
  activatedDaysAgo?: number;
  review?: { daysAgo: number; decision: ReviewDecision; reasoning: string; summary: string };
}

const CAMERAS: DemoCamera[] = [
  {
    district: "skarpnack",
    owner: "Stockholmshem",
    name: "Skarpnäcks centrum, entrén till gården vid Skarpnäcks allé",
    address: "Skarpnäcks allé 20, entrén mot gården",
    lat: 59.2668,
    lng: 18.1322,
    area: [
      [59.26695, 18.1319],
      [59.26695, 18.1326],
      [59.26665, 18.1326],
      [59.26665, 18.1319],
    ],
    direction: "Mot entrén och cykelrummet, norrut",
    purpose: "Minska skadegörelse och inbrott i cykelrummet och soprummet.",
    state: "active",
    mode: "recorded",
    hours: "Kl. 22–06 varje dag",
    retentionDays: 7,
    viewers: "Två utsedda trygghetsvärdar på Stockholmshem; polisen efter beslut om utlämnande.",
    locationPublic: true,
    balancing: {
      ageDays: 420,
      decidedBy: "Stockholmshems regionchef efter samråd med stadsdelsförvaltningen",
      incidents: "Fjorton anmälda inbrott i cykelrummet och sex bränder i soprummet under ett år.",
      alternatives: "Ny belysning, nya lås och tätare ronder prövades först under ett halvår.",
      conditions: "Spelar bara in nattetid. Fönster i bostäderna maskeras i bilden.",
    },
    signText: "Kamerabevakning. Stockholmshem filmar entrén kl. 22–06 för att förebygga skadegörelse. Frågor: 08-508 390 00.",
    signTextEasy: "Här finns en kamera. Kameran filmar på natten. Stockholmshem har kameran. Ring 08-508 390 00 om du har frågor.",
    languages: "Engelska, arabiska, somaliska",
    contact: "Stockholmshem kundcenter, 08-508 390 00",
    activatedDaysAgo: 400,
  },
  {
    district: "hagersten-alvsjo",
    owner: "Trafikkontoret",
    name: "Gångtunneln vid Mälarhöjdens tunnelbana",
    address: "Gångtunneln vid Mälarhöjdens tunnelbanestation",
    lat: 59.3009,
    lng: 17.9571,
    direction: "Längs gångtunneln, österut",
    purpose: "Öka tryggheten i gångtunneln kvällstid och förebygga rån.",
    state: "active",
    mode: "both",
    hours: "Dygnet runt",
    retentionDays: 14,
    viewers: "Trafikkontorets trygghetscentral; polisen efter beslut om utlämnande.",
    locationPublic: true,
    permit: {
      ref: "DI-2021-4412",
      ageDays: 1500,
      conditions: "Ingen ljudupptagning. Bostadsfönster maskeras.",
    },
    signText: "Kamerabevakning dygnet runt. Trafikkontoret, Stockholms stad. Frågor: 08-508 27 200.",
    signTextEasy: "Här filmar en kamera hela tiden. Stockholms stad har kameran. Ring 08-508 27 200 om du har frågor.",
    languages: "Engelska",
    contact: "Trafikkontoret, 08-508 27 200",
    activatedDaysAgo: 1400,
    review: {
      daysAgo: 120,
      decision: "continue",
      reasoning: "Rånen i tunneln har minskat och boende upplever tunneln som tryggare vid trygghetsvandringen. Intrånget är litet efter maskningen.",
      summary: "Kameran är kvar. Färre rån i tunneln och boende känner sig tryggare. Bostadsfönster syns inte i bilden.",
    },
  },
  {
    district: "skarpnack",
    owner: "Stockholmshem",
    name: "Förskolans baksida, Bagarmossen",
    address: "Bagarmossens förskola, baksidan",
    lat: 59.2761,
    lng: 18.1342,
    direction: "Mot förrådet",
    purpose: "Förebygga inbrott i förrådet.",
    state: "active",
    mode: "recorded",
    hours: "Kl. 19–06 vardagar, hela helger",
    retentionDays: 3,
    viewers: "Förskolechefen",
    // Beside a preschool: the position is not published.
    locationPublic: false,
    balancing: {
      ageDays: 200,
      decidedBy: "Förskolans huvudman",
      incidents: "Fem inbrott i förrådet på ett år.",
      alternatives: "Larm och nytt lås.",
      conditions: "Filmar aldrig när förskolan är öppen.",
    },
    signText: "Kamerabevakning utanför förskolans öppettider.",
    signTextEasy: "Här filmar en kamera på kvällar och helger.",
    languages: "",
    contact: "Förskolans expedition",
    activatedDaysAgo: 180,
  },
  {
    district: "rinkeby-kista",
    owner: "Polisen, lokalpolisområde Globen",
    name: "Rinkeby torg",
    address: "Rinkeby torg",
    lat: 59.3885,
    lng: 17.9279,
    direction: "Över torget",
    purpose: "Föreslagen efter trygghetsdialogen: förebygga våld på torget kvällstid.",
    state: "proposed",
    mode: "both",
    hours: "",
    retentionDays: 14,
    viewers: "",
    locationPublic: true,
    signText: "",
    signTextEasy: "",
    languages: "",
    contact: "",
  },
];

export async function seedDemoCameras(trx: DB, now: Date = new Date()): Promise<void> {
  const iso = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY).toISOString();
  const date = (daysAgo: number) => iso(daysAgo).slice(0, 10);
  const addYear = (d: string) => `${Number(d.slice(0, 4)) + 1}${d.slice(4)}`.replace(/-02-29$/, "-03-01");
  for (const c of CAMERAS) {
    const district = await trx.selectFrom("districts").select("id").where("slug", "=", c.district).executeTakeFirst();
    const owner = await trx.selectFrom("organisations").select("id").where("name", "=", c.owner).executeTakeFirst();
    if (!district) continue;
    const activatedOn = c.activatedDaysAgo === undefined ? null : date(c.activatedDaysAgo);
    const reviewedOn = c.review ? date(c.review.daysAgo) : null;
    const row = await trx
      .insertInto("cameras")
      .values({
        district_id: district.id,
        owner_organisation_id: owner?.id ?? null,
        name: c.name,
        address: c.address,
        lat: c.lat,
        lng: c.lng,
        area_geojson: c.area ? JSON.stringify({ type: "Polygon", coordinates: [[...c.area, c.area[0]].map(([lat, lng]) => [lng, lat])] }) : null,
        direction: c.direction,
        purpose: c.purpose,
        state: c.state,
        mode: c.mode,
        recording_hours: c.hours || null,
        retention_days: c.retentionDays,
        footage_viewers: c.viewers || null,
        location_public: c.locationPublic ? 1 : 0,
        balancing_date: c.balancing ? date(c.balancing.ageDays) : null,
        balancing_decided_by: c.balancing?.decidedBy ?? null,
        balancing_incidents: c.balancing?.incidents ?? null,
        balancing_alternatives: c.balancing?.alternatives ?? null,
        balancing_conditions: c.balancing?.conditions ?? null,
        imy_permit_ref: c.permit?.ref ?? null,
        imy_permit_date: c.permit ? date(c.permit.ageDays) : null,
        imy_permit_conditions: c.permit?.conditions ?? null,
        sign_text: c.signText || null,
        sign_text_easy: c.signTextEasy || null,
        sign_pictogram: 1,
        sign_languages: c.languages || null,
        contact: c.contact || null,
        activated_at: c.activatedDaysAgo === undefined ? null : iso(c.activatedDaysAgo),
        review_due: reviewedOn ? addYear(reviewedOn) : activatedOn ? addYear(activatedOn) : null,
        created_at: iso(c.activatedDaysAgo ?? 10),
        updated_at: iso(c.review?.daysAgo ?? c.activatedDaysAgo ?? 10),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (c.review && reviewedOn) {
      await trx
        .insertInto("camera_reviews")
        .values({
          camera_id: row.id,
          due_date: reviewedOn,
          reviewed_on: reviewedOn,
          aim_matches: "yes",
          decision: c.review.decision,
          reasoning: c.review.reasoning,
          public_summary: c.review.summary,
          created_at: iso(c.review.daysAgo),
        })
        .execute();
    }
  }
}
