import type { Selectable } from "kysely";
import type { DB } from "../../../db/connection";
import type { Light, WalkStatus, WalkTable } from "../../../db/schema-walks";
import { logAudit, type AuditActor } from "~/domain/audit/audit.server";
import type { FieldErrors } from "~/domain/common/errors";
import { parseRouteText, inBBox } from "~/domain/walks/geo";
import { canEditWalk, transitionWalk, type WalkEvent, type WalkLifecycleError } from "~/domain/walks/lifecycle";
import type { WalkInput } from "~/domain/walks/walk.schema";

export interface Walk {
  id: number;
  districtId: number;
  districtSlug: string;
  districtName: string;
  bbox: { south: number; west: number; north: number; east: number };
  centre: { lat: number; lng: number };
  title: string;
  purpose: string | null;
  meetingPoint: string;
  meetingLat: number | null;
  meetingLng: number | null;
  /** GeoJSON order: [lng, lat]. */
  route: Array<[number, number]> | null;
  startsAt: string;
  endsAt: string;
  expectedLight: Light;
  actualLight: Light | null;
  weather: string | null;
  status: WalkStatus;
  dialogueId: number | null;
  organisers: string | null;
  startedAt: string | null;
  protocolSentAt: string | null;
  createdAt: string;
  updatedAt: string;
}

type Row = Selectable<WalkTable> & {
  district_slug: string;
  district_name: string;
  bbox_south: number;
  bbox_west: number;
  bbox_north: number;
  bbox_east: number;
  centre_lat: number;
  centre_lng: number;
};

function parseRoute(json: string | null): Array<[number, number]> | null {
  if (!json) return null;
  try {
    const v: unknown = JSON.parse(json);
    if (!Array.isArray(v)) return null;
    return v.filter((p): p is [number, number] => Array.isArray(p) && p.length === 2 && p.every((n) => typeof n === "number"));
  } catch {
    return null;
  }
}

