/**
 * Observations: submit (idempotent, rate-limited, screened), read for the
 * public map and list, moderate, and edit as protocol items. Database first
 * argument, no module state. Callers publish the returned effects after commit.
 */
import { lockRow } from "~/domain/common/locks";
import type { BudgetCheck, BudgetRefusal } from "~/domain/common/rate-limits.server";
import type { Selectable } from "kysely";
import type { DB } from "../../../db/connection";
import type { FollowUpStatus, ObservationStatus, Priority, WalkObservationTable } from "../../../db/schema-walks";
import { logAudit, type AuditActor } from "~/domain/audit/audit.server";
import { findOrganisation } from "~/domain/common/organisations.server";
import { CATEGORIES, type Category } from "~/domain/walks/categories";
import { inBBox } from "~/domain/walks/geo";
import { observationWindow } from "~/domain/walks/lifecycle";
import { checkObservationRate } from "~/domain/walks/rate";
import { screenObservation } from "~/domain/walks/screen";
import type { ObservationFilter, ObservationInput, ProtocolItemInput } from "~/domain/walks/walk.schema";

export interface PublicObservation {
  id: number;
  walkId: number;
  lat: number;
  lng: number;
  approximate: boolean;
  address: string | null;
  lampPost: string | null;
  categories: Category[];
  positive: boolean;
  feeling: number;
  ratings: { lighting: number | null; openness: number | null; visibility: number | null; people: number | null; walkPath: number | null };
  description: string | null;
  timeOfDay: "day" | "dusk" | "dark";
  raisedBy: string | null;
  addedAfterwards: boolean;
  followupStatus: FollowUpStatus;
  /** Only once staff approved the photo. */
  photoUrl: string | null;
  createdAt: string;
}

/** What the submitter and staff see in addition. */
export interface OwnObservation extends PublicObservation {
  status: ObservationStatus;
  photoStatus: "pending" | "approved" | "rejected" | null;
}

export interface StaffObservation extends OwnObservation {
  flags: string[];
  proposedMeasure: string | null;
  responsibleOrganisationId: number | null;
  responsibleOrganisationName: string | null;
  priority: Priority | null;
  partyReply: string | null;
  feedbackAt: string | null;
  staffPhotoUrl: string | null;
}

export interface ObservationEffects {
  /** Newly public or changed public observations: to everyone on the walk. */
  upserts: PublicObservation[];
  /** No longer public: remove from every map. */
  removed: Array<{ walkId: number; id: number }>;
  /** The staff moderation queue of this walk changed. */
  queueWalkId: number | null;
  /** Private status notices to the device that submitted. */
  notices: Array<{ participantId: string; walkId: number; id: number; status: ObservationStatus; photoStatus: OwnObservation["photoStatus"] }>;
}

const noEffects = (): ObservationEffects => ({ upserts: [], removed: [], queueWalkId: null, notices: [] });

type Row = Selectable<WalkObservationTable> & { photo_file: string | null; photo_status: "pending" | "approved" | "rejected" | null; org_name?: string | null };

function parseCategories(json: string): Category[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((c): c is Category => (CATEGORIES as readonly string[]).includes(c as string)) : [];
  } catch {
    return [];
  }
}

export const photoUrl = (fileName: string) => `/vandringar/foton/${fileName}`;

function toPublic(r: Row): PublicObservation {
  return {
    id: r.id,
    walkId: r.walk_id,
    lat: r.lat,
    lng: r.lng,
    approximate: r.approximate === 1,
    address: r.address,
    lampPost: r.lamp_post,
    categories: parseCategories(r.categories),
    positive: r.positive === 1,
    feeling: r.feeling,
    ratings: {
      lighting: r.rating_lighting,
      openness: r.rating_openness,
      visibility: r.rating_visibility,
      people: r.rating_people,
      walkPath: r.rating_walk_path,
    },
    description: r.description,
    timeOfDay: r.time_of_day,
    raisedBy: r.raised_by,
    addedAfterwards: r.added_afterwards === 1,
    followupStatus: r.followup_status,
    photoUrl: r.photo_file && r.photo_status === "approved" ? photoUrl(r.photo_file) : null,
    createdAt: r.created_at,
  };
}

function toOwn(r: Row): OwnObservation {
  return { ...toPublic(r), status: r.status, photoStatus: r.photo_status };
}

