import crypto from "node:crypto";
import { json, redirect, type AppLoadContext } from "@remix-run/node";
import { logAudit } from "~/domain/audit/audit.server";
import { hashPassword, timingDummyHash, verifyPassword } from "~/domain/staff/password.server";
import { can, type Permission } from "~/domain/staff/roles";
import { createStaffSession, destroyStaffSession, type StaffUser } from "~/domain/staff/session.server";
import { clearSessionCookie, lookupStaffSession, serializeSessionCookie } from "~/http/session.server";
import { checkSignInAttempt, recordSignInSuccess } from "~/domain/staff/throttle.server";
import { readFormData } from "~/http/request.server";

export type { StaffUser };

export type SignInResult =
  | { ok: true; staff: { id: number; email: string }; setCookie: string }
  | { ok: false; error: "invalid_credentials" }
  | { ok: false; error: "throttled"; retryAfterSeconds: number };

/**
 * Email + password sign-in. The attempt is counted (per account and per IP) before the
 * password is verified, so parallel attempts cannot slip past the limit. Unknown email,
 * wrong password and disabled account give the same answer and take the same time; a
 * throttled attempt answers the same for every account. Always starts a fresh session.
 */
export async function signIn(
  ctx: Pick<AppLoadContext, "db" | "config" | "clientIp">,
  input: { email: string; password: string; requestUrl: string; previousSessionHash?: string },
  now: Date = new Date(),
): Promise<SignInResult> {
  const { db, config, clientIp } = ctx;
  const attempt = await checkSignInAttempt(db, input.email, clientIp);
  if (!attempt.allowed) {
    // One audit row when a lockout starts, not one per refused attempt.
    if (attempt.started) {
      await logAudit(db, { actor: null, action: "auth.sign_in_throttled", details: { email: input.email, by: attempt.by }, ip: clientIp }, now);
    }
    return { ok: false, error: "throttled", retryAfterSeconds: attempt.retryAfterSeconds };
  }
  const staff = await db.selectFrom("staff").select(["id", "email", "password_hash", "disabled_at"]).where("email", "=", input.email).executeTakeFirst();
  const valid = staff ? await verifyPassword(staff.password_hash, input.password) : (await verifyPassword(await timingDummyHash(), input.password), false);
  if (!staff || !valid || staff.disabled_at) {
    await logAudit(db, { actor: null, action: "auth.sign_in_failed", details: { email: input.email }, ip: clientIp }, now);
    return { ok: false, error: "invalid_credentials" };
  }
  if (input.previousSessionHash) await destroyStaffSession(db, input.previousSessionHash);
  const session = await createStaffSession(db, staff.id, config, now);
  await recordSignInSuccess(db, input.email, clientIp);
  await logAudit(db, { actor: { id: staff.id, email: staff.email }, action: "auth.sign_in", ip: clientIp }, now);
  return {
    ok: true,
    staff: { id: staff.id, email: staff.email },
    setCookie: await serializeSessionCookie(config, input.requestUrl, session.id),
  };
}

export async function signOut(ctx: AppLoadContext, request: Request, staff: StaffUser): Promise<string> {
  await destroyStaffSession(ctx.db, staff.sessionHash);
  await logAudit(ctx.db, { actor: staff, action: "auth.sign_out", ip: ctx.clientIp });
  // A signed-out moderator's open tabs must stop receiving the staff rooms' events.
  await ctx.publisher.disconnectStaff({ sessionHash: staff.sessionHash });
  return clearSessionCookie(ctx.config, request.url);
}

/** The signed-in staff member, or null. Never throws for residents. */
export async function getStaffUser(request: Request, ctx: AppLoadContext): Promise<StaffUser | null> {
  const lookup = await lookupStaffSession(ctx.db, ctx.config, request.headers.get("Cookie"));
  return lookup.status === "ok" ? lookup.staff : null;
}

function signInRedirect(request: Request, reason: "required" | "expired") {
  const url = new URL(request.url);
  const params = new URLSearchParams({ redirectTo: url.pathname + url.search, reason });
  return redirect(`/personal/logga-in?${params.toString()}`);
}

/**
 * Every staff loader and action starts here: no session means a redirect to
 * sign-in, the wrong role means 403. Checked on the server every time.
 */
export async function requireStaff(request: Request, ctx: AppLoadContext, permission?: Permission): Promise<StaffUser> {
  const lookup = await lookupStaffSession(ctx.db, ctx.config, request.headers.get("Cookie"));
  if (lookup.status !== "ok") {
    const response = signInRedirect(request, lookup.status === "none" ? "required" : "expired");
    if (lookup.status === "invalid" || lookup.status === "expired") {
      response.headers.append("Set-Cookie", await clearSessionCookie(ctx.config, request.url));
    }
    throw response;
  }
  if (permission && !can(lookup.staff.role, permission)) {
    await logAudit(ctx.db, {
      actor: lookup.staff,
      action: "auth.forbidden",
      details: { permission, path: new URL(request.url).pathname },
      ip: ctx.clientIp,
    });
    throw json({ error: "errors.forbidden" }, { status: 403 });
  }
  return lookup.staff;
}

function tokensMatch(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && crypto.timingSafeEqual(ab, bb);
}

/** requireStaff for actions: also reads the form and checks its CSRF token. */
export async function requireStaffForm(request: Request, ctx: AppLoadContext, permission?: Permission): Promise<{ staff: StaffUser; form: FormData }> {
  const staff = await requireStaff(request, ctx, permission);
  const form = await readFormData(request);
  const token = form.get("_csrf");
  if (typeof token !== "string" || !tokensMatch(token, staff.csrfToken)) {
    await logAudit(ctx.db, { actor: staff, action: "auth.csrf_rejected", ip: ctx.clientIp });
    throw json({ error: "errors.csrf" }, { status: 403 });
  }
  return { staff, form };
}

export { hashPassword };
