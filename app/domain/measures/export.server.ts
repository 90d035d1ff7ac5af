import type { DB } from "../../../db/connection";
import { serverT } from "~/i18n/i18n";
import { toCsv } from "~/domain/measures/csv";
import type { Dashboard } from "~/domain/measures/dashboard.server";
import { listMeasures, type ListOptions } from "~/domain/measures/measures.server";
import { tKey } from "~/i18n/keys";

/** Column names are stable English identifiers (for scripts); values are Swedish labels plus codes. */
export async function measuresCsv(db: DB, opts: ListOptions, now: Date = new Date()): Promise<string> {
  const t = serverT("sv");
  const rows = await listMeasures(db, opts, now);
  return toCsv(
    [
      "id",
      "title",
      "status",
      "status_label",
      "category",
      "category_label",
      "responsible",
      "district",
      "address",
      "lat",
      "lng",
      "due_date",
      "planned_date",
      "overdue",
      "created_at",
      "updated_at",
    ],
    rows.map((m) => [
      m.id,
      m.title,
      m.status,
      t(`measures.status.${m.status}`),
      m.category,
      t(`measures.category.${m.category}`),
      m.organisationName,
      m.districtName,
      m.address,
      m.lat,
      m.lng,
      m.dueDate,
      m.plannedDate,
      m.overdue ? "yes" : "no",
      m.createdAt,
      m.updatedAt,
    ]),
  );
}

export const DASHBOARD_TABLES = ["status", "organisation", "trend", "overdue", "observation_category", "observation_time"] as const;
export type DashboardTable = (typeof DASHBOARD_TABLES)[number];

export function dashboardCsv(d: Dashboard, table: DashboardTable): string {
  const t = serverT("sv");
  switch (table) {
    case "status":
      return toCsv(
        ["status", "status_label", "count"],
        d.byStatus.map((s) => [s.status, t(`measures.status.${s.status}`), s.count]),
      );
    case "organisation":
      return toCsv(
        ["responsible", "open", "done", "declined", "overdue"],
        d.byParty.map((p) => [p.organisation, p.open, p.done, p.declined, p.overdue]),
      );
    case "trend":
      return toCsv(
        ["month", "proposed", "done"],
        d.trend.map((m) => [m.month, m.proposed, m.done]),
      );
    case "observation_category":
      return toCsv(
        ["category", "category_label", "count"],
        d.observations.byCategory.map((c) => [c.category, tKey(t, `walks.category.${c.category}`), c.count]),
      );
    case "observation_time":
      return toCsv(
        ["time_of_day", "label", "count"],
        d.observations.byTimeOfDay.map((c) => [c.timeOfDay, t(`walks.light.${c.timeOfDay}`), c.count]),
      );
    case "overdue":
      return toCsv(
        ["id", "title", "status", "responsible", "due_date", "planned_date"],
        d.overdue.map((m) => [m.id, m.title, m.status, m.organisationName, m.dueDate, m.plannedDate]),
      );
  }
}
