/**
 * Who may take a moderation action on a question, and whose name an answer carries. Read from
 * the database every time (the staff row and its organisation), never from the request:
 *
 * - Moderators and admins (qa.moderate) may take every action and sign an answer as they choose
 *   (the dialogue's district administration, or an invited organisation whose answer they record).
 * - A panelist (qa.answer only) may answer, live or in writing, only a question assigned to them
 *   or to their own organisation, and the answer is always signed with their organisation's name,
 *   whatever the request says. Every other action is refused.
 */
import type { DB } from "../../../db/connection";
import { can } from "~/domain/staff/roles";
import type { Trx } from "~/domain/questions/qa-core.server";
import type { ModerationActionName } from "~/domain/questions/questions.schema";

/** The only moderation actions a panelist may take (both answer a question). */
export const PANELIST_ACTIONS: readonly ModerationActionName[] = ["mark_answered", "publish_written_answer"];

export type ActingFor =
  /** `signAs`: the signature the answer must carry (a panelist's organisation), or null to keep the one given. */
  { ok: true; signAs: string | null } | { ok: false; error: "forbidden" | "wrong_organisation" };

export async function actingFor(
  db: DB | Trx,
  staffId: number,
  question: { assigned_staff_id: number | null; assigned_organisation_id: number | null },
  action: ModerationActionName,
): Promise<ActingFor> {
  const staff = await db
    .selectFrom("staff")
    .leftJoin("organisations", "organisations.id", "staff.organisation_id")
    .select(["staff.id", "staff.role", "staff.disabled_at", "staff.organisation_id", "organisations.name as organisation_name"])
    .where("staff.id", "=", staffId)
    .executeTakeFirst();
  if (!staff || staff.disabled_at) return { ok: false, error: "forbidden" };
  if (can(staff.role, "qa.moderate")) return { ok: true, signAs: null };
  if (!can(staff.role, "qa.answer") || !PANELIST_ACTIONS.includes(action)) return { ok: false, error: "forbidden" };
  if (staff.organisation_id === null || !staff.organisation_name) return { ok: false, error: "wrong_organisation" };
  const mine = question.assigned_staff_id === staff.id || question.assigned_organisation_id === staff.organisation_id;
  return mine ? { ok: true, signAs: staff.organisation_name } : { ok: false, error: "wrong_organisation" };
}