function toStaff(r: Row): StaffObservation {
  let flags: string[] = [];
  try {
    flags = JSON.parse(r.flags) as string[];
  } catch {
    flags = [];
  }
  return {
    ...toOwn(r),
    flags,
    proposedMeasure: r.proposed_measure,
    responsibleOrganisationId: r.responsible_organisation_id,
    responsibleOrganisationName: r.org_name ?? null,
    priority: r.priority,
    partyReply: r.party_reply,
    feedbackAt: r.feedback_at,
    staffPhotoUrl: r.photo_file ? photoUrl(r.photo_file) : null,
  };
}

function base(db: DB) {
  return db
    .selectFrom("walk_observations as o")
    .leftJoin("walk_photos as p", "p.observation_id", "o.id")
    .leftJoin("organisations as org", "org.id", "o.responsible_organisation_id")
    .selectAll("o")
    .select(["p.file_name as photo_file", "p.status as photo_status", "org.name as org_name"]);
}

async function getRow(db: DB, id: number): Promise<Row | undefined> {
  return base(db).where("o.id", "=", id).executeTakeFirst();
}

export type SubmitError =
  | "walks.notFound"
  | "walks.errors.notStarted"
  | "walks.errors.windowClosed"
  | "walks.errors.outsideDistrict"
  | "walks.errors.tooFast"
  | "walks.errors.tooMany"
  | "walks.errors.unknownGroup";

export type SubmitResult =
  | { ok: true; observation: OwnObservation; duplicate: boolean; effects: ObservationEffects }
  | { ok: false; error: SubmitError; field?: string; retryAfterMs?: number }
  | BudgetRefusal;

/**
 * Adds one observation. The (device, idempotency key) pair is checked first,
 * so a replayed offline observation returns the stored one and changes nothing. `gate` (the
 * public budgets, docs/security.md "Limits") runs after that check, so a replay is never
 * refused, and before anything is written.
 */
