import type { DB } from "../../../db/connection";
import { calendarDate } from "~/domain/common/time";
import { CATEGORIES } from "~/domain/walks/categories";
import { countByParty, countByStatus, medianDaysToDone, monthlyTrend, observationFigures, type FigureRow } from "~/domain/measures/dashboard";
import { listMeasures, type MeasureSummary } from "~/domain/measures/measures.server";
import type { MeasureStatus } from "~/domain/measures/status";

export interface Dashboard {
  total: number;
  byStatus: ReturnType<typeof countByStatus>;
  byParty: ReturnType<typeof countByParty>;
  overdue: MeasureSummary[];
  medianDaysToDone: number | null;
  doneCount: number;
  trend: ReturnType<typeof monthlyTrend>;
  observations: ReturnType<typeof observationFigures>;
}

function parseCategories(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((c): c is string => typeof c === "string") : [];
  } catch {
    return [];
  }
}

export async function districtDashboard(db: DB, districtId: number, now: Date = new Date()): Promise<Dashboard> {
  const rows = await db
    .selectFrom("measures")
    .innerJoin("organisations", "organisations.id", "measures.responsible_organisation_id")
    .select(["measures.status", "organisations.name", "measures.created_at", "measures.done_at", "measures.due_date", "measures.planned_date"])
    .where("measures.district_id", "=", districtId)
    .execute();
  const figures: FigureRow[] = rows.map((r) => ({
    status: r.status as MeasureStatus,
    organisationName: r.name,
    createdAt: r.created_at,
    doneAt: r.done_at,
    dueDate: r.due_date,
    plannedDate: r.planned_date,
  }));
  // Only published (moderated) observations count; held or rejected ones never reach the public.
  const observations = await db
    .selectFrom("walk_observations")
    .select(["categories", "time_of_day"])
    .where("district_id", "=", districtId)
    .where("status", "=", "published")
    .execute();
  const today = calendarDate(now);
  return {
    total: figures.length,
    byStatus: countByStatus(figures),
    byParty: countByParty(figures, today),
    overdue: await listMeasures(db, { districtId, overdueOnly: true }, now),
    medianDaysToDone: medianDaysToDone(figures),
    doneCount: figures.filter((f) => f.doneAt).length,
    trend: monthlyTrend(figures, today),
    observations: observationFigures(
      observations.map((o) => ({ categories: parseCategories(o.categories), timeOfDay: o.time_of_day })),
      CATEGORIES,
    ),
  };
}
