/**
 * Indicators with their source (docs/indicators.md): import (all-or-nothing) and the district's
 * series of perceived insecurity and reported crime, beside Tryggve's own figures.
 */
import type { DB } from "../../../db/connection";
import type { IndicatorKind } from "../../../db/schema-indicators";
import { logAudit } from "~/domain/audit/audit.server";
import type { StaffUser } from "~/domain/staff/session.server";
import { parseIndicatorCsv, type ParseResult } from "~/domain/indicators/import";
import { safetyPollSeries } from "~/domain/polls/polls.server";

export async function previewIndicators(db: DB, csv: string): Promise<ParseResult> {
  const districts = await db.selectFrom("districts").select(["id", "slug", "name"]).execute();
  return parseIndicatorCsv(csv, districts);
}

export type ImportResult = { ok: true; imported: number; importId: number } | (Extract<ParseResult, { ok: false }> & { imported: 0 });

/**
 * Validates the whole file, then writes every row in one transaction (a value for the same
 * district, indicator, category, period and source replaces the earlier one). Nothing is
 * written when any row is bad.
 */
export async function importIndicators(
  db: DB,
  staff: Pick<StaffUser, "id" | "email">,
  input: { csv: string; label: string; illustrative: boolean },
  now: Date = new Date(),
): Promise<ImportResult> {
  const parsed = await previewIndicators(db, input.csv);
  if (!parsed.ok) return { ...parsed, imported: 0 };
  return db.transaction().execute(async (trx) => {
    const imp = await trx
      .insertInto("indicator_imports")
      .values({ staff_id: staff.id, label: input.label, rows: parsed.rows.length, created_at: now.toISOString() })
      .returning("id")
      .executeTakeFirstOrThrow();
    for (const r of parsed.rows) {
      const values = {
        district_id: r.districtId,
        indicator: r.indicator,
        category: r.category,
        period: r.period,
        value: r.value,
        unit: r.unit,
        source_name: r.sourceName,
        source_url: r.sourceUrl,
        note: r.note,
        illustrative: input.illustrative ? 1 : 0,
        import_id: imp.id,
      };
      await trx
        .insertInto("indicator_values")
        .values(values)
        .onConflict((oc) =>
          oc.columns(["district_id", "indicator", "category", "period", "source_name"]).doUpdateSet({
            value: values.value,
            unit: values.unit,
            source_url: values.source_url,
            note: values.note,
            illustrative: values.illustrative,
            import_id: values.import_id,
          }),
        )
        .execute();
    }
    await logAudit(
      trx,
      {
        actor: staff,
        action: "indicators.import",
        targetType: "indicator_import",
        targetId: imp.id,
        details: { rows: parsed.rows.length, illustrative: input.illustrative },
      },
      now,
    );
    return { ok: true as const, imported: parsed.rows.length, importId: imp.id };
  });
}

export interface SeriesPoint {
  period: string;
  category: string;
  value: number;
  unit: string;
  sourceName: string;
  sourceUrl: string;
  note: string | null;
  illustrative: boolean;
}

/** One indicator's values for a district, by period. */
export async function districtIndicator(db: DB, districtId: number, indicator: IndicatorKind): Promise<SeriesPoint[]> {
  const rows = await db
    .selectFrom("indicator_values")
    .select(["period", "category", "value", "unit", "source_name", "source_url", "note", "illustrative"])
    .where("district_id", "=", districtId)
    .where("indicator", "=", indicator)
    .orderBy("period")
    .orderBy("category")
    .execute();
  return rows.map((r) => ({
    period: r.period,
    category: r.category,
    value: Number(r.value),
    unit: r.unit,
    sourceName: r.source_name,
    sourceUrl: r.source_url,
    note: r.note,
    illustrative: r.illustrative === 1,
  }));
}

/** Measures done per year in the district (the same periods as yearly statistics). */
export async function measuresDonePerYear(db: DB, districtId: number): Promise<Array<{ year: string; count: number }>> {
  const rows = await db.selectFrom("measures").select(["done_at"]).where("district_id", "=", districtId).where("done_at", "is not", null).execute();
  const byYear = new Map<string, number>();
  for (const r of rows) {
    const y = r.done_at!.slice(0, 4);
    byYear.set(y, (byYear.get(y) ?? 0) + 1);
  }
  return [...byYear.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([year, count]) => ({ year, count }));
}

/**
 * Walk feeling ratings per year (Tryggve's own figure): the mean "how safe it feels" (0-3, higher
 * is safer) of the district's published walk observations, with their number.
 */
export async function walkFeelingPerYear(db: DB, districtId: number): Promise<Array<{ year: string; count: number; mean: number }>> {
  const rows = await db
    .selectFrom("walk_observations")
    .select(["feeling", "created_at"])
    .where("district_id", "=", districtId)
    .where("status", "=", "published")
    .execute();
  const byYear = new Map<string, { n: number; sum: number }>();
  for (const r of rows) {
    const y = r.created_at.slice(0, 4);
    const e = byYear.get(y) ?? { n: 0, sum: 0 };
    e.n += 1;
    e.sum += r.feeling;
    byYear.set(y, e);
  }
  return [...byYear.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([year, e]) => ({ year, count: e.n, mean: Math.round((10 * e.sum) / e.n) / 10 }));
}

/** Everything the district page's safety picture shows. */
export async function districtSafetyPicture(db: DB, districtId: number) {
  const [perceived, crime, polls, measuresDone, walkFeeling] = await Promise.all([
    districtIndicator(db, districtId, "perceived_unsafe"),
    districtIndicator(db, districtId, "reported_crime"),
    safetyPollSeries(db, districtId),
    measuresDonePerYear(db, districtId),
    walkFeelingPerYear(db, districtId),
  ]);
  return { perceived, crime, polls, measuresDone, walkFeeling };
}

/** A district's indicator values in the import format (docs/indicators.md), so a file can be corrected and imported again. */
export async function indicatorsCsvRows(db: DB, district: { id: number; slug: string }): Promise<{ header: string[]; rows: string[][] }> {
  const header = ["source_name", "source_url", "indicator", "district", "period", "value", "unit", "note", "category"];
  const values = await db
    .selectFrom("indicator_values")
    .select(["source_name", "source_url", "indicator", "period", "value", "unit", "note", "category"])
    .where("district_id", "=", district.id)
    .orderBy("indicator")
    .orderBy("period")
    .orderBy("category")
    .execute();
  return { header, rows: values.map((v) => [v.source_name, v.source_url, v.indicator, district.slug, v.period, v.value, v.unit, v.note ?? "", v.category]) };
}
