/**
 * Measures: create, read and list. Status changes live in actions.server.ts.
 * Every write runs in one transaction with its audit entry.
 */
import type { DB } from "../../../db/connection";
import type { MeasureSourceType } from "../../../db/schema-measures";
import { logAudit, type AuditActor } from "~/domain/audit/audit.server";
import { findOrganisation } from "~/domain/common/organisations.server";
import { calendarDate } from "~/domain/common/time";
import type { ListFilter, MeasureCategory, MeasureInput } from "~/domain/measures/measures.schema";
import { checkSource, publicSources, type PublicSource } from "~/domain/measures/sources.server";
import { isOverdue, linkPermission, measureActor, type MeasureStatus } from "~/domain/measures/status";
import type { StaffRole } from "~/domain/staff/roles";

/** Shown as "who" on the timeline when district staff act. */
export const DISTRICT_ACTOR = "district";

export interface MeasureSummary {
  id: number;
  title: string;
  category: MeasureCategory;
  status: MeasureStatus;
  priority: "low" | "normal" | "high";
  districtId: number;
  districtName: string;
  districtSlug: string;
  organisationId: number;
  organisationName: string;
  dueDate: string | null;
  plannedDate: string | null;
  address: string | null;
  lat: number | null;
  lng: number | null;
  createdAt: string;
  updatedAt: string;
  overdue: boolean;
}

export interface TimelineEntry {
  id: number;
  at: string;
  kind: "created" | "status" | "reply";
  fromStatus: MeasureStatus | null;
  toStatus: MeasureStatus | null;
  /** An organisation name, or DISTRICT_ACTOR. */
  who: string;
  comment: string | null;
}

export interface Measure extends MeasureSummary {
  description: string;
  declineReason: string | null;
  sentAt: string | null;
  doneAt: string | null;
  verifiedAt: string | null;
  closedAt: string | null;
  timeline: TimelineEntry[];
  sources: PublicSource[];
}

