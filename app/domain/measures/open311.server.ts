import type { TFunction } from "i18next";
import type { DB } from "../../../db/connection";
import { MEASURE_CATEGORIES } from "./measures.schema";
import { measureToRequest, parseRequestId, type Open311Measure, type ServiceRequest } from "./open311";
import { RESOLVED_STATUSES, type MeasureStatus } from "./status";

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
    if (!ids) {
      const start = q.startDate ?? (q.endDate ? null : new Date(now.getTime() - DEFAULT_WINDOW_DAYS * 86400e3).toISOString());
      if (start) query = query.where("measures.created_at", ">=", start);
      if (q.endDate) query = query.where("measures.created_at", "<=", q.endDate);
    }
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

/** Every measure is public from creation (staff-written text); observations join here once walks land. */
export async function listServiceRequests(db: DB, q: RequestsQuery, t: TFunction, baseUrl: string, now: Date = new Date()): Promise<ServiceRequest[]> {
  const measureIds = q.serviceRequestIds ? q.serviceRequestIds.filter((r) => r.type === "measure").map((r) => r.id) : null;
  const rows = await loadMeasures(db, measureIds, q, now);
  return rows.map((m) => measureToRequest(m, t, baseUrl));
}

export async function getServiceRequest(db: DB, requestId: string, t: TFunction, baseUrl: string): Promise<ServiceRequest | null> {
  const parsed = parseRequestId(requestId);
  if (!parsed || parsed.type !== "measure") return null;
  const [row] = await loadMeasures(db, [parsed.id], null, new Date());
  return row ? measureToRequest(row, t, baseUrl) : null;
}

/** Swedish by default; GeoReport's optional `locale` parameter (e.g. en_US) picks English. */
export function open311Locale(request: Request): "sv" | "en" {
  return new URL(request.url).searchParams.get("locale")?.toLowerCase().startsWith("en") ? "en" : "sv";
}
