/**
 * The footage access log: every request to view or hand over footage from a camera, who asked,
 * on what legal basis, the decision, who viewed it, when it was deleted, and a secrecy note.
 * The footage itself is never stored in Tryggve. Only roles with `cameras.footage` may read or
 * write the log, and every reading of it is audited (who looked, at which camera's log).
 */
import type { DB } from "../../../db/connection";
import { logAudit, type AuditActor } from "~/domain/audit/audit.server";
import { lockRow } from "~/domain/common/locks";
import type { FootageInput } from "~/domain/cameras/cameras.schema";
import { can, type StaffRole } from "~/domain/staff/roles";

export interface FootageRequest {
  id: number;
  requestedOn: string;
  kind: "view" | "handover";
  requester: string;
  legalBasis: string;
  decision: "pending" | "granted" | "refused";
  viewedBy: string | null;
  viewedOn: string | null;
  footageDeletedOn: string | null;
  secrecyNote: string | null;
  createdAt: string;
  updatedAt: string;
}

export type FootageActor = AuditActor & { role: StaffRole };

export type FootageResult<T> = { ok: true; value: T } | { ok: false; error: "forbidden" | "not_found" };

async function refuse(db: DB, actor: FootageActor, cameraId: number, what: string, now: Date, ip?: string | null) {
  await logAudit(db, { actor, action: "camera.footage_refused", targetType: "camera", targetId: cameraId, details: { what }, ip }, now);
}

/** The log for one camera; refused (and audited) for roles without the permission; every reading audited. */
export async function viewFootageLog(
  db: DB,
  actor: FootageActor,
  cameraId: number,
  opts: { now?: Date; ip?: string | null } = {},
): Promise<FootageResult<FootageRequest[]>> {
  const now = opts.now ?? new Date();
  if (!can(actor.role, "cameras.footage")) {
    await refuse(db, actor, cameraId, "view", now, opts.ip);
    return { ok: false, error: "forbidden" };
  }
  const cam = await db.selectFrom("cameras").select("id").where("id", "=", cameraId).executeTakeFirst();
  if (!cam) return { ok: false, error: "not_found" };
  const rows = await db
    .selectFrom("camera_footage_requests")
    .selectAll()
    .where("camera_id", "=", cameraId)
    .orderBy("requested_on", "desc")
    .orderBy("id", "desc")
    .execute();
  await logAudit(
    db,
    { actor, action: "camera.footage_log_viewed", targetType: "camera", targetId: cameraId, details: { entries: rows.length }, ip: opts.ip },
    now,
  );
  return {
    ok: true,
    value: rows.map((r) => ({
      id: r.id,
      requestedOn: r.requested_on,
      kind: r.kind,
      requester: r.requester,
      legalBasis: r.legal_basis,
      decision: r.decision,
      viewedBy: r.viewed_by,
      viewedOn: r.viewed_on,
      footageDeletedOn: r.footage_deleted_on,
      secrecyNote: r.secrecy_note,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    })),
  };
}

/** Records a request (no id) or updates one of this camera's (decision, viewing, deletion). */
export async function saveFootageRequest(
  db: DB,
  actor: FootageActor,
  cameraId: number,
  requestId: number | null,
  input: FootageInput,
  opts: { now?: Date; ip?: string | null } = {},
): Promise<FootageResult<number>> {
  const now = opts.now ?? new Date();
  if (!can(actor.role, "cameras.footage")) {
    await refuse(db, actor, cameraId, "write", now, opts.ip);
    return { ok: false, error: "forbidden" };
  }
  const iso = now.toISOString();
  const values = {
    requested_on: input.requestedOn,
    kind: input.kind,
    requester: input.requester,
    legal_basis: input.legalBasis,
    decision: input.decision,
    viewed_by: input.viewedBy,
    viewed_on: input.viewedOn,
    footage_deleted_on: input.footageDeletedOn,
    secrecy_note: input.secrecyNote,
    updated_at: iso,
  };
  return db.transaction().execute(async (trx) => {
    if (!(await lockRow(trx, "cameras", cameraId))) return { ok: false as const, error: "not_found" as const };
    let id = requestId;
    if (id === null) {
      id = (
        await trx
          .insertInto("camera_footage_requests")
          .values({ ...values, camera_id: cameraId, created_by: actor.id, created_at: iso })
          .returning("id")
          .executeTakeFirstOrThrow()
      ).id;
    } else {
      const res = await trx.updateTable("camera_footage_requests").set(values).where("id", "=", id).where("camera_id", "=", cameraId).executeTakeFirst();
      if (Number(res.numUpdatedRows) === 0) return { ok: false as const, error: "not_found" as const };
    }
    // The audit entry names the request and its decision, never the requester or the note (they may be secret).
    await logAudit(
      trx,
      {
        actor,
        action: requestId === null ? "camera.footage_request" : "camera.footage_update",
        targetType: "camera",
        targetId: cameraId,
        details: { requestId: id, kind: input.kind, decision: input.decision },
        ip: opts.ip,
      },
      now,
    );
    return { ok: true as const, value: id };
  });
}