function baseQuery(db: DB) {
  return db
    .selectFrom("measures")
    .innerJoin("districts", "districts.id", "measures.district_id")
    .innerJoin("organisations", "organisations.id", "measures.responsible_organisation_id")
    .selectAll("measures")
    .select(["districts.name as district_name", "districts.slug as district_slug", "organisations.name as organisation_name"]);
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>["executeTakeFirstOrThrow"]>>;

function toSummary(r: Row, today: string): MeasureSummary {
  const status = r.status as MeasureStatus;
  return {
    id: r.id,
    title: r.title,
    category: r.category as MeasureCategory,
    status,
    priority: r.priority,
    districtId: r.district_id,
    districtName: r.district_name,
    districtSlug: r.district_slug,
    organisationId: r.responsible_organisation_id,
    organisationName: r.organisation_name,
    dueDate: r.due_date,
    plannedDate: r.planned_date,
    address: r.location_address,
    lat: r.location_lat,
    lng: r.location_lng,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    overdue: isOverdue({ status, dueDate: r.due_date, plannedDate: r.planned_date }, today),
  };
}

export interface ListOptions extends ListFilter {
  districtId?: number;
  ids?: number[];
  overdueOnly?: boolean;
  openOnly?: boolean;
}

export async function listMeasures(db: DB, opts: ListOptions = {}, now: Date = new Date()): Promise<MeasureSummary[]> {
  let q = baseQuery(db).orderBy("measures.id", "desc");
  if (opts.districtId) q = q.where("measures.district_id", "=", opts.districtId);
  if (opts.status) q = q.where("measures.status", "=", opts.status);
  if (opts.category) q = q.where("measures.category", "=", opts.category);
  if (opts.organisationId) q = q.where("measures.responsible_organisation_id", "=", opts.organisationId);
  if (opts.ids) q = opts.ids.length ? q.where("measures.id", "in", opts.ids) : q.where("measures.id", "=", -1);
  if (opts.openOnly) q = q.where("measures.status", "not in", ["declined", "verified"]);
  const today = calendarDate(now);
  const rows = (await q.execute()).map((r) => toSummary(r, today));
  return opts.overdueOnly ? rows.filter((m) => m.overdue) : rows;
}

export async function getMeasure(db: DB, id: number, now: Date = new Date()): Promise<Measure | null> {
  const r = await baseQuery(db).where("measures.id", "=", id).executeTakeFirst();
  if (!r) return null;
  const events = await db.selectFrom("measure_events").selectAll().where("measure_id", "=", id).orderBy("id").execute();
  return {
    ...toSummary(r, calendarDate(now)),
    description: r.description,
    declineReason: r.decline_reason,
    sentAt: r.sent_at,
    doneAt: r.done_at,
    verifiedAt: r.verified_at,
    closedAt: r.closed_at,
    timeline: events.map((e) => ({
      id: e.id,
      at: e.at,
      kind: e.kind,
      fromStatus: e.from_status as MeasureStatus | null,
      toStatus: e.to_status as MeasureStatus | null,
      who: e.actor_label,
      comment: e.comment,
    })),
    sources: await publicSources(db, id),
  };
}

/** Organisations that are responsible for at least one measure in the district (for filters). */
export async function organisationsWithMeasures(db: DB, districtId?: number) {
  let q = db
    .selectFrom("organisations")
    .innerJoin("measures", "measures.responsible_organisation_id", "organisations.id")
    .select(["organisations.id", "organisations.name"])
    .distinct()
    .orderBy("organisations.name");
  if (districtId) q = q.where("measures.district_id", "=", districtId);
  return q.execute();
}

export type CreateResult = { ok: true; id: number } | { ok: false; errors: Record<string, string> };

/**
 * Creates a measure in "proposed" with its sources. The organisation, the
 * district and every source are checked first; a source from another
 * district is refused. Nothing is written unless everything holds.
 */
export async function createMeasure(db: DB, actor: AuditActor, input: MeasureInput, opts: { now?: Date; ip?: string | null } = {}): Promise<CreateResult> {
  const now = opts.now ?? new Date();
  const errors: Record<string, string> = {};
  const [district, org] = await Promise.all([
    db.selectFrom("districts").select("id").where("id", "=", input.districtId).executeTakeFirst(),
    findOrganisation(db, input.organisationId),
  ]);
  if (!district) errors.districtId = "measures.errors.unknownDistrict";
  if (!org) errors.organisationId = "measures.errors.unknownOrganisation";
  if (input.dueDate && input.dueDate < calendarDate(now)) errors.dueDate = "measures.errors.dueDateInPast";
  const sources: Array<{ type: MeasureSourceType; id: number }> = [
    ...input.questionIds.map((id) => ({ type: "question" as const, id })),
    ...input.observationIds.map((id) => ({ type: "observation" as const, id })),
  ];
  for (const s of sources) {
    const check = await checkSource(db, s.type, s.id);
    const field = s.type === "question" ? "questionIds" : "observationIds";
    if (!check.ok) errors[field] ??= check.error;
    else if (district && check.districtId !== district.id) errors[field] ??= "measures.errors.sourceOtherDistrict";
  }
  if (Object.keys(errors).length) return { ok: false, errors };

  const iso = now.toISOString();
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("measures")
      .values({
        district_id: input.districtId,
        title: input.title,
        description: input.description,
        category: input.category,
        location_address: input.address,
        location_lat: input.lat,
        location_lng: input.lng,
        responsible_organisation_id: input.organisationId,
        priority: input.priority,
        due_date: input.dueDate,
        status: "proposed",
        created_by: actor.id,
        created_at: iso,
        updated_at: iso,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    for (const s of sources) {
      await trx.insertInto("measure_sources").values({ measure_id: row.id, source_type: s.type, source_id: s.id, created_at: iso }).execute();
    }
    await trx
      .insertInto("measure_events")
      .values({
        measure_id: row.id,
        at: iso,
        kind: "created",
        from_status: null,
        to_status: "proposed",
        actor_staff_id: actor.id,
        actor_label: DISTRICT_ACTOR,
        comment: null,
      })
      .execute();
    await logAudit(
      trx,
      {
        actor,
        action: "measure.create",
        targetType: "measure",
        targetId: row.id,
        details: { title: input.title, organisationId: input.organisationId, sources },
        ip: opts.ip,
      },
      now,
    );
    return row.id;
  });
  return { ok: true, id };
}

export type LinkResult =
  | "ok"
  | "not_found"
  | "measures.errors.forbidden"
  | "measures.errors.wrongOrganisation"
  | "measures.errors.staffOnly"
  | "measures.errors.sourceNotFound"
  | "measures.errors.sourceNotAnswered"
  | "measures.errors.observationNotPublished"
  | "measures.errors.sourceOtherDistrict"
  | "measures.errors.sourceAlreadyLinked";

/**
 * Links one more question (or observation) to an existing measure. Linking is managing the
 * measure: a panelist, of its organisation or another, is refused (and the refusal audited)
 * before anything about the source is looked at.
 */
export async function linkSource(
  db: DB,
  actor: AuditActor & { id: number; role: StaffRole; organisationId: number | null },
  measureId: number,
  type: MeasureSourceType,
  sourceId: number,
  opts: { now?: Date; ip?: string | null } = {},
): Promise<LinkResult> {
  const now = opts.now ?? new Date();
  const m = await db.selectFrom("measures").select(["id", "district_id", "responsible_organisation_id"]).where("id", "=", measureId).executeTakeFirst();
  if (!m) return "not_found";
  const denied = linkPermission(measureActor(actor), { organisationId: m.responsible_organisation_id });
  if (denied) {
    await logAudit(
      db,
      {
        actor,
        action: "measure.change_refused",
        targetType: "measure",
        targetId: m.id,
        details: { action: "link", type, sourceId, error: denied },
        ip: opts.ip,
      },
      now,
    );
    return denied;
  }
  const check = await checkSource(db, type, sourceId);
  if (!check.ok) return check.error;
  if (check.districtId !== m.district_id) return "measures.errors.sourceOtherDistrict";
  return db.transaction().execute(async (trx) => {
    const res = await trx
      .insertInto("measure_sources")
      .values({ measure_id: measureId, source_type: type, source_id: sourceId, created_at: now.toISOString() })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    if (Number(res.numInsertedOrUpdatedRows ?? 0) === 0) return "measures.errors.sourceAlreadyLinked" as const;
    await logAudit(trx, { actor, action: "measure.link_source", targetType: "measure", targetId: measureId, details: { type, sourceId }, ip: opts.ip }, now);
    return "ok" as const;
  });
}

/** For the district page: measures still being worked on and those done (or verified). */
export async function districtMeasureCounts(db: DB, districtId: number): Promise<{ open: number; done: number }> {
  const rows = await db
    .selectFrom("measures")
    .select(["status", (eb) => eb.fn.countAll<number>().as("n")])
    .where("district_id", "=", districtId)
    .groupBy("status")
    .execute();
  let open = 0;
  let done = 0;
  for (const r of rows) {
    if (r.status === "done" || r.status === "verified") done += Number(r.n);
    else if (r.status !== "declined") open += Number(r.n);
  }
  return { open, done };
}
