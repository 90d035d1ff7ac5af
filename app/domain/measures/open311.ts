/**
 * Open311 GeoReport v2 (read-only) mapping. Field names follow the spec exactly
 * (https://wiki.open311.org/GeoReport_v2). Measures appear as service requests
 * with ids "measure-<id>", published walk observations as "observation-<id>".
 */
import type { TFunction } from "i18next";
import { MEASURE_CATEGORIES } from "~/domain/measures/measures.schema";
import { RESOLVED_STATUSES, type MeasureStatus } from "~/domain/measures/status";
import { tKey } from "~/i18n/keys";

export const SERVICE_REQUEST_FIELDS = [
  "service_request_id",
  "status",
  "status_notes",
  "service_name",
  "service_code",
  "description",
  "agency_responsible",
  "service_notice",
  "requested_datetime",
  "updated_datetime",
  "expected_datetime",
  "address",
  "address_id",
  "zipcode",
  "lat",
  "long",
  "media_url",
] as const;

export const SERVICE_FIELDS = ["service_code", "service_name", "description", "metadata", "type", "keywords", "group"] as const;

export type ServiceRequest = Record<(typeof SERVICE_REQUEST_FIELDS)[number], string | number | null>;
export type Service = {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: "realtime" | "batch" | "blackbox";
  keywords: string;
  group: string;
};

/** GeoReport knows two statuses: resolved measures (done, verified, declined) are "closed". */
export function open311Status(status: MeasureStatus): "open" | "closed" {
  return RESOLVED_STATUSES.includes(status) ? "closed" : "open";
}

export function measureRequestId(id: number): string {
  return `measure-${id}`;
}

export function parseRequestId(value: string): { type: "measure" | "observation"; id: number } | null {
  const m = /^(measure|observation)-(\d{1,9})$/.exec(value.trim());
  return m ? { type: m[1] as "measure" | "observation", id: Number(m[2]) } : null;
}

export function services(t: TFunction): Service[] {
  return MEASURE_CATEGORIES.map((code) => ({
    service_code: code,
    service_name: tKey(t, `measures.category.${code}`),
    description: t("measures.open311.serviceDescription", { name: tKey(t, `measures.category.${code}`) }),
    metadata: false,
    // Read-only: requests cannot be created through this endpoint.
    type: "blackbox",
    keywords: "",
    group: t("measures.open311.group"),
  }));
}

export interface Open311Measure {
  id: number;
  title: string;
  description: string;
  category: string;
  status: MeasureStatus;
  organisationName: string;
  districtName: string;
  address: string | null;
  lat: number | null;
  lng: number | null;
  createdAt: string;
  updatedAt: string;
  plannedDate: string | null;
  dueDate: string | null;
  declineReason: string | null;
  latestComment: string | null;
}

/** A date-only value as a datetime at Stockholm noon is wrong half the year; use midnight UTC and say so in the docs. */
const dateTime = (d: string | null) => (d ? `${d}T00:00:00Z` : null);

export function measureToRequest(m: Open311Measure, t: TFunction, baseUrl: string): ServiceRequest {
  const notes = [t(`measures.status.${m.status}`), m.status === "declined" ? m.declineReason : m.latestComment].filter(Boolean).join(": ");
  return {
    service_request_id: measureRequestId(m.id),
    status: open311Status(m.status),
    status_notes: notes,
    service_name: tKey(t, `measures.category.${m.category}`),
    service_code: m.category,
    description: `${m.title}. ${m.description}`,
    agency_responsible: m.organisationName,
    service_notice: new URL(`/atgarder/${m.id}`, baseUrl).toString(),
    requested_datetime: m.createdAt,
    updated_datetime: m.updatedAt,
    expected_datetime: dateTime(m.plannedDate ?? m.dueDate),
    address: m.address ?? m.districtName,
    address_id: null,
    zipcode: null,
    lat: m.lat,
    long: m.lng,
    media_url: null,
  };
}

export interface Open311Observation {
  id: number;
  walkId: number;
  description: string | null;
  /** Already mapped to measure categories (service codes). */
  categories: string[];
  organisationName: string | null;
  address: string | null;
  lat: number;
  lng: number;
  createdAt: string;
  updatedAt: string;
  /** Statuses of the measures made from it. */
  measureStatuses: MeasureStatus[];
}

/** An observation is "closed" once it has led to measures and all of them are resolved. */
export function observationStatus(o: Pick<Open311Observation, "measureStatuses">): "open" | "closed" {
  return o.measureStatuses.length > 0 && o.measureStatuses.every((s) => RESOLVED_STATUSES.includes(s)) ? "closed" : "open";
}

export function observationServiceCode(categories: readonly string[]): string {
  return categories.find((c) => c !== "other") ?? "other";
}

export function observationToRequest(o: Open311Observation, t: TFunction, baseUrl: string): ServiceRequest {
  const code = observationServiceCode(o.categories);
  const labels = [...new Set(o.categories)].map((c) => tKey(t, `measures.category.${c}`)).join(", ");
  return {
    service_request_id: `observation-${o.id}`,
    status: observationStatus(o),
    status_notes: o.measureStatuses.length ? o.measureStatuses.map((s) => t(`measures.status.${s}`)).join(", ") : null,
    service_name: tKey(t, `measures.category.${code}`),
    service_code: code,
    description: o.description ? `${labels}. ${o.description}` : labels,
    agency_responsible: o.organisationName,
    service_notice: new URL(`/vandringar/${o.walkId}`, baseUrl).toString(),
    requested_datetime: o.createdAt,
    updated_datetime: o.updatedAt,
    expected_datetime: null,
    address: o.address,
    address_id: null,
    zipcode: null,
    lat: o.lat,
    long: o.lng,
    media_url: null,
  };
}

export function open311Error(code: number, description: string): Response {
  return new Response(JSON.stringify([{ code, description }]), { status: code, headers: { "Content-Type": "application/json; charset=utf-8" } });
}

export function open311Json(body: unknown): Response {
  return new Response(JSON.stringify(body), {
    headers: { "Content-Type": "application/json; charset=utf-8", "Access-Control-Allow-Origin": "*", "Cache-Control": "public, max-age=60" },
  });
}
