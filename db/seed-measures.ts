/**
 * Demo measures (åtgärder) with timelines. Content is fixed; dates are relative
 * to the day the seed runs so the demo always has one overdue, one planned, one
 * done and one verified measure. Two answered questions are seeded on the
 * past Bagarmossen dialogue: one already became a measure, the other has not
 * (the demo's "create a measure from this question" starting point).
 */
import type { DB } from "./connection";
import type { MeasureStatusColumn } from "./schema-measures";

const DAY = 86400e3;
const PATH: MeasureStatusColumn[] = ["proposed", "sent", "accepted", "planned", "done", "verified"];

interface DemoMeasure {
  district: string;
  organisation: string;
  title: string;
  description: string;
  category: string;
  address: string;
  lat: number;
  lng: number;
  priority: "low" | "normal" | "high";
  status: MeasureStatusColumn;
  /** Days before the seed date the measure was proposed. */
  ageDays: number;
  /** Due date, days from the seed date (negative = past). */
  dueInDays: number;
  plannedInDays?: number;
  comments?: Partial<Record<MeasureStatusColumn, string>>;
  declineReason?: string;
  /** Link to the seeded answered question with this text. */
  fromQuestion?: string;
}

// A fixed demo device id: these questions belong to no real resident.
const DEMO_PARTICIPANT = "00000000-0000-4000-8000-000000000001";
const QUESTIONS = [
  {
    text: "Gångvägen mellan Lagaplan och tunnelbanan är becksvart på kvällarna. Kan den bli ljusare?",
    answer: "Ja. Vi byter armaturerna längs gångvägen under våren.",
    answeredBy: "Trafikkontoret",
  },
  {
    text: "Buskarna vid gården på Lagaplan har vuxit igen så att man inte ser in. Kan de röjas?",
    answer: "Vi tar med det i vårens skötselplan och röjer buskarna.",
    answeredBy: "Stockholmshem",
  },
];

const MEASURES: DemoMeasure[] = [
  {
    district: "hagersten-alvsjo",
    organisation: "Trafikkontoret",
    title: "Byt trasig belysning i gångtunneln vid Mälarhöjdens tunnelbana",
    description: "Tre armaturer i gångtunneln är trasiga och tunneln upplevs som mörk och otrygg kvällstid. Armaturerna byts till LED med jämnare ljus.",
    category: "lighting",
    address: "Gångtunneln vid Mälarhöjdens tunnelbanestation",
    lat: 59.3009,
    lng: 17.9571,
    priority: "high",
    status: "planned",
    ageDays: 30,
    dueInDays: 45,
    plannedInDays: 20,
    comments: { planned: "Armaturerna är beställda och monteras vecka 3." },
  },
  {
    district: "hagersten-alvsjo",
    organisation: "Stockholmshem",
    title: "Röj sly längs gångvägen mot Västertorps centrum",
    description: "Buskagen längs gångvägen skymmer sikten och gör att man inte ser vem som kommer. Slyet röjs och buskarna hålls nere till midjehöjd.",
    category: "vegetation",
    address: "Gångvägen mellan Störtloppsvägen och Västertorps centrum",
    lat: 59.2915,
    lng: 17.9667,
    priority: "normal",
    status: "sent",
    ageDays: 40,
    dueInDays: -10,
  },
  {
    district: "hagersten-alvsjo",
    organisation: "Trafikkontoret",
    title: "Sanera klotter på gångbron vid Älvsjö station",
    description: "Omfattande klotter på gångbron gör att platsen känns övergiven. Klottret saneras och bron skyddsbehandlas.",
    category: "graffiti",
    address: "Gångbron vid Älvsjö station",
    lat: 59.2787,
    lng: 18.0106,
    priority: "normal",
    status: "done",
    ageDays: 50,
    dueInDays: -5,
    plannedInDays: -12,
    comments: { done: "Klottret är sanerat och bron är skyddsbehandlad." },
  },
  {
    district: "skarpnack",
    organisation: "Polisen, lokalpolisområde Globen",
    title: "Synlig polisnärvaro vid Skarpnäcks centrum fredagskvällar",
    description:
      "Boende upplever oro kring tunnelbaneuppgången fredagskvällar. Polisen patrullerar till fots under en period och återkopplar till nästa dialog.",
    category: "social_disorder",
    address: "Skarpnäcks centrum, tunnelbaneuppgången",
    lat: 59.2667,
    lng: 18.1333,
    priority: "normal",
    status: "verified",
    ageDays: 120,
    dueInDays: -60,
    plannedInDays: -90,
    comments: {
      accepted: "Vi lägger in fotpatrullering fredagar kl. 20–24 under åtta veckor.",
      verified: "Bekräftat på uppföljningsvandringen: boende upplever skillnad.",
    },
  },
  {
    district: "skarpnack",
    organisation: "Stockholmshem",
    title: "Bättre belysning vid entréerna på Skarpnäcks allé",
    description: "Entréerna är mörka och portkoderna svåra att se. Entrébelysningen byts och riktas mot dörrarna.",
    category: "lighting",
    address: "Skarpnäcks allé 20–40",
    lat: 59.2685,
    lng: 18.1298,
    priority: "normal",
    status: "accepted",
    ageDays: 14,
    dueInDays: 60,
    comments: { accepted: "Vi inventerar entréerna och återkommer med datum." },
  },
  {
    district: "skarpnack",
    organisation: "Trafikkontoret",
    title: "Ny belysning längs gångvägen från Lagaplan till Bagarmossens tunnelbana",
    description: "Gångvägen är mörk kvällstid. Armaturerna byts och kompletteras så att hela sträckan blir jämnt upplyst.",
    category: "lighting",
    address: "Gångvägen Lagaplan – Bagarmossens tunnelbanestation",
    lat: 59.2763,
    lng: 18.1313,
    priority: "high",
    status: "sent",
    ageDays: 48,
    dueInDays: 90,
    fromQuestion: QUESTIONS[0].text,
  },
];

