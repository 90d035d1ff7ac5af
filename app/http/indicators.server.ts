/** The staff indicator import page's posts (docs/indicators.md): preview, then import all-or-nothing. */
import type { AppLoadContext } from "@remix-run/node";
import type { StaffUser } from "~/domain/staff/session.server";
import { importIndicators, previewIndicators } from "~/domain/indicators/indicators.server";
import type { IndicatorRow, RowError } from "~/domain/indicators/import";

export type IndicatorFormResult = {
  intent: "preview" | "import";
  ok: boolean;
  /** The first rows, for the preview table. */
  rows: IndicatorRow[];
  count: number;
  rowErrors: RowError[];
  errors: Record<string, string>;
  imported: number;
  values: { csv: string; label: string; illustrative: boolean };
};

const MAX_CSV_CHARS = 2_000_000;

export async function handleIndicatorForm(ctx: AppLoadContext, staff: StaffUser, form: FormData): Promise<{ status: number; body: IndicatorFormResult }> {
  const intent = form.get("intent") === "import" ? "import" : "preview";
  const values = {
    csv: String(form.get("csv") ?? "").slice(0, MAX_CSV_CHARS),
    label: String(form.get("label") ?? "")
      .trim()
      .slice(0, 200),
    illustrative: form.get("illustrative") === "on",
  };
  const base: IndicatorFormResult = { intent, ok: false, values, rows: [], count: 0, rowErrors: [], errors: {}, imported: 0 };
  if (values.csv.trim() === "") return { status: 400, body: { ...base, ok: false, errors: { csv: "indicators.errors.csvRequired" } } };
  if (intent === "preview") {
    const r = await previewIndicators(ctx.db, values.csv);
    return { status: r.ok ? 200 : 400, body: { ...base, ok: r.ok, rows: r.rows.slice(0, 50), count: r.rows.length, rowErrors: r.ok ? [] : r.errors } };
  }
  const r = await importIndicators(ctx.db, staff, { csv: values.csv, label: values.label || "CSV", illustrative: values.illustrative }, ctx.clock.now());
  if (!r.ok) return { status: 400, body: { ...base, ok: false, rows: r.rows.slice(0, 50), count: r.rows.length, rowErrors: r.errors } };
  return { status: 200, body: { ...base, ok: true, imported: r.imported, values: { csv: "", label: "", illustrative: false } } };
}
