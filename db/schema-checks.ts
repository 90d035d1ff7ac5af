import type { Generated } from "kysely";

export type MeasureCheckAnswer = "yes" | "no" | "partly";
export type MeasureCheckResolution = "verify" | "reopen";

/**
 * "Is this fixed?" answers given on a follow-up walk: anonymous, one per
 * participant (device) per measure per walk. `handled_*` is set when a staff
 * member turns the walk's answers into a status change of the measure.
 */
export interface MeasureCheckTable {
  id: Generated<number>;
  walk_id: number;
  measure_id: number;
  /** The anonymous participant cookie id, never shown; used only to allow one answer. */
  participant_id: string;
  answer: MeasureCheckAnswer;
  comment: string | null;
  created_at: string;
  handled_at: string | null;
  handled_action: MeasureCheckResolution | null;
  handled_by: number | null;
}

export interface CheckTables {
  measure_checks: MeasureCheckTable;
}
