/**
 * Demo dialogues. Content is fixed; dates are relative to the day the seed
 * runs so the demo always has upcoming dialogues (times in UTC: 16:00Z is
 * 17:00 or 18:00 in Stockholm depending on daylight saving).
 */
import type { DB } from "./connection";

const SEED_TIME = "2026-01-01T00:00:00.000Z";

function dayAt(now: Date, days: number, utcHour: number, minutes = 0): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + days, utcHour, minutes));
  return d.toISOString();
}

export async function seedDemoDialogues(trx: DB, now: Date = new Date()): Promise<void> {
  const district = async (slug: string) => (await trx.selectFrom("districts").select("id").where("slug", "=", slug).executeTakeFirstOrThrow()).id;
  const org = async (name: string) => await trx.selectFrom("organisations").select(["id", "contact_email"]).where("name", "=", name).executeTakeFirstOrThrow();
  const staff = async (email: string) => (await trx.selectFrom("staff").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;
  const moderator = await staff("moderator@tryggve.example");
  const base = { created_by: moderator, created_at: SEED_TIME, updated_at: SEED_TIME };

  const hagersten = await trx
    .insertInto("dialogues")
    .values({
      ...base,
      district_id: await district("hagersten-alvsjo"),
      title: "Trygghetsdialog om Mälarhöjden centrum",
      status: "published",
      place_address: "Mälarhöjdens bibliotek, Mälarhöjdsvägen 10",
      place_lat: 59.3005,
      place_lng: 17.9577,
      starts_at: dayAt(now, 30, 16),
      ends_at: dayAt(now, 30, 17, 30),
      format: "hybrid",
      stream_url: "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
      agenda: JSON.stringify([
        "Välkommen och syfte",
        "Läget i området: polisen",
        "Belysning och gångvägar: trafikkontoret",
        "Frågor från boende",
        "Vad händer nu?",
      ]),
      a11y_hearing_loop: 1,
      a11y_step_free: 1,
      a11y_interpretation: "arabiska",
      purpose: "Samla boendes upplevelser av tryggheten runt Mälarhöjden centrum och tunnelbanan kvällstid.",
      ladder_level: "dialog",
      influence_open: "Var belysning och sly ska prioriteras, vilka platser som ska ingå i nästa trygghetsvandring.",
      influence_closed: "Polisens resurser och tunnelbanans öppettider beslutas inte av stadsdelsförvaltningen.",
      capacity_in_person: 40,
      published_at: SEED_TIME,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const police = await org("Polisen, lokalpolisområde Globen");
  const invitation = await trx
    .insertInto("dialogue_invitations")
    .values({
      dialogue_id: hagersten.id,
      organisation_id: police.id,
      email: police.contact_email ?? "globen@polisen.example",
      status: "accepted",
      sent_at: SEED_TIME,
      responded_at: SEED_TIME,
      created_at: SEED_TIME,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await trx
    .insertInto("dialogue_panelists")
    .values({ dialogue_id: hagersten.id, staff_id: await staff("polisen@tryggve.example"), invitation_id: invitation.id, created_at: SEED_TIME })
    .execute();
  const traffic = await org("Trafikkontoret");
  await trx
    .insertInto("dialogue_invitations")
    .values({
      dialogue_id: hagersten.id,
      organisation_id: traffic.id,
      email: traffic.contact_email ?? "trafikkontoret@stockholm.example",
      status: "invited",
      sent_at: SEED_TIME,
      created_at: SEED_TIME,
    })
    .execute();

  await trx
    .insertInto("dialogues")
    .values({
      ...base,
      district_id: await district("skarpnack"),
      title: "Trygghet i Skarpnäcks centrum",
      status: "published",
      place_address: "Skarpnäcks kulturhus, Skarpnäcks allé 19",
      place_lat: 59.2667,
      place_lng: 18.1333,
      starts_at: dayAt(now, 12, 16),
      ends_at: dayAt(now, 12, 18),
      format: "in_person",
      agenda: JSON.stringify(["Välkommen", "Frågor och svar", "Sammanfattning"]),
      a11y_step_free: 1,
      a11y_sign_language: 1,
      purpose: "Prata om tryggheten på torget och i gångtunnlarna.",
      ladder_level: "konsultation",
      influence_open: "Vilka åtgärder på torget som ska göras först.",
      influence_closed: "Ombyggnaden av Skarpnäcks centrum är redan beslutad.",
      capacity_in_person: 25,
      published_at: SEED_TIME,
    })
    .execute();

  await trx
    .insertInto("dialogues")
    .values({
      ...base,
      district_id: await district("rinkeby-kista"),
      title: "Digital dialog: Kista gård",
      status: "draft",
      starts_at: dayAt(now, 45, 17),
      ends_at: dayAt(now, 45, 18),
      format: "digital",
      meeting_url: "https://teams.example.com/l/meetup-join/kista-gard",
      purpose: "Samla frågor om belysning och gångvägar vid Kista gård.",
    })
    .execute();

  await trx
    .insertInto("dialogues")
    .values({
      ...base,
      district_id: await district("skarpnack"),
      title: "Trygghetsdialog i Bagarmossen",
      status: "feedback_published",
      place_address: "Bagarmossens folkets hus, Lagaplan 3",
      starts_at: dayAt(now, -60, 16),
      ends_at: dayAt(now, -60, 17, 30),
      format: "hybrid",
      stream_url: "https://vimeo.com/76979871",
      agenda: JSON.stringify(["Välkommen", "Frågor från boende", "Vad händer nu?"]),
      a11y_hearing_loop: 1,
      purpose: "Följa upp trygghetsvandringen vid Bagarmossens tunnelbana.",
      ladder_level: "dialog",
      influence_open: "Prioriteringen av åtgärderna från vandringen.",
      influence_closed: "SL:s stationer ägs inte av staden.",
      headcount_in_room: 34,
      remote_peak: 12,
      feedback_summary:
        "Ett trettiotal boende kom till Folkets hus och ett tiotal följde sändningen. Mest handlade det om mörka gångvägar mot tunnelbanan och nedskräpning vid Lagaplan.",
      feedback_next_steps: "Trafikkontoret byter armaturer längs gångvägen under våren. Förvaltningen bjuder in till en ny trygghetsvandring i höst.",
      feedback_published_at: dayAt(now, -50, 9),
      published_at: SEED_TIME,
    })
    .execute();
}