function toWalk(r: Row): Walk {
  return {
    id: r.id,
    districtId: r.district_id,
    districtSlug: r.district_slug,
    districtName: r.district_name,
    bbox: { south: r.bbox_south, west: r.bbox_west, north: r.bbox_north, east: r.bbox_east },
    centre: { lat: r.centre_lat, lng: r.centre_lng },
    title: r.title,
    purpose: r.purpose,
    meetingPoint: r.meeting_point,
    meetingLat: r.meeting_lat,
    meetingLng: r.meeting_lng,
    route: parseRoute(r.route),
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    expectedLight: r.expected_light,
    actualLight: r.actual_light,
    weather: r.weather,
    status: r.status,
    dialogueId: r.dialogue_id,
    organisers: r.organisers,
    startedAt: r.started_at,
    protocolSentAt: r.protocol_sent_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function baseQuery(db: DB) {
  return db
    .selectFrom("walks")
    .innerJoin("districts", "districts.id", "walks.district_id")
    .selectAll("walks")
    .select([
      "districts.slug as district_slug",
      "districts.name as district_name",
      "districts.bbox_south",
      "districts.bbox_west",
      "districts.bbox_north",
      "districts.bbox_east",
      "districts.centre_lat",
      "districts.centre_lng",
    ]);
}

/** Every walk is public from the moment it is planned (there is no draft state). */
export async function getWalk(db: DB, id: number): Promise<Walk | null> {
  const row = await baseQuery(db).where("walks.id", "=", id).executeTakeFirst();
  return row ? toWalk(row) : null;
}

export async function listWalks(
  db: DB,
  f: { districtId?: number; when?: "upcoming" | "past" | "all" } = {},
  now: Date = new Date(),
  limit = 100,
): Promise<Walk[]> {
  let q = baseQuery(db).limit(limit);
  if (f.districtId) q = q.where("walks.district_id", "=", f.districtId);
  if (f.when === "upcoming") q = q.where("walks.ends_at", ">", now.toISOString()).orderBy("walks.starts_at");
  else if (f.when === "past") q = q.where("walks.ends_at", "<=", now.toISOString()).orderBy("walks.starts_at", "desc");
  else q = q.orderBy("walks.starts_at", "desc");
  return (await q.execute()).map(toWalk);
}

function columnsFrom(input: WalkInput, route: Array<[number, number]> | null) {
  return {
    district_id: input.districtId,
    title: input.title,
    purpose: input.purpose,
    meeting_point: input.meetingPoint,
    meeting_lat: input.meetingLat,
    meeting_lng: input.meetingLng,
    route: route ? JSON.stringify(route) : null,
    starts_at: input.startsAt,
    ends_at: input.endsAt,
    expected_light: input.expectedLight,
    organisers: input.organisers,
    dialogue_id: input.dialogueId,
  };
}

async function validate(db: DB, input: WalkInput, now: Date, previous?: Walk): Promise<{ errors: FieldErrors; route: Array<[number, number]> | null }> {
  const errors: FieldErrors = {};
  const district = await db.selectFrom("districts").selectAll().where("id", "=", input.districtId).executeTakeFirst();
  if (!district) errors.districtId = "walks.errors.unknownDistrict";
  const bbox = district ? { south: district.bbox_south, west: district.bbox_west, north: district.bbox_north, east: district.bbox_east } : undefined;
  const route = parseRouteText(input.route, bbox);
  if (!route.ok) errors.route = route.error;
  if (bbox && input.meetingLat !== null && input.meetingLng !== null && !inBBox({ lat: input.meetingLat, lng: input.meetingLng }, bbox)) {
    errors.meetingLat = "walks.errors.outsideDistrict";
  }
  if (Date.parse(input.startsAt) <= now.getTime() && previous?.startsAt !== input.startsAt) errors.date = "walks.errors.dateInPast";
  if (input.dialogueId !== null) {
    const d = await db.selectFrom("dialogues").select("id").where("id", "=", input.dialogueId).executeTakeFirst();
    if (!d) errors.dialogueId = "walks.errors.notFound";
  }
  return { errors, route: route.ok ? route.route : null };
}

export type SaveWalkResult = { ok: true; id: number } | { ok: false; errors: FieldErrors };
type Opts = { now?: Date; ip?: string | null };

export async function createWalk(db: DB, actor: AuditActor, input: WalkInput, opts: Opts = {}): Promise<SaveWalkResult> {
  const now = opts.now ?? new Date();
  const { errors, route } = await validate(db, input, now);
  if (Object.keys(errors).length) return { ok: false, errors };
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("walks")
      .values({ ...columnsFrom(input, route), created_by: actor.id, created_at: now.toISOString(), updated_at: now.toISOString() })
      .returning("id")
      .executeTakeFirstOrThrow();
    await logAudit(trx, { actor, action: "walk.created", targetType: "walk", targetId: row.id, details: { title: input.title }, ip: opts.ip }, now);
    return row.id;
  });
  return { ok: true, id };
}

export async function updateWalk(db: DB, actor: AuditActor, id: number, input: WalkInput, opts: Opts = {}): Promise<SaveWalkResult | null> {
  const now = opts.now ?? new Date();
  const previous = await getWalk(db, id);
  if (!previous) return null;
  if (!canEditWalk(previous.status)) return { ok: false, errors: { _form: "walks.errors.notEditable" } };
  const { errors, route } = await validate(db, input, now, previous);
  if (Object.keys(errors).length) return { ok: false, errors };
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("walks")
      .set({ ...columnsFrom(input, route), updated_at: now.toISOString() })
      .where("id", "=", id)
      .execute();
    await logAudit(trx, { actor, action: "walk.updated", targetType: "walk", targetId: id, ip: opts.ip }, now);
  });
  return { ok: true, id };
}

export type WalkTransitionOutcome = { ok: true; status: WalkStatus } | { ok: false; error: WalkLifecycleError };