export async function seedDemoMeasures(trx: DB, now: Date = new Date()): Promise<void> {
  const at = (days: number) => new Date(now.getTime() + days * DAY);
  const iso = (days: number) => at(days).toISOString();
  const date = (days: number) => at(days).toISOString().slice(0, 10);
  const moderator = (await trx.selectFrom("staff").select("id").where("email", "=", "moderator@tryggve.example").executeTakeFirstOrThrow()).id;
  const questionIds = new Map<string, number>();
  const bagarmossen = await trx.selectFrom("dialogues").select(["id", "ends_at"]).where("title", "=", "Trygghetsdialog i Bagarmossen").executeTakeFirst();
  if (bagarmossen) {
    for (const [i, q] of QUESTIONS.entries()) {
      const row = await trx
        .insertInto("questions")
        .values({
          dialogue_id: bagarmossen.id,
          participant_id: DEMO_PARTICIPANT,
          idempotency_key: `demo-question-${i + 1}`,
          text: q.text,
          status: "answered",
          answer: q.answer,
          answered_by: q.answeredBy,
          answered_at: bagarmossen.ends_at,
          approved_at: bagarmossen.ends_at,
          created_at: bagarmossen.ends_at,
          updated_at: bagarmossen.ends_at,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      questionIds.set(q.text, row.id);
    }
  }
  for (const m of MEASURES) {
    const district = (await trx.selectFrom("districts").select("id").where("slug", "=", m.district).executeTakeFirstOrThrow()).id;
    const org = (await trx.selectFrom("organisations").select("id").where("name", "=", m.organisation).executeTakeFirstOrThrow()).id;
    const steps = PATH.slice(0, PATH.indexOf(m.status) + 1);
    // Spread the steps evenly between proposal and (for finished ones) a few days ago.
    const stepAge = (i: number) => -m.ageDays + Math.round((i * (m.ageDays - 2)) / Math.max(1, steps.length - 1));
    const doneIndex = steps.indexOf("done");
    const verifiedIndex = steps.indexOf("verified");
    const row = await trx
      .insertInto("measures")
      .values({
        district_id: district,
        title: m.title,
        description: m.description,
        category: m.category,
        location_address: m.address,
        location_lat: m.lat,
        location_lng: m.lng,
        responsible_organisation_id: org,
        priority: m.priority,
        due_date: date(m.dueInDays),
        status: m.status,
        planned_date: m.plannedInDays !== undefined ? date(m.plannedInDays) : null,
        decline_reason: m.declineReason ?? null,
        sent_at: steps.length > 1 ? iso(stepAge(1)) : null,
        done_at: doneIndex >= 0 ? iso(stepAge(doneIndex)) : null,
        verified_at: verifiedIndex >= 0 ? iso(stepAge(verifiedIndex)) : null,
        closed_at: verifiedIndex >= 0 ? iso(stepAge(verifiedIndex)) : null,
        created_by: moderator,
        created_at: iso(-m.ageDays),
        updated_at: iso(stepAge(steps.length - 1)),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const questionId = m.fromQuestion ? questionIds.get(m.fromQuestion) : undefined;
    if (questionId)
      await trx
        .insertInto("measure_sources")
        .values({ measure_id: row.id, source_type: "question", source_id: questionId, created_at: iso(-m.ageDays) })
        .execute();
    for (const [i, to] of steps.entries()) {
      const byDistrict = to === "proposed" || to === "sent" || to === "verified";
      await trx
        .insertInto("measure_events")
        .values({
          measure_id: row.id,
          at: iso(stepAge(i)),
          kind: i === 0 ? "created" : "status",
          from_status: i === 0 ? null : steps[i - 1],
          to_status: to,
          actor_staff_id: byDistrict ? moderator : null,
          actor_label: byDistrict ? "district" : m.organisation,
          comment: m.comments?.[to] ?? null,
        })
        .execute();
    }
  }
}
