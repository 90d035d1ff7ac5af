import crypto from "node:crypto";
import type { DB } from "../../../db/connection";
import type { Config } from "~/config.server";
import type { StaffSessionStage } from "../../../db/schema";
import type { StaffRole } from "~/domain/staff/roles";

export const STAFF_COOKIE_NAME = "tryggve_staff";

export interface StaffUser {
  id: number;
  email: string;
  name: string;
  role: StaffRole;
  organisationId: number | null;
  csrfToken: string;
  sessionHash: string;
}

/**
 * `ok` is a signed-in staff member. `pending` has given the right password but not yet the
 * second factor (`mfa`: the code step), or must set up MFA first (`enrol`: their role requires
 * it); a pending session is nobody to every staff page and socket (docs/security.md).
 */
export type SessionLookup =
  | { status: "none" }
  | { status: "invalid" }
  | { status: "expired" }
  | { status: "ok"; staff: StaffUser }
  | { status: "pending"; stage: PendingStage; staff: StaffUser };

export type PendingStage = Exclude<StaffSessionStage, "full">;

/** How long the step after the password may take: the code, or setting up an authenticator app. */
export const PENDING_SESSION_MINUTES: Record<PendingStage, number> = { mfa: 10, enrol: 30 };

const TOUCH_INTERVAL_MS = 60_000;

export function hashSessionId(id: string): string {
  return crypto.createHash("sha256").update(id).digest("hex");
}

/**
 * Creates a brand-new session (ids are never reused: rotation at every sign-in). A pending
 * session (`mfa`, `enrol`) lives only PENDING_SESSION_MINUTES.
 */
export async function createStaffSession(
  db: DB,
  staffId: number,
  config: Pick<Config, "SESSION_ABSOLUTE_HOURS">,
  now: Date = new Date(),
  stage: StaffSessionStage = "full",
): Promise<{ id: string; csrfToken: string }> {
  const id = crypto.randomBytes(32).toString("base64url");
  const csrfToken = crypto.randomBytes(24).toString("base64url");
  const lifetimeMs =
    stage === "full" ? config.SESSION_ABSOLUTE_HOURS * 3600_000 : Math.min(PENDING_SESSION_MINUTES[stage] * 60_000, config.SESSION_ABSOLUTE_HOURS * 3600_000);
  await db
    .insertInto("staff_sessions")
    .values({
      id_hash: hashSessionId(id),
      staff_id: staffId,
      csrf_token: csrfToken,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: new Date(now.getTime() + lifetimeMs).toISOString(),
      stage,
    })
    .execute();
  return { id, csrfToken };
}

/**
 * A pending session that passed its second step becomes a full one under a NEW id (no
 * fixation across the step). Null when that pending session is gone (used by a parallel
 * request, expired or signed out), so one pending session gives at most one full session.
 */
export async function promoteSession(
  db: DB,
  pendingHash: string,
  staffId: number,
  config: Pick<Config, "SESSION_ABSOLUTE_HOURS">,
  now: Date = new Date(),
): Promise<{ id: string; csrfToken: string } | null> {
  return db.transaction().execute(async (trx) => {
    const gone = await trx
      .deleteFrom("staff_sessions")
      .where("id_hash", "=", pendingHash)
      .where("staff_id", "=", staffId)
      .where("stage", "!=", "full")
      .executeTakeFirst();
    if (Number(gone.numDeletedRows) !== 1) return null;
    return createStaffSession(trx, staffId, config, now, "full");
  });
}

/** The server-side session behind a session id (already read from its signed cookie by the http layer). */
export async function lookupSessionById(
  db: DB,
  config: Pick<Config, "SESSION_IDLE_MINUTES" | "MFA_REQUIRED_ROLES">,
  id: string,
  now: Date = new Date(),
): Promise<SessionLookup> {
  const idHash = hashSessionId(id);
  const row = await db
    .selectFrom("staff_sessions")
    .innerJoin("staff", "staff.id", "staff_sessions.staff_id")
    .leftJoin("staff_mfa", "staff_mfa.staff_id", "staff_sessions.staff_id")
    .select([
      "staff_sessions.id_hash",
      "staff_sessions.csrf_token",
      "staff_sessions.last_seen_at",
      "staff_sessions.expires_at",
      "staff_sessions.stage",
      "staff_sessions.auth_method",
      "staff_mfa.confirmed_at as mfa_confirmed_at",
      "staff.id",
      "staff.email",
      "staff.name",
      "staff.role",
      "staff.organisation_id",
      "staff.disabled_at",
    ])
    .where("staff_sessions.id_hash", "=", idHash)
    .executeTakeFirst();
  if (!row) return { status: "expired" };
  const idleLimit = new Date(row.last_seen_at).getTime() + config.SESSION_IDLE_MINUTES * 60_000;
  if (row.disabled_at || now.getTime() > idleLimit || now.toISOString() > row.expires_at) {
    await db.deleteFrom("staff_sessions").where("id_hash", "=", idHash).execute();
    return { status: "expired" };
  }
  if (now.getTime() - new Date(row.last_seen_at).getTime() > TOUCH_INTERVAL_MS) {
    await db.updateTable("staff_sessions").set({ last_seen_at: now.toISOString() }).where("id_hash", "=", idHash).execute();
  }
  const staff: StaffUser = {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    organisationId: row.organisation_id,
    csrfToken: row.csrf_token,
    sessionHash: idHash,
  };
  if (row.stage !== "full") return { status: "pending", stage: row.stage, staff };
  // Checked on every request, not only at sign-in: a role that now requires MFA (or a session
  // from before it was required) can do nothing but set it up. A single sign-on session relies on
  // the identity provider's MFA instead (docs/decisions/009-oidc-single-sign-on.md).
  if (!row.mfa_confirmed_at && row.auth_method !== "oidc" && config.MFA_REQUIRED_ROLES.includes(row.role)) return { status: "pending", stage: "enrol", staff };
  return { status: "ok", staff };
}

export async function destroyStaffSession(db: DB, sessionHash: string): Promise<void> {
  await db.deleteFrom("staff_sessions").where("id_hash", "=", sessionHash).execute();
}

export async function destroyAllSessionsOf(db: DB, staffId: number): Promise<void> {
  await db.deleteFrom("staff_sessions").where("staff_id", "=", staffId).execute();
}
