/**
 * "Logga ut överallt": a staff member ends every one of their sessions (the redirect clears this
 * browser's cookie too), or an admin ends another account's sessions from /personal/konton. Either
 * way that person's open sockets are disconnected at once, after the rows are gone.
 */
import { redirect, type AppLoadContext } from "@remix-run/node";
import type { StaffUser } from "~/http/auth.server";
import { clearSessionCookie } from "~/http/session.server";
import { endOwnSessions, endSessionsOf, type EndSessionsResult } from "~/domain/staff/sign-out-everywhere.server";

/** The signed-in person's own "sign out everywhere": every session ends, this one included. */
export async function signOutEverywhere(context: AppLoadContext, request: Request, staff: StaffUser): Promise<Response> {
  await endOwnSessions(context.db, staff, context.clientIp, context.clock.now());
  await context.publisher.disconnectStaff({ staffId: staff.id });
  return redirect("/personal/logga-in?reason=signedOut", { headers: { "Set-Cookie": await clearSessionCookie(context.config, request.url) } });
}

/** An admin ends another account's sessions (their own: all but the one in use). */
export async function endSessionsFor(context: AppLoadContext, admin: StaffUser, staffId: number): Promise<EndSessionsResult> {
  const result = await endSessionsOf(context.db, admin, staffId, context.clientIp, context.clock.now());
  if (result.ok) await context.publisher.disconnectStaff({ staffId: result.id, exceptSessionHash: admin.sessionHash });
  return result;
}
