/**
 * Form glue for multi-factor authentication: the code step of a sign-in
 * (/personal/logga-in/kod), the own settings page (/personal/tvastegsverifiering: set up,
 * recovery codes, turn off) and the admin's reset on /personal/konton. The rules are in
 * ~/domain/staff/mfa.server.ts; docs/security.md, "Multi-factor authentication".
 */
import { json, redirect, type AppLoadContext } from "@remix-run/node";
import QRCode from "qrcode";
import { idField } from "~/domain/common/ids";
import { mfaKey, type MfaKey } from "~/domain/staff/mfa-crypto.server";
import {
  ConfirmEnrolmentSchema,
  ConfirmEnrolmentSignedInSchema,
  DisableMfaSchema,
  formatRecoveryCode,
  groupSecret,
  RECOVERY_METHOD_PARAM,
  RecoveryStepSchema,
  RegenerateCodesSchema,
  TotpStepSchema,
} from "~/domain/staff/mfa.schema";
import {
  confirmEnrolment,
  disableOwnMfa,
  getMfaStatus,
  mfaRequiredFor,
  regenerateRecoveryCodes,
  resetMfaByAdmin,
  startEnrolment,
  TOTP_ISSUER,
  TOTP_PARAMS,
  verifySecondFactor,
  type Refusal,
  type SecondFactor,
} from "~/domain/staff/mfa.server";
import { checkCsrf, completeSignIn, requireMfaSettings, requirePendingCode, signOut, type StaffUser } from "~/http/auth.server";
import { parseForm } from "~/http/forms";
import { readFormData, safeRedirectPath } from "~/http/request.server";

export type CodeMethod = "totp" | "recovery";

function refusalReply<T extends object>(refusal: Refusal, data: T, defaultField: string) {
  const headers: Record<string, string> = refusal.retryAfterSeconds ? { "Retry-After": String(refusal.retryAfterSeconds) } : {};
  const status = refusal.retryAfterSeconds
    ? 429
    : refusal.error === "mfa.errors.invalidCode" || refusal.error === "mfa.errors.invalidRecoveryCode" || refusal.error === "mfa.errors.codeUsed"
      ? 401
      : 400;
  return json({ ...data, ok: false as const, errors: { [refusal.field ?? defaultField]: refusal.error } as Record<string, string> }, { status, headers });
}

async function cancel(ctx: AppLoadContext, request: Request, staff: StaffUser) {
  const cookie = await signOut(ctx, request, staff);
  return redirect("/personal/logga-in?reason=signedOut", { headers: { "Set-Cookie": cookie } });
}

/* ---------- the code step ---------- */

export async function loadCodeStep(request: Request, ctx: AppLoadContext) {
  const staff = await requirePendingCode(request, ctx);
  const url = new URL(request.url);
  const method: CodeMethod = url.searchParams.get("metod") === RECOVERY_METHOD_PARAM ? "recovery" : "totp";
  return json({ csrfToken: staff.csrfToken, method, redirectTo: safeRedirectPath(url.searchParams.get("redirectTo"), "/personal") });
}

export async function handleCodeStep(request: Request, ctx: AppLoadContext) {
  const staff = await requirePendingCode(request, ctx);
  const form = await readFormData(request);
  await checkCsrf(ctx, staff, form);
  if (form.get("intent") === "cancel") return cancel(ctx, request, staff);
  const method: CodeMethod = form.get("method") === "recovery" ? "recovery" : "totp";
  const key = mfaKey(ctx.config);
  let verified: Awaited<ReturnType<typeof verifyCode>>;
  let redirectTo: string | undefined;
  if (method === "totp") {
    const parsed = parseForm(TotpStepSchema, form);
    if (!parsed.ok) return json({ ok: false as const, method, errors: parsed.errors }, { status: 400 });
    redirectTo = parsed.data.redirectTo;
    verified = await verifyCode(ctx, key, staff, { method, code: parsed.data.code });
  } else {
    const parsed = parseForm(RecoveryStepSchema, form);
    if (!parsed.ok) return json({ ok: false as const, method, errors: parsed.errors }, { status: 400 });
    redirectTo = parsed.data.redirectTo;
    verified = await verifyCode(ctx, key, staff, { method, code: parsed.data.recoveryCode });
  }
  if (!verified.ok) return refusalReply(verified, { method }, method === "totp" ? "code" : "recoveryCode");
  // The session becomes full under a new id; the pending one is gone.
  const cookie = await completeSignIn(ctx, request, staff, { mfa: method });
  if (!cookie) throw redirect("/personal/logga-in?reason=expired");
  return redirect(safeRedirectPath(redirectTo, "/personal"), { headers: { "Set-Cookie": cookie } });
}

function verifyCode(ctx: AppLoadContext, key: MfaKey, staff: StaffUser, factor: SecondFactor) {
  return verifySecondFactor(ctx.db, key, staff, factor, ctx.clientIp);
}

/* ---------- own settings ---------- */

