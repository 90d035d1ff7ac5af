import crypto from "node:crypto";
import { json, redirect, type AppLoadContext } from "@remix-run/node";
import { logAudit } from "~/domain/audit/audit.server";
import { hashPassword, timingDummyHash, verifyPassword } from "~/domain/staff/password.server";
import { can, type Permission } from "~/domain/staff/roles";
import { getMfaStatus, mfaRequiredFor } from "~/domain/staff/mfa.server";
import { createStaffSession, destroyStaffSession, promoteSession, type PendingStage, type StaffUser } from "~/domain/staff/session.server";
import { clearSessionCookie, lookupStaffSession, serializeSessionCookie } from "~/http/session.server";
import { checkSignInAttempt, recordSignInSuccess } from "~/domain/staff/throttle.server";
import { readFormData, safeRedirectPath } from "~/http/request.server";

export type { StaffUser };

/** After the password: signed in (`full`), or on to the code step (`mfa`) or to set up MFA (`enrol`). */
export type SignInNext = "full" | "mfa" | "enrol";

export type SignInResult =
  | { ok: true; staff: { id: number; email: string }; setCookie: string; next: SignInNext }
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
  const staff = await db
    .selectFrom("staff")
    .select(["id", "email", "role", "password_hash", "disabled_at"])
    .where("email", "=", input.email)
    .executeTakeFirst();
  const valid = staff ? await verifyPassword(staff.password_hash, input.password) : (await verifyPassword(await timingDummyHash(), input.password), false);
  if (!staff || !valid || staff.disabled_at) {
    await logAudit(db, { actor: null, action: "auth.sign_in_failed", details: { email: input.email }, ip: clientIp }, now);
    return { ok: false, error: "invalid_credentials" };
  }
  if (input.previousSessionHash) await destroyStaffSession(db, input.previousSessionHash);
  // Enrolled (whatever the role): the code is always asked for. Not enrolled and the role
  // requires it: the session may only set MFA up. Otherwise the password is enough.
  const mfa = await getMfaStatus(db, staff.id);
  const next: SignInNext = mfa.enrolled ? "mfa" : mfaRequiredFor(config, staff.role) ? "enrol" : "full";
  const session = await createStaffSession(db, staff.id, config, now, next);
  await recordSignInSuccess(db, input.email, clientIp);
  const actor = { id: staff.id, email: staff.email };
  if (next === "full") await logAudit(db, { actor, action: "auth.sign_in", ip: clientIp }, now);
  else await logAudit(db, { actor, action: "auth.sign_in_password", details: { next }, ip: clientIp }, now);
  return {
    ok: true,
    staff: actor,
    setCookie: await serializeSessionCookie(config, input.requestUrl, session.id),
    next,
  };
}

/** Where the sign-in goes after the password, keeping the page the person was on their way to. */
export function afterPasswordPath(next: SignInNext, redirectTo: string): string {
  if (next === "full") return redirectTo;
  const params = new URLSearchParams({ redirectTo });
  return `${next === "mfa" ? MFA_CODE_PATH : MFA_ENROL_PATH}?${params.toString()}`;
}

export const MFA_CODE_PATH = "/personal/logga-in/kod";
export const MFA_ENROL_PATH = "/personal/tvastegsverifiering";

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

function here(request: Request): string {
  const url = new URL(request.url);
  return url.pathname + url.search;
}

function signInRedirect(request: Request, reason: "required" | "expired") {
  const params = new URLSearchParams({ redirectTo: here(request), reason });
  return redirect(`/personal/logga-in?${params.toString()}`);
}

/** No usable session: to sign-in, clearing a stale cookie. */
async function notSignedIn(request: Request, ctx: AppLoadContext, status: "none" | "invalid" | "expired"): Promise<Response> {
  const response = signInRedirect(request, status === "none" ? "required" : "expired");
  if (status !== "none") response.headers.append("Set-Cookie", await clearSessionCookie(ctx.config, request.url));
  return response;
}

/** A pending session's one page: the code step, or setting MFA up. */
function pendingRedirect(request: Request, stage: PendingStage): Response {
  return redirect(afterPasswordPath(stage, safeRedirectPath(here(request), "/personal")));
}

/**
 * Every staff loader and action starts here: no session means a redirect to sign-in, a
 * session still waiting for its second factor (or for MFA to be set up) a redirect to that
 * step, the wrong role means 403. Checked on the server every time.
 */
export async function requireStaff(request: Request, ctx: AppLoadContext, permission?: Permission): Promise<StaffUser> {
  const lookup = await lookupStaffSession(ctx.db, ctx.config, request.headers.get("Cookie"));
  if (lookup.status === "pending") throw pendingRedirect(request, lookup.stage);
  if (lookup.status !== "ok") throw await notSignedIn(request, ctx, lookup.status);
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

/**
 * The code step (/personal/logga-in/kod): only a session that gave the right password and
 * waits for its code. Signed in already: to /personal; anything else: to sign-in.
 */
export async function requirePendingCode(request: Request, ctx: AppLoadContext): Promise<StaffUser> {
  const lookup = await lookupStaffSession(ctx.db, ctx.config, request.headers.get("Cookie"));
  if (lookup.status === "pending" && lookup.stage === "mfa") return lookup.staff;
  if (lookup.status === "ok") throw redirect("/personal");
  if (lookup.status === "pending") throw pendingRedirect(request, lookup.stage);
  throw await notSignedIn(request, ctx, lookup.status === "none" ? "none" : "expired");
}

/**
 * The MFA settings page (/personal/tvastegsverifiering): a signed-in staff member, or a session
 * whose role requires MFA and which may do nothing else until it is set up (`enrol`).
 */
export async function requireMfaSettings(request: Request, ctx: AppLoadContext): Promise<{ staff: StaffUser; stage: "full" | "enrol" }> {
  const lookup = await lookupStaffSession(ctx.db, ctx.config, request.headers.get("Cookie"));
  if (lookup.status === "ok") return { staff: lookup.staff, stage: "full" };
  if (lookup.status === "pending" && lookup.stage === "enrol") return { staff: lookup.staff, stage: "enrol" };
  if (lookup.status === "pending") throw pendingRedirect(request, lookup.stage);
  throw await notSignedIn(request, ctx, lookup.status);
}

/** Checks a form's CSRF token against the session's (audited when wrong). */
export async function checkCsrf(ctx: AppLoadContext, staff: StaffUser, form: FormData): Promise<void> {
  const token = form.get("_csrf");
  if (typeof token !== "string" || !tokensMatch(token, staff.csrfToken)) {
    await logAudit(ctx.db, { actor: staff, action: "auth.csrf_rejected", ip: ctx.clientIp });
    throw json({ error: "errors.csrf" }, { status: 403 });
  }
}

/** The full session that replaces a pending one after its second step, with its cookie. Null if it was already used. */
export async function completeSignIn(
  ctx: AppLoadContext,
  request: Request,
  staff: StaffUser,
  details: Record<string, unknown>,
  now: Date = new Date(),
): Promise<string | null> {
  const session = await promoteSession(ctx.db, staff.sessionHash, staff.id, ctx.config, now);
  if (!session) return null;
  await logAudit(ctx.db, { actor: staff, action: "auth.sign_in", details, ip: ctx.clientIp }, now);
  return serializeSessionCookie(ctx.config, request.url, session.id);
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
  await checkCsrf(ctx, staff, form);
  return { staff, form };
}

export { hashPassword };
