/**
 * The camera register: create, edit, read and list camera sites, move them through their
 * states, and say which walk pin or measure a camera came from (and which cameras came from
 * a pin or a measure). Every write runs in one transaction with its audit entry.
 * Reviews: reviews.server.ts. Footage log: footage.server.ts. Rules: state.ts.
 */
import type { DB } from "../../../db/connection";
import type { CameraTable } from "../../../db/schema-cameras";
import type { Selectable } from "kysely";
import { logAudit, type AuditActor } from "~/domain/audit/audit.server";
import { findOrganisation } from "~/domain/common/organisations.server";
import { calendarDate } from "~/domain/common/time";
import { lockRow } from "~/domain/common/locks";
import { areaToText, type CameraInput, type PolygonGeometry } from "~/domain/cameras/cameras.schema";
import { reviewDueDate, reviewFlag, transition, type CameraAction, type CameraFacts, type CameraState, type ReviewFlag } from "~/domain/cameras/state";
import { getObservationForMeasure } from "~/domain/walks/observations.server";

export interface CameraSummary {
  id: number;
  name: string;
  state: CameraState;
  districtId: number;
  districtName: string;
  districtSlug: string;
  ownerOrganisationId: number | null;
  ownerName: string | null;
  address: string | null;
  lat: number;
  lng: number;
  area: PolygonGeometry | null;
  locationPublic: boolean;
  reviewDue: string | null;
  reviewFlag: ReviewFlag;
}

