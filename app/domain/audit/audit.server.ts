import type { DB } from "../../../db/connection";

export interface AuditActor {
  id: number | null;
  email: string | null;
}

export interface AuditEntry {
  actor: AuditActor | null;
  action: string;
  targetType?: string;
  targetId?: string | number;
  details?: Record<string, unknown>;
  ip?: string | null;
}

export interface AuditRow {
  id: number;
  at: string;
  actorStaffId: number | null;
  actorEmail: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: Record<string, unknown> | null;
  ip: string | null;
}

/** Appends to the audit log. Pass the transaction when the action is part of one. */
export async function logAudit(db: DB, entry: AuditEntry, now: Date = new Date()): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({
      at: now.toISOString(),
      actor_staff_id: entry.actor?.id ?? null,
      actor_email: entry.actor?.email ?? null,
      action: entry.action,
      target_type: entry.targetType ?? null,
      target_id: entry.targetId === undefined ? null : String(entry.targetId),
      details: entry.details ? JSON.stringify(entry.details) : null,
      ip: entry.ip ?? null,
    })
    .execute();
}

export interface AuditFilter {
  action?: string;
  actor?: string;
  from?: string; // YYYY-MM-DD
  to?: string; // YYYY-MM-DD, inclusive
  before?: number;
  limit?: number;
}

export async function listAudit(db: DB, f: AuditFilter): Promise<AuditRow[]> {
  let q = db
    .selectFrom("audit_log")
    .selectAll()
    .orderBy("id", "desc")
    .limit(f.limit ?? 100);
  if (f.action) q = q.where("action", "like", `${f.action}%`);
  if (f.actor) q = q.where("actor_email", "like", `%${f.actor.toLowerCase()}%`);
  if (f.from) q = q.where("at", ">=", `${f.from}T00:00:00.000Z`);
  if (f.to) q = q.where("at", "<=", `${f.to}T23:59:59.999Z`);
  if (f.before) q = q.where("id", "<", f.before);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actorStaffId: r.actor_staff_id,
    actorEmail: r.actor_email,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    details: r.details ? (JSON.parse(r.details) as Record<string, unknown>) : null,
    ip: r.ip,
  }));
}

export async function listAuditActions(db: DB): Promise<string[]> {
  const rows = await db.selectFrom("audit_log").select("action").distinct().orderBy("action").execute();
  return rows.map((r) => r.action);
}
