import type { DB } from "../../../db/connection";
import { logAudit, type AuditActor } from "~/domain/audit/audit.server";
import type { AccessibilityReportInput } from "~/domain/accessibility/reports.schema";

export interface AccessibilityReport {
  id: number;
  createdAt: string;
  pageUrl: string | null;
  description: string;
  contact: string | null;
  status: "new" | "handled";
  handledAt: string | null;
}

export async function createAccessibilityReport(db: DB, input: AccessibilityReportInput, now = new Date()): Promise<number> {
  const row = await db
    .insertInto("accessibility_reports")
    .values({ created_at: now.toISOString(), page_url: input.pageUrl, description: input.description, contact: input.contact, status: "new" })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function listAccessibilityReports(db: DB): Promise<AccessibilityReport[]> {
  const rows = await db.selectFrom("accessibility_reports").selectAll().orderBy("id", "desc").limit(500).execute();
  return rows.map((r) => ({
    id: r.id,
    createdAt: r.created_at,
    pageUrl: r.page_url,
    description: r.description,
    contact: r.contact,
    status: r.status,
    handledAt: r.handled_at,
  }));
}

/** Marks a report handled; the contact detail is deleted then (minimum retention). */
export async function markReportHandled(db: DB, actor: AuditActor, id: number, ip: string | null): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable("accessibility_reports")
      .set({ status: "handled", handled_at: new Date().toISOString(), handled_by: actor.id, contact: null })
      .where("id", "=", id)
      .where("status", "=", "new")
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) return false;
    await logAudit(trx, { actor, action: "a11y_report.handle", targetType: "accessibility_report", targetId: id, ip });
    return true;
  });
}

/** Contact details are kept at most 12 months, handled or not (the privacy page promises this). */
export const REPORT_CONTACT_RETENTION_DAYS = 365;

export async function purgeOldReportContacts(db: DB, now: Date = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - REPORT_CONTACT_RETENTION_DAYS * 86_400_000).toISOString();
  const res = await db
    .updateTable("accessibility_reports")
    .set({ contact: null })
    .where("contact", "is not", null)
    .where("created_at", "<", cutoff)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}
