import type { Generated } from "kysely";

export type IndicatorKind = "reported_crime" | "perceived_unsafe";

/** One imported indicator value (migration 0012, docs/indicators.md). */
export interface IndicatorValueTable {
  id: Generated<number>;
  district_id: number;
  indicator: IndicatorKind;
  category: Generated<string>;
  period: string;
  /** A decimal string, e.g. "12.5". */
  value: string;
  unit: string;
  source_name: string;
  source_url: string;
  note: string | null;
  illustrative: Generated<number>;
  import_id: number | null;
}

export interface IndicatorImportTable {
  id: Generated<number>;
  staff_id: number | null;
  label: string;
  rows: number;
  created_at: string;
}

export interface IndicatorTables {
  indicator_values: IndicatorValueTable;
  indicator_imports: IndicatorImportTable;
}