export interface Camera extends CameraSummary {
  direction: string | null;
  purpose: string | null;
  mode: "live" | "recorded" | "both";
  recordingHours: string | null;
  retentionDays: number | null;
  footageViewers: string | null;
  balancing: { date: string | null; decidedBy: string | null; incidents: string | null; alternatives: string | null; conditions: string | null };
  imyPermit: { ref: string | null; date: string | null; conditions: string | null };
  sign: { locations: string | null; text: string | null; textEasy: string | null; pictogram: boolean; languages: string | null; contact: string | null };
  source: { type: "observation" | "measure"; id: number } | null;
  activatedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

function baseQuery(db: DB) {
  return db
    .selectFrom("cameras")
    .innerJoin("districts", "districts.id", "cameras.district_id")
    .leftJoin("organisations", "organisations.id", "cameras.owner_organisation_id")
    .selectAll("cameras")
    .select(["districts.name as district_name", "districts.slug as district_slug", "organisations.name as owner_name"]);
}

type Row = Selectable<CameraTable> & { district_name: string; district_slug: string; owner_name: string | null };

function parseArea(text: string | null): PolygonGeometry | null {
  if (!text) return null;
  try {
    const g = JSON.parse(text) as PolygonGeometry;
    return g && g.type === "Polygon" && Array.isArray(g.coordinates) ? g : null;
  } catch {
    return null;
  }
}

function toSummary(r: Row, today: string): CameraSummary {
  return {
    id: r.id,
    name: r.name,
    state: r.state,
    districtId: r.district_id,
    districtName: r.district_name,
    districtSlug: r.district_slug,
    ownerOrganisationId: r.owner_organisation_id,
    ownerName: r.owner_name,
    address: r.address,
    lat: r.lat,
    lng: r.lng,
    area: parseArea(r.area_geojson),
    locationPublic: r.location_public === 1,
    reviewDue: r.review_due,
    reviewFlag: reviewFlag(r.state, r.review_due, today),
  };
}

function toCamera(r: Row, today: string): Camera {
  return {
    ...toSummary(r, today),
    direction: r.direction,
    purpose: r.purpose,
    mode: r.mode,
    recordingHours: r.recording_hours,
    retentionDays: r.retention_days,
    footageViewers: r.footage_viewers,
    balancing: {
      date: r.balancing_date,
      decidedBy: r.balancing_decided_by,
      incidents: r.balancing_incidents,
      alternatives: r.balancing_alternatives,
      conditions: r.balancing_conditions,
    },
    imyPermit: { ref: r.imy_permit_ref, date: r.imy_permit_date, conditions: r.imy_permit_conditions },
    sign: {
      locations: r.sign_locations,
      text: r.sign_text,
      textEasy: r.sign_text_easy,
      pictogram: r.sign_pictogram === 1,
      languages: r.sign_languages,
      contact: r.contact,
    },
    source: r.source_type && r.source_id ? { type: r.source_type, id: r.source_id } : null,
    activatedAt: r.activated_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function factsOf(c: Camera): CameraFacts {
  return {
    state: c.state,
    purpose: c.purpose,
    ownerOrganisationId: c.ownerOrganisationId,
    balancingDate: c.balancing.date,
    balancingDecidedBy: c.balancing.decidedBy,
    balancingIncidents: c.balancing.incidents,
    balancingAlternatives: c.balancing.alternatives,
    imyPermitRef: c.imyPermit.ref,
    imyPermitDate: c.imyPermit.date,
  };
}

export interface CameraListOptions {
  districtId?: number;
  overdueOnly?: boolean;
  /** Public register: cameras that are set up or running, whose location may be public. */
  publicOnly?: boolean;
}

export async function listCameras(db: DB, opts: CameraListOptions = {}, now: Date = new Date()): Promise<Camera[]> {
  let q = baseQuery(db).orderBy("cameras.name").orderBy("cameras.id");
  if (opts.districtId) q = q.where("cameras.district_id", "=", opts.districtId);
  if (opts.publicOnly) q = q.where("cameras.location_public", "=", 1).where("cameras.state", "in", ["active", "paused"]);
  const today = calendarDate(now);
  const rows = (await q.execute()).map((r) => toCamera(r, today));
  return opts.overdueOnly ? rows.filter((c) => c.reviewFlag === "overdue") : rows;
}

export async function getCamera(db: DB, id: number, now: Date = new Date()): Promise<Camera | null> {
  const r = await baseQuery(db).where("cameras.id", "=", id).executeTakeFirst();
  return r ? toCamera(r, calendarDate(now)) : null;
}

/** The cameras proposed from a walk pin or a measure (the other direction of the link). */
export async function camerasFrom(db: DB, type: "observation" | "measure", id: number): Promise<Array<{ id: number; name: string; state: CameraState }>> {
  return db.selectFrom("cameras").select(["id", "name", "state"]).where("source_type", "=", type).where("source_id", "=", id).orderBy("id").execute();
}

/** Cameras proposed from any of these pins (a walk page lists its pins). */
export async function camerasFromObservations(db: DB, ids: number[]): Promise<Record<number, Array<{ id: number; name: string; state: CameraState }>>> {
  if (ids.length === 0) return {};
  const rows = await db
    .selectFrom("cameras")
    .select(["id", "name", "state", "source_id"])
    .where("source_type", "=", "observation")
    .where("source_id", "in", ids)
    .orderBy("id")
    .execute();
  const out: Record<number, Array<{ id: number; name: string; state: CameraState }>> = {};
  for (const r of rows) (out[r.source_id!] ??= []).push({ id: r.id, name: r.name, state: r.state });
  return out;
}

export interface SourceInfo {
  type: "observation" | "measure";
  id: number;
  districtId: number;
  label: string;
  /** The staff page that shows it (the walk protocol's item, or the measure). */
  href: string;
}

/** The walk pin or measure a camera may come from; observations must be published. */
export async function findSource(db: DB, type: "observation" | "measure", id: number): Promise<SourceInfo | null> {
  if (type === "observation") {
    const o = await getObservationForMeasure(db, id);
    if (!o || o.status !== "published") return null;
    return {
      type,
      id,
      districtId: o.districtId,
      label: o.address ?? o.description ?? `#${id}`,
      href: `/personal/vandringar/${o.walkId}/protokoll#item-${id}-h`,
    };
  }
  const m = await db.selectFrom("measures").select(["id", "district_id", "title"]).where("id", "=", id).executeTakeFirst();
  return m ? { type, id, districtId: m.district_id, label: m.title, href: `/personal/atgarder/${id}` } : null;
}

/** Form values for "propose a camera here" from a pin or a measure. */
export async function prefillFromSource(
  db: DB,
  type: "observation" | "measure",
  id: number,
): Promise<{ source: SourceInfo; values: Record<string, string> } | null> {
  const source = await findSource(db, type, id);
  if (!source) return null;
  if (type === "observation") {
    const o = (await getObservationForMeasure(db, id))!;
    return {
      source,
      values: { districtId: String(o.districtId), address: o.address ?? "", lat: String(o.lat), lng: String(o.lng), sourceType: type, sourceId: String(id) },
    };
  }
  const m = await db
    .selectFrom("measures")
    .select(["district_id", "location_address", "location_lat", "location_lng", "title"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
  return {
    source,
    values: {
      districtId: String(m.district_id),
      address: m.location_address ?? "",
      lat: m.location_lat === null ? "" : String(m.location_lat),
      lng: m.location_lng === null ? "" : String(m.location_lng),
      sourceType: type,
      sourceId: String(id),
    },
  };
}

/** A camera's form values, for the edit page. */
export function cameraFormValues(c: Camera): Record<string, string> {
  const s = (v: string | number | null) => (v === null ? "" : String(v));
  return {
    name: c.name,
    districtId: String(c.districtId),
    ownerOrganisationId: s(c.ownerOrganisationId),
    address: s(c.address),
    lat: String(c.lat),
    lng: String(c.lng),
    areaPoints: areaToText(c.area),
    direction: s(c.direction),
    purpose: s(c.purpose),
    mode: c.mode,
    recordingHours: s(c.recordingHours),
    retentionDays: s(c.retentionDays),
    footageViewers: s(c.footageViewers),
    locationPublic: c.locationPublic ? "1" : "",
    balancingDate: s(c.balancing.date),
    balancingDecidedBy: s(c.balancing.decidedBy),
    balancingIncidents: s(c.balancing.incidents),
    balancingAlternatives: s(c.balancing.alternatives),
    balancingConditions: s(c.balancing.conditions),
    imyPermitRef: s(c.imyPermit.ref),
    imyPermitDate: s(c.imyPermit.date),
    imyPermitConditions: s(c.imyPermit.conditions),
    signLocations: s(c.sign.locations),
    signText: s(c.sign.text),
    signTextEasy: s(c.sign.textEasy),
    signPictogram: c.sign.pictogram ? "1" : "",
    signLanguages: s(c.sign.languages),
    contact: s(c.sign.contact),
    sourceType: c.source?.type ?? "",
    sourceId: c.source ? String(c.source.id) : "",
  };
}

function columnsOf(input: CameraInput) {
  return {
    district_id: input.districtId,
    owner_organisation_id: input.ownerOrganisationId,
    name: input.name,
    address: input.address,
    lat: input.lat,
    lng: input.lng,
    area_geojson: input.area ? JSON.stringify(input.area) : null,
    direction: input.direction,
    purpose: input.purpose,
    mode: input.mode,
    recording_hours: input.recordingHours,
    retention_days: input.retentionDays,
    footage_viewers: input.footageViewers,
    location_public: input.locationPublic,
    balancing_date: input.balancingDate,
    balancing_decided_by: input.balancingDecidedBy,
    balancing_incidents: input.balancingIncidents,
    balancing_alternatives: input.balancingAlternatives,
    balancing_conditions: input.balancingConditions,
    imy_permit_ref: input.imyPermitRef,
    imy_permit_date: input.imyPermitDate,
    imy_permit_conditions: input.imyPermitConditions,
    sign_locations: input.signLocations,
    sign_text: input.signText,
    sign_text_easy: input.signTextEasy,
    sign_pictogram: input.signPictogram,
    sign_languages: input.signLanguages,
    contact: input.contact,
  };
}

export type SaveResult = { ok: true; id: number } | { ok: false; errors: Record<string, string>; notFound?: boolean };

async function checkRefs(db: DB, input: CameraInput): Promise<Record<string, string>> {
  const errors: Record<string, string> = {};
  const district = await db.selectFrom("districts").select("id").where("id", "=", input.districtId).executeTakeFirst();
  if (!district) errors.districtId = "cameras.errors.unknownDistrict";
  if (input.ownerOrganisationId !== null && !(await findOrganisation(db, input.ownerOrganisationId)))
    errors.ownerOrganisationId = "cameras.errors.unknownOrganisation";
  return errors;
}

/** Registers a camera as proposed. A pin or measure it comes from must exist and lie in the same district. */
export async function createCamera(db: DB, actor: AuditActor, input: CameraInput, opts: { now?: Date; ip?: string | null } = {}): Promise<SaveResult> {
  const now = opts.now ?? new Date();
  const errors = await checkRefs(db, input);
  if (input.sourceType && input.sourceId) {
    const source = await findSource(db, input.sourceType, input.sourceId);
    if (!source) errors._form = "cameras.errors.sourceInvalid";
    else if (source.districtId !== input.districtId) errors.districtId = "cameras.errors.sourceOtherDistrict";
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  const iso = now.toISOString();
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("cameras")
      .values({
        ...columnsOf(input),
        state: "proposed",
        source_type: input.sourceType,
        source_id: input.sourceId,
        created_by: actor.id,
        created_at: iso,
        updated_at: iso,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await logAudit(
      trx,
      {
        actor,
        action: "camera.create",
        targetType: "camera",
        targetId: row.id,
        details: { name: input.name, source: input.sourceType ? { type: input.sourceType, id: input.sourceId } : null },
        ip: opts.ip,
      },
      now,
    );
    return row.id;
  });
  return { ok: true, id };
}

/**
 * Saves the camera's details. The origin (pin or measure) never changes. A running camera may
 * not lose what made it lawful to start: its purpose, owner and documented balancing.
 */
export async function updateCamera(
  db: DB,
  actor: AuditActor,
  id: number,
  input: CameraInput,
  opts: { now?: Date; ip?: string | null } = {},
): Promise<SaveResult> {
  const now = opts.now ?? new Date();
  const errors = await checkRefs(db, input);
  if (Object.keys(errors).length) return { ok: false, errors };
  return db.transaction().execute(async (trx) => {
    if (!(await lockRow(trx, "cameras", id))) return { ok: false, errors: {}, notFound: true };
    const current = (await trx.selectFrom("cameras").select(["state"]).where("id", "=", id).executeTakeFirstOrThrow()).state;
    if (current !== "proposed" && current !== "removed") {
      const check = transition(
        {
          state: "balancing_documented",
          purpose: input.purpose,
          ownerOrganisationId: input.ownerOrganisationId,
          balancingDate: input.balancingDate,
          balancingDecidedBy: input.balancingDecidedBy,
          balancingIncidents: input.balancingIncidents,
          balancingAlternatives: input.balancingAlternatives,
          imyPermitRef: input.imyPermitRef,
          imyPermitDate: input.imyPermitDate,
        },
        "activate",
      );
      if (!check.ok) return { ok: false, errors: check.errors as Record<string, string> };
    }
    await trx
      .updateTable("cameras")
      .set({ ...columnsOf(input), updated_at: now.toISOString() })
      .where("id", "=", id)
      .execute();
    await logAudit(trx, { actor, action: "camera.update", targetType: "camera", targetId: id, details: { name: input.name }, ip: opts.ip }, now);
    return { ok: true as const, id };
  });
}

export type ActionResult = { ok: true; to: CameraState } | { ok: false; errors: Record<string, string>; notFound?: boolean };

/**
 * One step of the state machine. Activation stamps the start and sets the first review's due
 * date (one year on); the refusal of a camera that may not start is audited with what was missing.
 */
export async function changeCameraState(
  db: DB,
  actor: AuditActor,
  id: number,
  action: CameraAction,
  opts: { now?: Date; ip?: string | null } = {},
): Promise<ActionResult> {
  const now = opts.now ?? new Date();
  return db.transaction().execute(async (trx) => {
    if (!(await lockRow(trx, "cameras", id))) return { ok: false, errors: {}, notFound: true };
    const camera = (await getCamera(trx, id, now))!;
    const result = transition(factsOf(camera), action);
    if (!result.ok) {
      await logAudit(
        trx,
        {
          actor,
          action: "camera.change_refused",
          targetType: "camera",
          targetId: id,
          details: { action, from: camera.state, errors: result.errors },
          ip: opts.ip,
        },
        now,
      );
      return { ok: false, errors: result.errors as Record<string, string> };
    }
    const iso = now.toISOString();
    const patch: Partial<Record<"state" | "activated_at" | "review_due" | "updated_at", string | null>> = { state: result.to, updated_at: iso };
    if (action === "activate") {
      patch.activated_at = iso;
      const last = await trx.selectFrom("camera_reviews").select("reviewed_on").where("camera_id", "=", id).orderBy("reviewed_on", "desc").executeTakeFirst();
      patch.review_due = reviewDueDate(calendarDate(now), last?.reviewed_on ?? null);
    }
    if (action === "remove") patch.review_due = null;
    await trx
      .updateTable("cameras")
      .set(patch as { state: CameraState })
      .where("id", "=", id)
      .execute();
    await logAudit(
      trx,
      { actor, action: "camera.state", targetType: "camera", targetId: id, details: { action, from: camera.state, to: result.to }, ip: opts.ip },
      now,
    );
    return { ok: true as const, to: result.to };
  });
}

/** Counts for the staff start page: cameras whose yearly review is overdue. */
export async function overdueReviewCount(db: DB, now: Date = new Date()): Promise<number> {
  const today = calendarDate(now);
  const row = await db
    .selectFrom("cameras")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("state", "in", ["active", "paused"])
    .where("review_due", "<", today)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
