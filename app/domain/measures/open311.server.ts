import type { TFunction } from "i18next";
import type { DB } from "../../../db/connection";
import { MEASURE_CATEGORIES } from "~/domain/measures/measures.schema";
import {
  measureToRequest,
  observationServiceCode,
  observationStatus,
  observationToRequest,
  parseRequestId,
  type Open311Measure,
  type Open311Observation,
  type ServiceRequest,
} from "~/domain/measures/open311";
import { OBSERVATION_CATEGORY } from "~/domain/measures/sources.server";
import { isCategory } from "~/domain/walks/categories";
import { RESOLVED_STATUSES, type MeasureStatus } from "~/domain/measures/status";

/** GeoReport defaults: without a date range the last 90 days, at most 1000 results. */
export const DEFAULT_WINDOW_DAYS = 90;
export const MAX_RESULTS = 1000;

export interface RequestsQuery {
  serviceRequestIds: Array<{ type: "measure" | "observation"; id: number }> | null;
  serviceCodes: string[] | null;
  status: "open" | "closed" | null;
  startDate: string | null;
  endDate: string | null;
}

export type QueryParse = { ok: true; query: RequestsQuery } | { ok: false; error: string };

function isoDate(v: string | null): string | null | false {
  if (!v) return null;
  const t = Date.parse(v);
  return Number.isNaN(t) || !/^\d{4}-\d{2}-\d{2}/.test(v) ? false : new Date(t).toISOString();
}

export function parseRequestsQuery(params: URLSearchParams): QueryParse {
  const ids = params.get("service_request_id");
  let serviceRequestIds: RequestsQuery["serviceRequestIds"] = null;
  if (ids) {
    const parsed = ids.split(",").map(parseRequestId);
    if (parsed.some((p) => p === null)) return { ok: false, error: "service_request_id must be a comma-separated list of ids like measure-12" };
    serviceRequestIds = parsed as NonNullable<ReturnType<typeof parseRequestId>>[];
  }
  const codes = params.get("service_code");
  const serviceCodes = codes ? codes.split(",").map((c) => c.trim()) : null;
  if (serviceCodes?.some((c) => !(MEASURE_CATEGORIES as readonly string[]).includes(c))) return { ok: false, error: "unknown service_code" };
  const status = params.get("status");
  if (status && status !== "open" && status !== "closed") return { ok: false, error: "status must be open or closed" };
  const startDate = isoDate(params.get("start_date"));
  const endDate = isoDate(params.get("end_date"));
  if (startDate === false || endDate === false) return { ok: false, error: "start_date and end_date must be W3C datetimes" };
  if (startDate && endDate && startDate > endDate) return { ok: false, error: "start_date is after end_date" };
  return { ok: true, query: { serviceRequestIds, serviceCodes, status: (status as "open" | "closed" | null) ?? null, startDate, endDate } };
}

async function loadMeasures(db: DB, ids: number[] | null, q: RequestsQuery | null, now: Date): Promise<Open311Measure[]> {
  let query = db
    .selectFrom("measures")
    .innerJoin("organisations", "organisations.id", "measures.responsible_organisation_id")
    .innerJoin("districts", "districts.id", "measures.district_id")
    .selectAll("measures")
    .select(["organisations.name as org_name", "districts.name as district_name"])
    .select((eb) =>
      eb
        .selectFrom("measure_events")
        .select("comment")
        .whereRef("measure_events.measure_id", "=", "measures.id")
        .where("comment", "is not", null)
        .orderBy("id", "desc")
        .limit(1)
        .as("latest_comment"),
    )
    .orderBy("measures.created_at", "desc")
    .limit(MAX_RESULTS);
  if (ids) query = query.where("measures.id", "in", ids.length ? ids : [-1]);
  if (q) {
    if (q.serviceCodes) query = query.where("measures.category", "in", q.serviceCodes);
    if (q.status === "closed") query = query.where("measures.status", "in", [...RESOLVED_STATUSES]);
    if (q.status === "open") query = query.where("measures.status", "not in", [...RESOLVED_STATUSES]);
    const { start, end } = dateWindow(q, now);
    if (start) query = query.where("measures.created_at", ">=", start);
    if (end) query = query.where("measures.created_at", "<=", end);
  }
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    description: r.description,
    category: r.category,
    status: r.status as MeasureStatus,
    organisationName: r.org_name,
    districtName: r.district_name,
    address: r.location_address,
    lat: r.location_lat,
    lng: r.location_lng,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    plannedDate: r.planned_date,
    dueDate: r.due_date,
    declineReason: r.decline_reason,
    latestComment: r.latest_comment ?? null,
  }));
}