export async function submitObservation(
  db: DB,
  input: ObservationInput,
  opts: { participantId: string; lateWindowDays: number; now?: Date; gate?: BudgetCheck },
): Promise<SubmitResult> {
  const now = opts.now ?? new Date();
  const existing = await base(db).where("o.participant_id", "=", opts.participantId).where("o.idempotency_key", "=", input.idempotencyKey).executeTakeFirst();
  if (existing) return { ok: true, observation: toOwn(existing), duplicate: true, effects: noEffects() };
  const refused = opts.gate ? await opts.gate() : null;
  if (refused) return refused;

  const walk = await db
    .selectFrom("walks")
    .innerJoin("districts", "districts.id", "walks.district_id")
    .select(["walks.id", "walks.status", "walks.ends_at", "walks.district_id", "bbox_south", "bbox_west", "bbox_north", "bbox_east"])
    .where("walks.id", "=", input.walkId)
    .executeTakeFirst();
  if (!walk) return { ok: false, error: "walks.notFound" };
  const window = observationWindow({ status: walk.status, endsAt: walk.ends_at }, now, opts.lateWindowDays);
  if (!window.open) return { ok: false, error: window.reason };
  const bbox = { south: walk.bbox_south, west: walk.bbox_west, north: walk.bbox_north, east: walk.bbox_east };
  if (!inBBox({ lat: input.lat, lng: input.lng }, bbox)) return { ok: false, error: "walks.errors.outsideDistrict", field: "lat" };
  if (input.groupId !== null) {
    const g = await db.selectFrom("walk_groups").select("id").where("id", "=", input.groupId).where("walk_id", "=", walk.id).executeTakeFirst();
    if (!g) return { ok: false, error: "walks.errors.unknownGroup", field: "groupId" };
  }
  const flags = screenObservation(input);
  const status: ObservationStatus = flags.length ? "pending" : "published";

  return db.transaction().execute(async (trx) => {
    // Lock the walk, then read the device's rate: parallel sends from one device (two tabs, a replayed queue) queue up here.
    if (!(await lockRow(trx, "walks", walk.id))) return { ok: false as const, error: "walks.notFound" as const };
    // A replay sent at the same time as the original (a reconnecting queue) waited on the lock: it gets the stored one.
    const replayed = await base(trx)
      .where("o.participant_id", "=", opts.participantId)
      .where("o.idempotency_key", "=", input.idempotencyKey)
      .executeTakeFirst();
    if (replayed) return { ok: true as const, observation: toOwn(replayed), duplicate: true, effects: noEffects() };
    const mine = await trx
      .selectFrom("walk_observations")
      .select([(eb) => eb.fn.countAll<number>().as("n"), (eb) => eb.fn.max("created_at").as("last")])
      .where("walk_id", "=", walk.id)
      .where("participant_id", "=", opts.participantId)
      .executeTakeFirstOrThrow();
    const rate = checkObservationRate({ lastAt: (mine.last as string | null) ?? null, countInWalk: Number(mine.n), now });
    if (!rate.ok) return { ok: false as const, error: rate.error, retryAfterMs: rate.retryAfterMs };
    const row = await trx
      .insertInto("walk_observations")
      .values({
        walk_id: walk.id,
        district_id: walk.district_id,
        participant_id: opts.participantId,
        idempotency_key: input.idempotencyKey,
        lat: input.lat,
        lng: input.lng,
        approximate: input.approximate ? 1 : 0,
        address: input.address,
        lamp_post: input.lampPost,
        categories: JSON.stringify(input.categories),
        positive: input.positive ? 1 : 0,
        feeling: input.feeling,
        rating_lighting: input.ratings.lighting,
        rating_openness: input.ratings.openness,
        rating_visibility: input.ratings.visibility,
        rating_people: input.ratings.people,
        rating_walk_path: input.ratings.walkPath,
        description: input.description,
        time_of_day: input.timeOfDay,
        raised_by: input.raisedBy,
        group_id: input.groupId,
        added_afterwards: window.afterwards ? 1 : 0,
        status,
        flags: JSON.stringify(flags),
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const stored = (await getRow(trx, row.id))!;
    const effects = noEffects();
    if (status === "published") effects.upserts.push(toPublic(stored));
    else effects.queueWalkId = walk.id;
    return { ok: true as const, observation: toOwn(stored), duplicate: false, effects };
  });
}

function applyFilter<Q extends ReturnType<typeof base>>(q: Q, f: ObservationFilter): Q {
  let out = q;
  if (f.category) out = out.where("o.categories", "like", `%"${f.category}"%`) as Q;
  if (f.timeOfDay) out = out.where("o.time_of_day", "=", f.timeOfDay) as Q;
  if (f.status) out = out.where("o.followup_status", "=", f.status) as Q;
  switch (f.sort) {
    case "oldest":
      return out.orderBy("o.id") as Q;
    case "feeling":
      return out.orderBy("o.feeling").orderBy("o.id", "desc") as Q;
    case "address":
      return out.orderBy("o.address").orderBy("o.id") as Q;
    default:
      return out.orderBy("o.id", "desc") as Q;
  }
}

/** Observations that passed moderation, for a walk or a district. */
export async function listPublicObservations(
  db: DB,
  scope: { walkId?: number; districtId?: number },
  filter: ObservationFilter = {},
  page: { limit?: number; offset?: number } = {},
): Promise<{ items: PublicObservation[]; total: number }> {
  let q = base(db).where("o.status", "=", "published");
  if (scope.walkId) q = q.where("o.walk_id", "=", scope.walkId);
  if (scope.districtId) q = q.where("o.district_id", "=", scope.districtId);
  let countQ = db
    .selectFrom("walk_observations as o")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("o.status", "=", "published");
  if (scope.walkId) countQ = countQ.where("o.walk_id", "=", scope.walkId);
  if (scope.districtId) countQ = countQ.where("o.district_id", "=", scope.districtId);
  if (filter.category) countQ = countQ.where("o.categories", "like", `%"${filter.category}"%`);
  if (filter.timeOfDay) countQ = countQ.where("o.time_of_day", "=", filter.timeOfDay);
  if (filter.status) countQ = countQ.where("o.followup_status", "=", filter.status);
  const [rows, count] = await Promise.all([
    applyFilter(q, filter)
      .limit(page.limit ?? 500)
      .offset(page.offset ?? 0)
      .execute(),
    countQ.executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toPublic), total: Number(count.n) };
}

/** The device's own observations on a walk, whatever their status (so nothing disappears silently). */
export async function listOwnObservations(db: DB, walkId: number, participantId: string): Promise<OwnObservation[]> {
  const rows = await base(db).where("o.walk_id", "=", walkId).where("o.participant_id", "=", participantId).orderBy("o.id", "desc").limit(200).execute();
  return rows.map(toOwn);
}

export async function listStaffObservations(db: DB, walkId: number): Promise<StaffObservation[]> {
  const rows = await base(db).where("o.walk_id", "=", walkId).orderBy("o.id").execute();
  return rows.map(toStaff);
}

/**
 * Compact map data for thousands of points: one array per observation,
 * [id, lat, lng, category bitmask (CATEGORIES order), feeling, time of day 0-2, follow-up 0-2].
 * The client clusters and filters it; details come from the list.
 */
export type MapRow = [number, number, number, number, number, number, number];
const LIGHT_INDEX = { day: 0, dusk: 1, dark: 2 } as const;
const FOLLOWUP_INDEX = { new: 0, sent: 1, replied: 2 } as const;

export function categoryMask(categories: readonly string[]): number {
  let mask = 0;
  for (const c of categories) {
    const i = (CATEGORIES as readonly string[]).indexOf(c);
    if (i >= 0) mask |= 1 << i;
  }
  return mask;
}

export async function mapData(db: DB, scope: { walkId?: number; districtId?: number }): Promise<MapRow[]> {
  let q = db
    .selectFrom("walk_observations")
    .select(["id", "lat", "lng", "categories", "feeling", "time_of_day", "followup_status"])
    .where("status", "=", "published");
  if (scope.walkId) q = q.where("walk_id", "=", scope.walkId);
  if (scope.districtId) q = q.where("district_id", "=", scope.districtId);
  const rows = await q.orderBy("id").execute();
  return rows.map((r) => [
    r.id,
    Math.round(r.lat * 1e6) / 1e6,
    Math.round(r.lng * 1e6) / 1e6,
    categoryMask(parseCategories(r.categories)),
    r.feeling,
    LIGHT_INDEX[r.time_of_day],
    FOLLOWUP_INDEX[r.followup_status],
  ]);
}

export interface ModerationQueue {
  observations: StaffObservation[];
  photos: StaffObservation[];
}

export async function moderationQueue(db: DB, walkId: number): Promise<ModerationQueue> {
  const all = await listStaffObservations(db, walkId);
  return {
    observations: all.filter((o) => o.status === "pending"),
    photos: all.filter((o) => o.photoStatus === "pending" && o.status !== "rejected"),
  };
}

type Opts = { now?: Date; ip?: string | null };

/** Publishes or rejects an observation (a published one can be taken down again). */
export async function moderateObservation(db: DB, actor: AuditActor, walkId: number, id: number, decision: "publish" | "reject", opts: Opts = {}) {
  const now = opts.now ?? new Date();
  return db.transaction().execute(async (trx) => {
    const r = await getRow(trx, id);
    if (!r || r.walk_id !== walkId) return null;
    const to: ObservationStatus = decision === "publish" ? "published" : "rejected";
    if (r.status === to) return { ok: true as const, effects: noEffects() };
    await trx
      .updateTable("walk_observations")
      .set({ status: to, moderated_by: actor.id, moderated_at: now.toISOString(), updated_at: now.toISOString() })
      .where("id", "=", id)
      .execute();
    await logAudit(
      trx,
      {
        actor,
        action: `walk.observation_${decision === "publish" ? "published" : "rejected"}`,
        targetType: "walk_observation",
        targetId: id,
        details: { walkId, from: r.status },
        ip: opts.ip,
      },
      now,
    );
    const after = (await getRow(trx, id))!;
    const effects = noEffects();
    effects.queueWalkId = walkId;
    if (to === "published") effects.upserts.push(toPublic(after));
    else if (r.status === "published") effects.removed.push({ walkId, id });
    if (r.participant_id) effects.notices.push({ participantId: r.participant_id, walkId, id, status: to, photoStatus: after.photo_status });
    return { ok: true as const, effects };
  });
}

export async function moderatePhoto(db: DB, actor: AuditActor, walkId: number, id: number, decision: "approve" | "reject", opts: Opts = {}) {
  const now = opts.now ?? new Date();
  return db.transaction().execute(async (trx) => {
    const r = await getRow(trx, id);
    if (!r || r.walk_id !== walkId || !r.photo_file) return null;
    const to = decision === "approve" ? "approved" : "rejected";
    await trx.updateTable("walk_photos").set({ status: to, reviewed_by: actor.id, reviewed_at: now.toISOString() }).where("observation_id", "=", id).execute();
    await logAudit(trx, { actor, action: `walk.photo_${to}`, targetType: "walk_observation", targetId: id, details: { walkId }, ip: opts.ip }, now);
    const after = (await getRow(trx, id))!;
    const effects = noEffects();
    effects.queueWalkId = walkId;
    if (after.status === "published") effects.upserts.push(toPublic(after));
    if (r.participant_id) effects.notices.push({ participantId: r.participant_id, walkId, id, status: after.status, photoStatus: to });
    return { ok: true as const, effects };
  });
}

/** Staff edit of one protocol item: measure, responsible party, priority, reply, refined position. */
export async function updateProtocolItem(
  db: DB,
  actor: AuditActor,
  walkId: number,
  input: ProtocolItemInput,
  opts: Opts = {},
): Promise<{ ok: true; effects: ObservationEffects } | { ok: false; errors: Record<string, string> } | null> {
  const now = opts.now ?? new Date();
  type Out = { ok: true; effects: ObservationEffects } | { ok: false; errors: Record<string, string> } | null;
  return db.transaction().execute(async (trx): Promise<Out> => {
    const r = await getRow(trx, input.observationId);
    if (!r || r.walk_id !== walkId) return null;
    if (input.responsibleOrganisationId !== null) {
      const org = await findOrganisation(trx, input.responsibleOrganisationId);
      if (!org) return { ok: false as const, errors: { responsibleOrganisationId: "walks.errors.organisation" } };
    }
    if ((input.lat === null) !== (input.lng === null)) return { ok: false as const, errors: { lat: "walks.errors.coordinatePair" } };
    if (input.lat !== null && input.lng !== null) {
      const d = await trx.selectFrom("districts").selectAll().where("id", "=", r.district_id).executeTakeFirstOrThrow();
      if (!inBBox({ lat: input.lat, lng: input.lng }, { south: d.bbox_south, west: d.bbox_west, north: d.bbox_north, east: d.bbox_east })) {
        return { ok: false as const, errors: { lat: "walks.errors.outsideDistrict" } };
      }
    }
    const replied = input.partyReply !== null && input.partyReply !== r.party_reply;
    await trx
      .updateTable("walk_observations")
      .set({
        proposed_measure: input.proposedMeasure,
        responsible_organisation_id: input.responsibleOrganisationId,
        priority: input.priority,
        party_reply: input.partyReply,
        ...(replied ? { followup_status: "replied" as const, feedback_at: now.toISOString() } : {}),
        ...(input.lat !== null && input.lng !== null ? { lat: input.lat, lng: input.lng, approximate: 0 } : {}),
        ...(input.address !== null ? { address: input.address } : {}),
        updated_at: now.toISOString(),
      })
      .where("id", "=", r.id)
      .execute();
    await logAudit(
      trx,
      {
        actor,
        action: "walk.protocol_item_saved",
        targetType: "walk_observation",
        targetId: r.id,
        details: { walkId, priority: input.priority, responsible: input.responsibleOrganisationId },
        ip: opts.ip,
      },
      now,
    );
    const after = (await getRow(trx, r.id))!;
    const effects = noEffects();
    if (after.status === "published") effects.upserts.push(toPublic(after));
    return { ok: true as const, effects };
  });
}

/** For the measures feature (issue 6): one observation by id, whatever its walk. */
export interface ObservationForMeasure {
  id: number;
  walkId: number;
  districtId: number;
  lat: number;
  lng: number;
  address: string | null;
  categories: Category[];
  description: string | null;
  status: ObservationStatus;
}

export async function getObservationForMeasure(db: DB, id: number): Promise<ObservationForMeasure | null> {
  const r = await db
    .selectFrom("walk_observations")
    .select(["id", "walk_id", "district_id", "lat", "lng", "address", "categories", "description", "status"])
    .where("id", "=", id)
    .executeTakeFirst();
  if (!r) return null;
  return {
    id: r.id,
    walkId: r.walk_id,
    districtId: r.district_id,
    lat: r.lat,
    lng: r.lng,
    address: r.address,
    categories: parseCategories(r.categories),
    description: r.description,
    status: r.status,
  };
}

/** Ownership check for photo uploads: the device that submitted it. */
export async function observationOwner(db: DB, id: number): Promise<{ walkId: number; participantId: string | null; status: ObservationStatus } | null> {
  const r = await db.selectFrom("walk_observations").select(["walk_id", "participant_id", "status"]).where("id", "=", id).executeTakeFirst();
  return r ? { walkId: r.walk_id, participantId: r.participant_id, status: r.status } : null;
}

export async function getOwnObservation(db: DB, id: number): Promise<OwnObservation | null> {
  const r = await getRow(db, id);
  return r ? toOwn(r) : null;
}

export function publicOf(o: OwnObservation): PublicObservation | null {
  if (o.status !== "published") return null;
  const { status: _s, photoStatus: _p, ...rest } = o;
  return rest;
}