export async function loadMfaSettings(request: Request, ctx: AppLoadContext) {
  const { staff, stage } = await requireMfaSettings(request, ctx);
  const status = await getMfaStatus(ctx.db, staff.id);
  const url = new URL(request.url);
  let setup: { secret: string; qr: string; issuer: string; account: string; digits: number; period: number } | null = null;
  if (!status.enrolled) {
    const started = await startEnrolment(ctx.db, mfaKey(ctx.config), staff);
    if (started.ok) {
      const svg = await QRCode.toString(started.enrolment.uri, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
      setup = {
        secret: groupSecret(started.enrolment.secret),
        qr: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`,
        issuer: TOTP_ISSUER,
        account: staff.email,
        digits: TOTP_PARAMS.digits,
        period: TOTP_PARAMS.period,
      };
    }
  }
  return json({
    stage,
    required: mfaRequiredFor(ctx.config, staff.role),
    role: staff.role,
    status,
    setup,
    email: staff.email,
    csrfToken: staff.csrfToken,
    redirectTo: safeRedirectPath(url.searchParams.get("redirectTo"), "/personal"),
  });
}

export type MfaSettingsActionData =
  | { intent: "confirm" | "regenerate"; ok: true; recoveryCodes: string[]; continueTo: string }
  | { intent: "disable"; ok: true }
  | { intent: string; ok: false; errors: Record<string, string> };

export async function handleMfaSettings(request: Request, ctx: AppLoadContext) {
  const { staff, stage } = await requireMfaSettings(request, ctx);
  const form = await readFormData(request);
  await checkCsrf(ctx, staff, form);
  const intent = String(form.get("intent") ?? "");
  const key = mfaKey(ctx.config);
  const bad = (errors: Record<string, string>, status = 400) => json<MfaSettingsActionData>({ intent, ok: false, errors }, { status });

  if (intent === "cancel") return cancel(ctx, request, staff);

  if (intent === "confirm") {
    // Right after the password (stage enrol) the password is not asked again; from a signed-in session it is.
    const parsed = stage === "enrol" ? parseForm(ConfirmEnrolmentSchema, form) : parseForm(ConfirmEnrolmentSignedInSchema, form);
    if (!parsed.ok) return bad(parsed.errors);
    const data: { code: string; redirectTo?: string; currentPassword?: string } = parsed.data;
    const result = await confirmEnrolment(ctx.db, key, staff, { code: data.code, currentPassword: data.currentPassword }, ctx.clientIp);
    if (!result.ok) return refusalReply(result, { intent }, "code");
    // The account's other sessions ended: so do their open sockets.
    if (result.otherSessionsEnded > 0) await ctx.publisher.disconnectStaff({ staffId: staff.id });
    // The codes are in this answer only. A session set up after the password stays pending
    // until "Jag har sparat koderna" (intent=continue): this page renders with it meanwhile.
    return json<MfaSettingsActionData>({
      intent,
      ok: true,
      recoveryCodes: result.recoveryCodes.map(formatRecoveryCode),
      continueTo: safeRedirectPath(data.redirectTo, "/personal"),
    });
  }

  if (intent === "continue") {
    const continueTo = safeRedirectPath(typeof form.get("redirectTo") === "string" ? String(form.get("redirectTo")) : null, "/personal");
    if (stage === "full") return redirect(continueTo);
    if (!(await getMfaStatus(ctx.db, staff.id)).enrolled) return bad({ _form: "mfa.errors.setupFirst" }, 403);
    // Set up after the password: the session becomes full now, under a new id.
    const cookie = await completeSignIn(ctx, request, staff, { mfa: "enrolled" });
    if (!cookie) throw redirect("/personal/logga-in?reason=expired");
    return redirect(continueTo, { headers: { "Set-Cookie": cookie } });
  }

  // Everything else needs a full session: a pending one may only set MFA up.
  if (stage !== "full") return bad({ _form: "mfa.errors.setupFirst" }, 403);

  if (intent === "regenerate") {
    const parsed = parseForm(RegenerateCodesSchema, form);
    if (!parsed.ok) return bad(parsed.errors);
    const result = await regenerateRecoveryCodes(ctx.db, key, staff, parsed.data.code, ctx.clientIp);
    if (!result.ok) return refusalReply(result, { intent }, "code");
    return json<MfaSettingsActionData>({
      intent,
      ok: true,
      recoveryCodes: result.recoveryCodes.map(formatRecoveryCode),
      continueTo: "/personal/tvastegsverifiering",
    });
  }

  if (intent === "disable") {
    const parsed = parseForm(DisableMfaSchema, form);
    if (!parsed.ok) return bad(parsed.errors);
    const result = await disableOwnMfa(
      ctx.db,
      key,
      ctx.config,
      staff,
      { currentPassword: parsed.data.currentPassword, code: parsed.data.disableCode },
      ctx.clientIp,
    );
    // This form's code field is `disableCode` (the page has two code fields).
    if (!result.ok) return refusalReply({ ...result, field: result.field === "code" ? "disableCode" : result.field }, { intent }, "_form");
    if (result.otherSessionsEnded > 0) await ctx.publisher.disconnectStaff({ staffId: staff.id });
    return json<MfaSettingsActionData>({ intent, ok: true });
  }

  return bad({ _form: "errors.malformedForm" });
}

/* ---------- the admin's reset (/personal/konton) ---------- */

const StaffIdSchema = idField("errors.notFoundItem");

/** intent=resetMfa on the staff accounts page: the caller has checked staff.manage and the CSRF token. */
export async function resetStaffMfa(
  ctx: AppLoadContext,
  actor: StaffUser,
  form: FormData,
): Promise<{ ok: true; staffId: number } | { ok: false; error: string }> {
  const parsed = StaffIdSchema.safeParse(form.get("staffId"));
  if (!parsed.success) return { ok: false, error: "errors.notFoundItem" };
  const result = await resetMfaByAdmin(ctx.db, actor, parsed.data, ctx.clientIp);
  if (!result.ok) return { ok: false, error: result.error };
  // Their sessions ended: so do their open sockets.
  await ctx.publisher.disconnectStaff({ staffId: parsed.data });
  return { ok: true, staffId: parsed.data };
}
