/**
 * Staff single sign-on over OpenID Connect: the rules (docs/decisions/009-oidc-single-sign-on.md).
 *
 * - An authorisation request is stored before the browser leaves for the identity provider and
 *   is used at most once: the callback consumes it with one conditional UPDATE (right id, right
 *   state, not consumed, not expired), so two callbacks with the same state cannot both win and a
 *   replayed callback is refused.
 * - Who may sign in is decided here, from Tryggve's own staff table: the provider's subject if an
 *   account already carries it, otherwise (OIDC_MATCH=email) the provider's verified e-mail, after
 *   which the subject is stored on the account. Nobody is ever created; a disabled account is
 *   refused. The role is the account's own.
 *
 * The protocol itself (discovery, PKCE, signatures, issuer and nonce checks) is openid-client's,
 * in ~/http/oidc.server.ts.
 */
import crypto from "node:crypto";
import { sql } from "kysely";
import type { DB } from "../../../db/connection";
import type { Refusal } from "~/domain/common/errors";
import { isUniqueViolation } from "~/domain/common/locks";
import { hashSessionId } from "~/domain/staff/session.server";

/** How long the browser has to come back from the identity provider. */
export const OIDC_AUTHORISATION_MINUTES = 10;

export function hashAuthorisationId(id: string): string {
  return crypto.createHash("sha256").update(id).digest("hex");
}

export interface PendingAuthorisation {
  state: string;
  nonce: string;
  codeVerifier: string;
  redirectTo: string;
}

/**
 * Stores a new authorisation request and returns its random id (for the browser's signed
 * cookie; only its hash is stored). Requests that have expired are deleted on the way.
 */
export async function createAuthorisation(db: DB, pending: PendingAuthorisation, now: Date = new Date()): Promise<{ id: string; expiresAt: Date }> {
  const id = crypto.randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + OIDC_AUTHORISATION_MINUTES * 60_000);
  await db.deleteFrom("oidc_authorisations").where("expires_at", "<=", now.toISOString()).execute();
  await db
    .insertInto("oidc_authorisations")
    .values({
      id_hash: hashAuthorisationId(id),
      state: pending.state,
      nonce: pending.nonce,
      code_verifier: pending.codeVerifier,
      redirect_to: pending.redirectTo,
      created_at: now.toISOString(),
      expires_at: expiresAt.toISOString(),
      consumed_at: null,
    })
    .execute();
  return { id, expiresAt };
}

/** Why a callback's state was refused (audited; the page says the same thing for all of them). */
export type StateRefusal = "unknown_state" | "replayed_state" | "expired_state" | "state_mismatch";

/**
 * Uses up the authorisation request behind `id` if `state` is its state, it has not been used
 * and it has not expired: one UPDATE with all four conditions, so of two callbacks at once only
 * one gets the row back. Anything else is refused, and the reason is looked up afterwards.
 */
export async function consumeAuthorisation(
  db: DB,
  id: string,
  state: string,
  now: Date = new Date(),
): Promise<({ ok: true } & PendingAuthorisation) | Refusal<StateRefusal>> {
  const idHash = hashAuthorisationId(id);
  const at = now.toISOString();
  const row = await db
    .updateTable("oidc_authorisations")
    .set({ consumed_at: at })
    .where("id_hash", "=", idHash)
    .where("state", "=", state)
    .where("consumed_at", "is", null)
    .where("expires_at", ">", at)
    .returning(["state", "nonce", "code_verifier", "redirect_to"])
    .executeTakeFirst();
  if (row) return { ok: true, state: row.state, nonce: row.nonce, codeVerifier: row.code_verifier, redirectTo: row.redirect_to };
  const existing = await db.selectFrom("oidc_authorisations").select(["state", "consumed_at", "expires_at"]).where("id_hash", "=", idHash).executeTakeFirst();
  if (!existing) return { ok: false, error: "unknown_state" };
  if (existing.consumed_at !== null) return { ok: false, error: "replayed_state" };
  if (existing.expires_at <= at) return { ok: false, error: "expired_state" };
  return { ok: false, error: "state_mismatch" };
}

