import crypto from "node:crypto";
import type { DB } from "../../../db/connection";
import type { Config } from "~/config.server";
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

export type SessionLookup = { status: "none" } | { status: "invalid" } | { status: "expired" } | { status: "ok"; staff: StaffUser };

const TOUCH_INTERVAL_MS = 60_000;

export function hashSessionId(id: string): string {
  return crypto.createHash("sha256").update(id).digest("hex");
}

/** Creates a brand-new session (ids are never reused: rotation at every sign-in). */
export async function createStaffSession(db: DB, staffId: number, config: Config, now: Date = new Date()): Promise<{ id: string; csrfToken: string }> {
  const id = crypto.randomBytes(32).toString("base64url");
  const csrfToken = crypto.randomBytes(24).toString("base64url");
  await db
    .insertInto("staff_sessions")
    .values({
      id_hash: hashSessionId(id),
      staff_id: staffId,
      csrf_token: csrfToken,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: new Date(now.getTime() + config.SESSION_ABSOLUTE_HOURS * 3600_000).toISOString(),
    })
    .execute();
  return { id, csrfToken };
}

/** The server-side session behind a session id (already read from its signed cookie by the http layer). */
export async function lookupSessionById(db: DB, config: Pick<Config, "SESSION_IDLE_MINUTES">, id: string, now: Date = new Date()): Promise<SessionLookup> {
  const idHash = hashSessionId(id);
  const row = await db
    .selectFrom("staff_sessions")
    .innerJoin("staff", "staff.id", "staff_sessions.staff_id")
    .select([
      "staff_sessions.id_hash",
      "staff_sessions.csrf_token",
      "staff_sessions.last_seen_at",
      "staff_sessions.expires_at",
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
  return {
    status: "ok",
    staff: {
      id: row.id,
      email: row.email,
      name: row.name,
      role: row.role,
      organisationId: row.organisation_id,
      csrfToken: row.csrf_token,
      sessionHash: idHash,
    },
  };
}

export async function destroyStaffSession(db: DB, sessionHash: string): Promise<void> {
  await db.deleteFrom("staff_sessions").where("id_hash", "=", sessionHash).execute();
}

export async function destroyAllSessionsOf(db: DB, staffId: number): Promise<void> {
  await db.deleteFrom("staff_sessions").where("staff_id", "=", staffId).execute();
}
