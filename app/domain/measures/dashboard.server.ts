import type { DB } from "../../../db/connection";
import { calendarDate } from "../questions/status";
import { countByParty, countByStatus, medianDaysToDone, monthlyTrend, type FigureRow } from "./dashboard";
import { listMeasures, type MeasureSummary } from "./measures.server";
import type { MeasureStatus } from "./status";

export interface Dashboard {
  total: number;
  byStatus: ReturnType<typeof countByStatus>;
  byParty: ReturnType<typeof countByParty>;
  overdue: MeasureSummary[];
  medianDaysToDone: number | null;
  doneCount: number;
  trend: ReturnType<typeof monthlyTrend>;
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
  const today = calendarDate(now);
  return {
    total: figures.length,
    byStatus: countByStatus(figures),
    byParty: countByParty(figures, today),
    overdue: await listMeasures(db, { districtId, overdueOnly: true }, now),
    medianDaysToDone: medianDaysToDone(figures),
    doneCount: figures.filter((f) => f.doneAt).length,
    trend: monthlyTrend(figures, today),
  };
}