/**
 * Marks the request behind `id` as used whatever its state, for a callback that is refused
 * before its state could be checked, so the same request cannot be tried again.
 */
export async function discardAuthorisation(db: DB, id: string, now: Date = new Date()): Promise<void> {
  await db
    .updateTable("oidc_authorisations")
    .set({ consumed_at: now.toISOString() })
    .where("id_hash", "=", hashAuthorisationId(id))
    .where("consumed_at", "is", null)
    .execute();
}

/** The identity provider's claims about the person, from a verified ID token. */
export interface IdentityClaims {
  sub: string;
  email?: unknown;
  email_verified?: unknown;
}

export type OidcMatch = "email" | "sub";

export type MatchRefusal = "unknown_account" | "account_disabled" | "email_not_verified" | "subject_mismatch";

export type MatchResult = { ok: true; staff: { id: number; email: string }; linked: boolean } | (Refusal<MatchRefusal> & { email: string | null });

function claimedEmail(claims: IdentityClaims): string | null {
  return typeof claims.email === "string" && claims.email.trim() !== "" ? claims.email.trim().toLowerCase() : null;
}

/**
 * The staff account this identity signs in as, by Tryggve's own table:
 * 1. an account that already carries the subject (`oidc_subject`);
 * 2. with `match: "email"`, an account whose e-mail is the identity's e-mail, if the provider
 *    says it is verified (`email_verified: true`) and the account is not linked to another
 *    subject; the subject is then stored on it (`linked: true`).
 * A disabled account is refused in both cases; no account is ever created.
 */
export async function matchStaff(db: DB, match: OidcMatch, claims: IdentityClaims, now: Date = new Date()): Promise<MatchResult> {
  const email = claimedEmail(claims);
  const bySubject = await db.selectFrom("staff").select(["id", "email", "disabled_at"]).where("oidc_subject", "=", claims.sub).executeTakeFirst();
  if (bySubject) {
    if (bySubject.disabled_at) return { ok: false, error: "account_disabled", email: bySubject.email };
    return { ok: true, staff: { id: bySubject.id, email: bySubject.email }, linked: false };
  }
  if (match === "sub" || email === null) return { ok: false, error: "unknown_account", email };
  const byEmail = await db
    .selectFrom("staff")
    .select(["id", "email", "disabled_at", "oidc_subject"])
    .where(sql<string>`lower(email)`, "=", email)
    .executeTakeFirst();
  if (!byEmail) return { ok: false, error: "unknown_account", email };
  if (claims.email_verified !== true) return { ok: false, error: "email_not_verified", email };
  if (byEmail.disabled_at) return { ok: false, error: "account_disabled", email };
  if (byEmail.oidc_subject !== null) return { ok: false, error: "subject_mismatch", email };
  try {
    // Only while the account has no subject: a concurrent first sign-in with another subject loses.
    const result = await db
      .updateTable("staff")
      .set({ oidc_subject: claims.sub, updated_at: now.toISOString() })
      .where("id", "=", byEmail.id)
      .where("oidc_subject", "is", null)
      .where("disabled_at", "is", null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) {
      const again = await db.selectFrom("staff").select(["oidc_subject", "disabled_at"]).where("id", "=", byEmail.id).executeTakeFirst();
      if (again?.disabled_at) return { ok: false, error: "account_disabled", email };
      if (again?.oidc_subject !== claims.sub) return { ok: false, error: "subject_mismatch", email };
    }
  } catch (err) {
    // The subject was stored on another account in the meantime.
    if (isUniqueViolation(err)) return { ok: false, error: "subject_mismatch", email };
    throw err;
  }
  return { ok: true, staff: { id: byEmail.id, email: byEmail.email }, linked: true };
}

/**
 * Records that a new session was signed in through the identity provider, so Tryggve's own TOTP
 * step does not apply to it: the provider's MFA policy does (docs/decisions/009).
 */
export async function markSessionSignedInWithOidc(db: DB, sessionId: string): Promise<void> {
  await db.updateTable("staff_sessions").set({ auth_method: "oidc" }).where("id_hash", "=", hashSessionId(sessionId)).execute();
}