export async function transitionWalkStatus(
  db: DB,
  actor: AuditActor,
  id: number,
  event: WalkEvent,
  opts: Opts & { weather?: string | null; actualLight?: Light | null } = {},
): Promise<WalkTransitionOutcome | null> {
  const now = opts.now ?? new Date();
  return db.transaction().execute(async (trx) => {
    const w = await trx.selectFrom("walks").select(["status", "starts_at"]).where("id", "=", id).executeTakeFirst();
    if (!w) return null;
    const r = transitionWalk({ status: w.status, startsAt: w.starts_at }, event, { now, weather: opts.weather, actualLight: opts.actualLight });
    if (!r.ok) return r;
    await trx
      .updateTable("walks")
      .set({
        status: r.to,
        updated_at: now.toISOString(),
        ...(event === "start" ? { started_at: now.toISOString(), weather: opts.weather ?? null, actual_light: opts.actualLight ?? null } : {}),
      })
      .where("id", "=", id)
      .execute();
    await logAudit(
      trx,
      {
        actor,
        action: `walk.${event}`,
        targetType: "walk",
        targetId: id,
        details: { from: w.status, to: r.to, ...(event === "start" ? { weather: opts.weather, actualLight: opts.actualLight } : {}) },
        ip: opts.ip,
      },
      now,
    );
    return { ok: true as const, status: r.to };
  });
}

export interface WalkGroup {
  id: number;
  name: string;
  leader: string | null;
  participants: number;
}

export async function listGroups(db: DB, walkId: number): Promise<WalkGroup[]> {
  const rows = await db.selectFrom("walk_groups").select(["id", "name", "leader", "participants"]).where("walk_id", "=", walkId).orderBy("id").execute();
  return rows;
}

export async function addGroup(
  db: DB,
  actor: AuditActor,
  walkId: number,
  input: { name: string; leader: string | null; participants: number },
  opts: Opts = {},
) {
  const now = opts.now ?? new Date();
  return db.transaction().execute(async (trx) => {
    const w = await trx.selectFrom("walks").select("id").where("id", "=", walkId).executeTakeFirst();
    if (!w) return null;
    const row = await trx
      .insertInto("walk_groups")
      .values({ walk_id: walkId, name: input.name, leader: input.leader, participants: input.participants, created_at: now.toISOString() })
      .returning("id")
      .executeTakeFirstOrThrow();
    await logAudit(trx, { actor, action: "walk.group_added", targetType: "walk", targetId: walkId, details: { group: input.name }, ip: opts.ip }, now);
    return row.id;
  });
}

export async function updateGroupCount(db: DB, actor: AuditActor, walkId: number, groupId: number, participants: number, opts: Opts = {}) {
  const now = opts.now ?? new Date();
  return db.transaction().execute(async (trx) => {
    const res = await trx.updateTable("walk_groups").set({ participants }).where("id", "=", groupId).where("walk_id", "=", walkId).executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) return "not_found" as const;
    await logAudit(trx, { actor, action: "walk.group_count", targetType: "walk", targetId: walkId, details: { groupId, participants }, ip: opts.ip }, now);
    return "ok" as const;
  });
}

export async function removeGroup(db: DB, actor: AuditActor, walkId: number, groupId: number, opts: Opts = {}) {
  const now = opts.now ?? new Date();
  return db.transaction().execute(async (trx) => {
    const res = await trx.deleteFrom("walk_groups").where("id", "=", groupId).where("walk_id", "=", walkId).executeTakeFirst();
    if (Number(res.numDeletedRows) === 0) return "not_found" as const;
    await logAudit(trx, { actor, action: "walk.group_removed", targetType: "walk", targetId: walkId, details: { groupId }, ip: opts.ip }, now);
    return "ok" as const;
  });
}

/** Dialogues a walk can be linked to (same district first). */
export async function linkableDialogues(db: DB): Promise<Array<{ id: number; title: string; districtId: number }>> {
  const rows = await db
    .selectFrom("dialogues")
    .select(["id", "title", "district_id"])
    .where("status", "!=", "draft")
    .orderBy("starts_at", "desc")
    .limit(100)
    .execute();
  return rows.map((r) => ({ id: r.id, title: r.title, districtId: r.district_id }));
}
