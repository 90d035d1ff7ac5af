/**
 * The staff session cookie: signed with SESSION_SECRET, HttpOnly, SameSite=Lax.
 * Pages and socket handshakes read it here; the session rules live in
 * ~/domain/staff/session.server.ts.
 */
import { createCookie, type Cookie } from "@remix-run/node";
import type { DB } from "../../db/connection";
import type { Config } from "~/config.server";
import { lookupSessionById, STAFF_COOKIE_NAME, type SessionLookup } from "~/domain/staff/session.server";

export function staffCookie(config: Pick<Config, "SESSION_SECRET" | "SESSION_ABSOLUTE_HOURS">): Cookie {
  return createCookie(STAFF_COOKIE_NAME, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secrets: [config.SESSION_SECRET],
    maxAge: config.SESSION_ABSOLUTE_HOURS * 3600,
  });
}

function isSecure(requestUrl: string): boolean {
  return new URL(requestUrl).protocol === "https:";
}

export async function serializeSessionCookie(config: Config, requestUrl: string, id: string): Promise<string> {
  return staffCookie(config).serialize(id, { secure: isSecure(requestUrl) });
}

export async function clearSessionCookie(config: Config, requestUrl: string): Promise<string> {
  return staffCookie(config).serialize("", { maxAge: 0, expires: new Date(0), secure: isSecure(requestUrl) });
}

/** Reads the signed cookie and the server-side session behind it. */
export async function lookupStaffSession(db: DB, config: Config, cookieHeader: string | null | undefined, now: Date = new Date()): Promise<SessionLookup> {
  if (!cookieHeader || !cookieHeader.includes(`${STAFF_COOKIE_NAME}=`)) return { status: "none" };
  const id: unknown = await staffCookie(config).parse(cookieHeader);
  if (typeof id !== "string" || id.length === 0) {
    // Present but unsigned, wrongly signed or emptied: treat as forged/stale.
    return id === "" ? { status: "none" } : { status: "invalid" };
  }
  return lookupSessionById(db, config, id, now);
}
