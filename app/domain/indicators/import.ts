/**
 * Indicator CSV import (docs/indicators.md), the pure part: parse the documented format and
 * validate every row. A file with any bad row imports nothing; each bad row gets its own message.
 *
 * Columns (header row, UTF-8, comma- or semicolon-separated):
 *   source_name, source_url, indicator, district, period, value, unit, note[, category]
 * indicator: reported_crime | perceived_unsafe; district: a district's slug or name; period:
 * YYYY, YYYY-Qn or YYYY-MM; value: a number (decimal point or comma); source_url: http(s).
 */
import { parse } from "csv-parse/sync";
import type { IndicatorKind } from "../../../db/schema-indicators";

export const INDICATOR_KINDS = ["reported_crime", "perceived_unsafe"] as const satisfies readonly IndicatorKind[];
export const REQUIRED_COLUMNS = ["source_name", "source_url", "indicator", "district", "period", "value", "unit"] as const;
export const MAX_ROWS = 5000;

const PERIOD = /^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/;
const NUMBER = /^-?\d+([.,]\d+)?$/;

export interface IndicatorRow {
  line: number;
  sourceName: string;
  sourceUrl: string;
  indicator: IndicatorKind;
  districtId: number;
  districtName: string;
  category: string;
  period: string;
  /** Canonical decimal string (point). */
  value: string;
  unit: string;
  note: string | null;
}

export interface RowError {
  /** The line in the file (the header is line 1). */
  line: number;
  field: string;
  key: string;
}

export type ParseResult = { ok: true; rows: IndicatorRow[] } | { ok: false; rows: IndicatorRow[]; errors: RowError[] };

export interface DistrictRef {
  id: number;
  slug: string;
  name: string;
}

export function parseIndicatorCsv(text: string, districts: DistrictRef[]): ParseResult {
  const body = text.replace(/^\uFEFF/, "");
  const firstLine = body.split(/\r?\n/, 1)[0] ?? "";
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ";" : ",";
  let records: string[][];
  try {
    records = parse(body, { delimiter, skip_empty_lines: true, trim: true, relax_column_count: true }) as string[][];
  } catch {
    return { ok: false, rows: [], errors: [{ line: 1, field: "file", key: "indicators.errors.unreadable" }] };
  }
  if (records.length === 0) return { ok: false, rows: [], errors: [{ line: 1, field: "file", key: "indicators.errors.empty" }] };
  const header = records[0]!.map((h) => h.toLowerCase());
  const missing = REQUIRED_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) return { ok: false, rows: [], errors: missing.map((c) => ({ line: 1, field: c, key: "indicators.errors.missingColumn" })) };
  if (records.length - 1 > MAX_ROWS) return { ok: false, rows: [], errors: [{ line: 1, field: "file", key: "indicators.errors.tooManyRows" }] };
  const col = (r: string[], name: string) => {
    const i = header.indexOf(name);
    return i === -1 ? "" : (r[i] ?? "").trim();
  };
  const bySlug = new Map(districts.map((d) => [d.slug.toLowerCase(), d]));
  const byName = new Map(districts.map((d) => [d.name.toLowerCase(), d]));
  const rows: IndicatorRow[] = [];
  const errors: RowError[] = [];
  const seen = new Set<string>();
  records.slice(1).forEach((r, i) => {
    const line = i + 2;
    const err = (field: string, key: string) => errors.push({ line, field, key });
    const before = errors.length;
    const sourceName = col(r, "source_name");
    const sourceUrl = col(r, "source_url");
    const indicator = col(r, "indicator") as IndicatorKind;
    const districtText = col(r, "district").toLowerCase();
    const period = col(r, "period");
    const valueText = col(r, "value").replace(/\s/g, "");
    const unit = col(r, "unit");
    if (!sourceName) err("source_name", "indicators.errors.sourceName");
    if (!/^https?:\/\/\S+$/.test(sourceUrl)) err("source_url", "indicators.errors.sourceUrl");
    if (!(INDICATOR_KINDS as readonly string[]).includes(indicator)) err("indicator", "indicators.errors.indicator");
    const district = bySlug.get(districtText) ?? byName.get(districtText);
    if (!district) err("district", "indicators.errors.district");
    if (!PERIOD.test(period)) err("period", "indicators.errors.period");
    if (!NUMBER.test(valueText)) err("value", "indicators.errors.value");
    if (!unit) err("unit", "indicators.errors.unit");
    if (errors.length > before || !district) return;
    const category = col(r, "category");
    const key = [district.id, indicator, category, period, sourceName].join("|");
    if (seen.has(key)) return err("period", "indicators.errors.duplicate");
    seen.add(key);
    rows.push({
      line,
      sourceName,
      sourceUrl,
      indicator,
      districtId: district.id,
      districtName: district.name,
      category,
      period,
      value: String(Number(valueText.replace(",", "."))),
      unit,
      note: col(r, "note") || null,
    });
  });
  if (rows.length === 0 && errors.length === 0) errors.push({ line: 1, field: "file", key: "indicators.errors.empty" });
  return errors.length > 0 ? { ok: false, rows, errors } : { ok: true, rows };
}