function dateWindow(q: RequestsQuery | null, now: Date): { start: string | null; end: string | null } {
  if (!q || q.serviceRequestIds) return { start: null, end: null };
  return { start: q.startDate ?? (q.endDate ? null : new Date(now.getTime() - DEFAULT_WINDOW_DAYS * 86400e3).toISOString()), end: q.endDate };
}

/** Published observations only; never who raised them, their device or group. */
async function loadObservations(db: DB, ids: number[] | null, q: RequestsQuery | null, now: Date): Promise<Open311Observation[]> {
  let query = db
    .selectFrom("walk_observations")
    .leftJoin("organisations", "organisations.id", "walk_observations.responsible_organisation_id")
    .select([
      "walk_observations.id",
      "walk_observations.walk_id",
      "walk_observations.description",
      "walk_observations.categories",
      "walk_observations.address",
      "walk_observations.lat",
      "walk_observations.lng",
      "walk_observations.created_at",
      "walk_observations.updated_at",
      "organisations.name as org_name",
    ])
    .where("walk_observations.status", "=", "published")
    .orderBy("walk_observations.created_at", "desc")
    .limit(MAX_RESULTS);
  if (ids) query = query.where("walk_observations.id", "in", ids.length ? ids : [-1]);
  const { start, end } = dateWindow(q, now);
  if (start) query = query.where("walk_observations.created_at", ">=", start);
  if (end) query = query.where("walk_observations.created_at", "<=", end);
  const rows = await query.execute();
  const links = rows.length
    ? await db
        .selectFrom("measure_sources")
        .innerJoin("measures", "measures.id", "measure_sources.measure_id")
        .select(["measure_sources.source_id", "measures.status"])
        .where("measure_sources.source_type", "=", "observation")
        .where(
          "measure_sources.source_id",
          "in",
          rows.map((r) => r.id),
        )
        .execute()
    : [];
  const out = rows.map((r) => {
    let raw: unknown = [];
    try {
      raw = JSON.parse(r.categories);
    } catch {
      raw = [];
    }
    const categories = (Array.isArray(raw) ? raw : []).filter(isCategory).map((c) => OBSERVATION_CATEGORY[c]);
    return {
      id: r.id,
      walkId: r.walk_id,
      description: r.description,
      categories,
      organisationName: r.org_name ?? null,
      address: r.address,
      lat: r.lat,
      lng: r.lng,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      measureStatuses: links.filter((l) => l.source_id === r.id).map((l) => l.status as MeasureStatus),
    };
  });
  return out.filter(
    (o) => (!q?.serviceCodes || q.serviceCodes.includes(observationServiceCode(o.categories))) && (!q?.status || observationStatus(o) === q.status),
  );
}

/** Every measure is public from creation (staff-written text); published observations join them. */
export async function listServiceRequests(db: DB, q: RequestsQuery, t: TFunction, baseUrl: string, now: Date = new Date()): Promise<ServiceRequest[]> {
  const measureIds = q.serviceRequestIds ? q.serviceRequestIds.filter((r) => r.type === "measure").map((r) => r.id) : null;
  const observationIds = q.serviceRequestIds ? q.serviceRequestIds.filter((r) => r.type === "observation").map((r) => r.id) : null;
  const [measures, observations] = await Promise.all([loadMeasures(db, measureIds, q, now), loadObservations(db, observationIds, q, now)]);
  return [...measures.map((m) => measureToRequest(m, t, baseUrl)), ...observations.map((o) => observationToRequest(o, t, baseUrl))]
    .sort((a, b) => String(b.requested_datetime).localeCompare(String(a.requested_datetime)))
    .slice(0, MAX_RESULTS);
}

export async function getServiceRequest(db: DB, requestId: string, t: TFunction, baseUrl: string, now: Date = new Date()): Promise<ServiceRequest | null> {
  const parsed = parseRequestId(requestId);
  if (!parsed) return null;
  if (parsed.type === "observation") {
    const [o] = await loadObservations(db, [parsed.id], null, now);
    return o ? observationToRequest(o, t, baseUrl) : null;
  }
  const [row] = await loadMeasures(db, [parsed.id], null, now);
  return row ? measureToRequest(row, t, baseUrl) : null;
}

/** Swedish by default; GeoReport's optional `locale` parameter (e.g. en_US) picks English. */
export function open311Locale(request: Request): "sv" | "en" {
  return new URL(request.url).searchParams.get("locale")?.toLowerCase().startsWith("en") ? "en" : "sv";
}
