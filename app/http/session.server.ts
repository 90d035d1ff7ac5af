/**
 * The staff session cookie: signed with SESSION_SECRET, HttpOnly, SameSite=Lax. Over HTTPS it is
 * `__Host-tryggve_staff` (Secure, Path=/, no Domain), so a sibling subdomain or a plain-http
 * response cannot plant one (OWASP ASVS 5.0 3.3.1, 3.3.3); over plain http (local use) it is
 * `tryggve_staff`. Pages and socket handshakes read it here; the session rules live in
 * ~/domain/staff/session.server.ts.
 */
import { createCookie, type Cookie } from "@remix-run/node";
import type { DB } from "../../db/connection";
import type { Config } from "~/config.server";
import { lookupSessionById, STAFF_COOKIE_NAME, type SessionLookup } from "~/domain/staff/session.server";

/** The cookie's name over HTTPS: the `__Host-` prefix makes browsers insist on Secure, Path=/ and no Domain. */
export const SECURE_STAFF_COOKIE_NAME = `__Host-${STAFF_COOKIE_NAME}`;

type CookieConfig = Pick<Config, "SESSION_SECRET" | "SESSION_ABSOLUTE_HOURS">;

/** The staff cookie; `secure` picks the `__Host-` name and the Secure attribute together. */
export function staffCookie(config: CookieConfig, secure = false): Cookie {
  return createCookie(secure ? SECURE_STAFF_COOKIE_NAME : STAFF_COOKIE_NAME, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure,
    secrets: [config.SESSION_SECRET],
    maxAge: config.SESSION_ABSOLUTE_HOURS * 3600,
  });
}

/** The site is served over HTTPS: PUBLIC_URL says so. Then only the `__Host-` cookie is ever read. */
function siteIsHttps(config: Pick<Config, "PUBLIC_URL">): boolean {
  return new URL(config.PUBLIC_URL).protocol === "https:";
}

/** HTTPS when this request came over it (directly, or through a trusted proxy) or PUBLIC_URL is https. */
function isSecure(config: Pick<Config, "PUBLIC_URL">, requestUrl: string): boolean {
  return siteIsHttps(config) || new URL(requestUrl).protocol === "https:";
}

export async function serializeSessionCookie(config: Config, requestUrl: string, id: string): Promise<string> {
  return staffCookie(config, isSecure(config, requestUrl)).serialize(id);
}

export async function clearSessionCookie(config: Config, requestUrl: string): Promise<string> {
  return staffCookie(config, isSecure(config, requestUrl)).serialize("", { maxAge: 0, expires: new Date(0) });
}

function hasCookie(cookieHeader: string, name: string): boolean {
  return cookieHeader.split(";").some((part) => part.trim().startsWith(`${name}=`));
}

/**
 * The cookie to read. Over HTTPS (PUBLIC_URL https) only `__Host-tryggve_staff`: a plain
 * `tryggve_staff` may have been planted. Otherwise the `__Host-` one if present (a request that
 * came over HTTPS through a proxy), else the plain one.
 */
function cookieToRead(config: Config, cookieHeader: string): Cookie | null {
  if (hasCookie(cookieHeader, SECURE_STAFF_COOKIE_NAME)) return staffCookie(config, true);
  if (!siteIsHttps(config) && hasCookie(cookieHeader, STAFF_COOKIE_NAME)) return staffCookie(config, false);
  return null;
}

/** Reads the signed cookie and the server-side session behind it. */
export async function lookupStaffSession(db: DB, config: Config, cookieHeader: string | null | undefined, now: Date = new Date()): Promise<SessionLookup> {
  const cookie = cookieHeader ? cookieToRead(config, cookieHeader) : null;
  if (!cookieHeader || !cookie) return { status: "none" };
  const id: unknown = await cookie.parse(cookieHeader);
  if (typeof id !== "string" || id.length === 0) {
    // Present but unsigned, wrongly signed or emptied: treat as forged/stale.
    return id === "" ? { status: "none" } : { status: "invalid" };
  }
  return lookupSessionById(db, config, id, now);
}
