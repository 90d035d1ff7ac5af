import type { DB } from "../../../db/connection";
import type { StaffRole } from "~/domain/staff/roles";
import { logAudit, type AuditActor } from "~/domain/audit/audit.server";
import { findOrganisation } from "~/domain/common/organisations.server";
import { hashPassword } from "~/domain/staff/password.server";
import { checkPasswordPolicy, type PasswordPolicyError } from "~/domain/staff/password-policy.server";
import { destroyAllSessionsOf } from "~/domain/staff/session.server";

export interface StaffListItem {
  id: number;
  email: string;
  name: string;
  role: StaffRole;
  organisationId: number | null;
  organisationName: string | null;
  disabled: boolean;
  createdAt: string;
}

export async function listStaff(db: DB): Promise<StaffListItem[]> {
  const rows = await db
    .selectFrom("staff")
    .leftJoin("organisations", "organisations.id", "staff.organisation_id")
    .select([
      "staff.id",
      "staff.email",
      "staff.name",
      "staff.role",
      "staff.organisation_id",
      "organisations.name as organisation_name",
      "staff.disabled_at",
      "staff.created_at",
    ])
    .orderBy("staff.name")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    name: r.name,
    role: r.role,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    disabled: r.disabled_at !== null,
    createdAt: r.created_at,
  }));
}

/** Refusals are their own i18n keys (sv.ts `errors`), so forms and the CLI show them as they are. */
export type StaffError =
  "errors.organisation" | "errors.emailTaken" | "errors.notFound" | "errors.cannotDemoteSelf" | "errors.cannotDisableSelf" | PasswordPolicyError;
export type StaffChangeResult = { ok: true; id: number } | { ok: false; field: string; error: StaffError };

async function organisationExists(db: DB, id: number | null): Promise<boolean> {
  if (id === null) return true;
  return (await findOrganisation(db, id)) !== null;
}

export async function createStaff(
  db: DB,
  actor: AuditActor | null,
  input: { email: string; name: string; role: StaffRole; organisationId: number | null; password: string },
  ip: string | null = null,
): Promise<StaffChangeResult> {
  const policy = checkPasswordPolicy(input.password, input);
  if (!policy.ok) return { ok: false, field: "password", error: policy.error };
  if (!(await organisationExists(db, input.organisationId))) {
    return { ok: false, field: "organisationId", error: "errors.organisation" };
  }
  const existing = await db.selectFrom("staff").select("id").where("email", "=", input.email).executeTakeFirst();
  if (existing) return { ok: false, field: "email", error: "errors.emailTaken" };
  const passwordHash = await hashPassword(input.password);
  const now = new Date().toISOString();
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("staff")
      .values({
        email: input.email,
        name: input.name,
        role: input.role,
        organisation_id: input.organisationId,
        password_hash: passwordHash,
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await logAudit(trx, {
      actor,
      action: "staff.create",
      targetType: "staff",
      targetId: row.id,
      details: { email: input.email, role: input.role, organisationId: input.organisationId },
      ip,
    });
    return row.id;
  });
  return { ok: true, id };
}

export async function updateStaffRole(
  db: DB,
  actor: AuditActor,
  input: { staffId: number; role: StaffRole; organisationId: number | null },
  ip: string | null = null,
): Promise<StaffChangeResult> {
  if (!(await organisationExists(db, input.organisationId))) {
    return { ok: false, field: "organisationId", error: "errors.organisation" };
  }
  const target = await db.selectFrom("staff").select(["id", "role", "organisation_id"]).where("id", "=", input.staffId).executeTakeFirst();
  if (!target) return { ok: false, field: "staffId", error: "errors.notFound" };
  if (target.id === actor.id && input.role !== "admin") {
    return { ok: false, field: "role", error: "errors.cannotDemoteSelf" };
  }
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("staff")
      .set({ role: input.role, organisation_id: input.organisationId, updated_at: new Date().toISOString() })
      .where("id", "=", input.staffId)
      .execute();
    await logAudit(trx, {
      actor,
      action: "staff.change_role",
      targetType: "staff",
      targetId: input.staffId,
      details: { from: target.role, to: input.role, organisationId: input.organisationId },
      ip,
    });
  });
  return { ok: true, id: input.staffId };
}

export async function setStaffDisabled(db: DB, actor: AuditActor, staffId: number, disabled: boolean, ip: string | null = null): Promise<StaffChangeResult> {
  if (staffId === actor.id) return { ok: false, field: "staffId", error: "errors.cannotDisableSelf" };
  const target = await db.selectFrom("staff").select("id").where("id", "=", staffId).executeTakeFirst();
  if (!target) return { ok: false, field: "staffId", error: "errors.notFound" };
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("staff")
      .set({ disabled_at: disabled ? new Date().toISOString() : null, updated_at: new Date().toISOString() })
      .where("id", "=", staffId)
      .execute();
    // A disabled account loses every open session at once.
    if (disabled) await destroyAllSessionsOf(trx, staffId);
    await logAudit(trx, { actor, action: disabled ? "staff.disable" : "staff.enable", targetType: "staff", targetId: staffId, ip });
  });
  return { ok: true, id: staffId };
}
