/**
 * Staff single sign-on over OpenID Connect: the glue between the two routes
 * (`/personal/sso` starts, `/personal/sso/callback` finishes), openid-client (discovery,
 * authorization code flow with PKCE S256, state and nonce, ID token signature, issuer, audience,
 * expiry and nonce checks) and the rules in ~/domain/staff/oidc.server.ts (one-time requests,
 * which staff account, never a new one). Off unless OIDC_ISSUER is set. See
 * docs/decisions/009-oidc-single-sign-on.md and docs/security.md.
 */
import { createCookie, json, redirect, type AppLoadContext, type Cookie } from "@remix-run/node";
import * as oidc from "openid-client";
import type { Config } from "~/config.server";
import type { I18nKey } from "~/i18n/keys";
import { logAudit } from "~/domain/audit/audit.server";
import {
  consumeAuthorisation,
  createAuthorisation,
  discardAuthorisation,
  markSessionSignedInWithOidc,
  matchStaff,
  OIDC_AUTHORISATION_MINUTES,
  type MatchRefusal,
  type StateRefusal,
} from "~/domain/staff/oidc.server";
import { createStaffSession, destroyStaffSession } from "~/domain/staff/session.server";
import { lookupStaffSession, serializeSessionCookie } from "~/http/session.server";
import { readFormData, safeRedirectPath } from "~/http/request.server";

type OidcConfig = Pick<
  Config,
  "OIDC_ISSUER" | "OIDC_CLIENT_ID" | "OIDC_CLIENT_SECRET" | "OIDC_SCOPES" | "OIDC_MATCH" | "OIDC_BUTTON_LABEL" | "PUBLIC_URL" | "SESSION_SECRET"
>;

/** The path the identity provider sends the browser back to; registered there as `${PUBLIC_URL}/personal/sso/callback`. */
export const OIDC_CALLBACK_PATH = "/personal/sso/callback";

export function oidcEnabled(config: Pick<Config, "OIDC_ISSUER" | "OIDC_CLIENT_ID">): boolean {
  return Boolean(config.OIDC_ISSUER && config.OIDC_CLIENT_ID);
}

/** The redirect URI: always from PUBLIC_URL, never from the request. */
export function oidcRedirectUri(config: Pick<Config, "PUBLIC_URL">): string {
  return `${config.PUBLIC_URL}${OIDC_CALLBACK_PATH}`;
}

/** What the sign-in page needs to show the button (null: single sign-on is off). */
export function ssoSignInOption(config: Pick<Config, "OIDC_ISSUER" | "OIDC_CLIENT_ID" | "OIDC_BUTTON_LABEL">): { label: string | null } | null {
  return oidcEnabled(config) ? { label: config.OIDC_BUTTON_LABEL ?? null } : null;
}

// ---------------------------------------------------------------------------------------------
// Discovery: one openid-client Configuration per issuer and client, kept for an hour (the
// provider's keys are refetched by openid-client when a token names a key it does not know).

const DISCOVERY_TTL_MS = 60 * 60_000;
const discovered = new Map<string, { at: number; configuration: Promise<oidc.Configuration> }>();

function isLoopbackHttp(url: URL): boolean {
  return url.protocol === "http:" && ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
}

function discover(config: OidcConfig): Promise<oidc.Configuration> {
  const issuer = new URL(config.OIDC_ISSUER!);
  const key = JSON.stringify([config.OIDC_ISSUER, config.OIDC_CLIENT_ID, config.OIDC_CLIENT_SECRET ?? null]);
  const cached = discovered.get(key);
  if (cached && Date.now() - cached.at < DISCOVERY_TTL_MS) return cached.configuration;
  const configuration = oidc.discovery(
    issuer,
    config.OIDC_CLIENT_ID!,
    undefined,
    // A confidential client authenticates with HTTP Basic (the registration default); a public one with PKCE alone.
    config.OIDC_CLIENT_SECRET ? oidc.ClientSecretBasic(config.OIDC_CLIENT_SECRET) : oidc.None(),
    {
      timeout: 10,
      execute: [
        // The ID token's signature is verified against the provider's published keys (jwks_uri),
        // not only trusted because it came over TLS from the token endpoint (all that OIDC Core
        // requires, and openid-client's default).
        oidc.enableNonRepudiationChecks,
        // Plain http only to this machine (the config refuses anything else): the tests' provider.
        ...(isLoopbackHttp(issuer) ? [oidc.allowInsecureRequests] : []),
      ],
    },
  );
  discovered.set(key, { at: Date.now(), configuration });
  // A failed discovery is not kept: the next sign-in tries again.
  configuration.catch(() => {
    if (discovered.get(key)?.configuration === configuration) discovered.delete(key);
  });
  return configuration;
}

// ---------------------------------------------------------------------------------------------
// The browser's half of a pending request: a signed, HttpOnly cookie holding its random id,
// for ten minutes. Over HTTPS `__Host-` (Secure, Path=/, no Domain), as the session cookie.

const SSO_COOKIE_NAME = "tryggve_sso";

function isSecure(config: Pick<Config, "PUBLIC_URL">, requestUrl: string): boolean {
  return new URL(config.PUBLIC_URL).protocol === "https:" || new URL(requestUrl).protocol === "https:";
}

function ssoCookie(config: Pick<Config, "SESSION_SECRET">, secure: boolean): Cookie {
  return createCookie(secure ? `__Host-${SSO_COOKIE_NAME}` : SSO_COOKIE_NAME, {
    httpOnly: true,
    // Lax: sent when the provider sends the browser back (a top-level GET), not on cross-site posts.
    sameSite: "lax",
    path: "/",
    secure,
    secrets: [config.SESSION_SECRET],
    maxAge: OIDC_AUTHORISATION_MINUTES * 60,
  });
}

async function readSsoCookie(config: OidcConfig, cookieHeader: string | null): Promise<string | null> {
  if (!cookieHeader) return null;
  const https = new URL(config.PUBLIC_URL).protocol === "https:";
  // Over HTTPS only the __Host- cookie counts: a plain one may have been planted by a sibling host.
  for (const secure of https ? [true] : [true, false]) {
    const value: unknown = await ssoCookie(config, secure).parse(cookieHeader);
    if (typeof value === "string" && value.length > 0) return value;
  }
  return null;
}

function clearSsoCookie(config: OidcConfig, requestUrl: string): Promise<string> {
  return ssoCookie(config, isSecure(config, requestUrl)).serialize("", { maxAge: 0, expires: new Date(0) });
}

// ---------------------------------------------------------------------------------------------
// Refusals: each has its audit reason, the page's message and an HTTP status.

export type SsoRefusal =
  "not_configured" | "provider_unavailable" | "no_pending_authorisation" | StateRefusal | "provider_error" | "cancelled" | "invalid_response" | MatchRefusal;

const REFUSALS: Record<SsoRefusal, { key: I18nKey; status: number }> = {
  not_configured: { key: "sso.errors.notConfigured", status: 404 },
  provider_unavailable: { key: "sso.errors.unavailable", status: 503 },
  no_pending_authorisation: { key: "sso.errors.state", status: 400 },
  unknown_state: { key: "sso.errors.state", status: 400 },
  replayed_state: { key: "sso.errors.state", status: 400 },
  expired_state: { key: "sso.errors.state", status: 400 },
  state_mismatch: { key: "sso.errors.state", status: 400 },
  provider_error: { key: "sso.errors.provider", status: 400 },
  cancelled: { key: "sso.errors.cancelled", status: 400 },
  invalid_response: { key: "sso.errors.invalidResponse", status: 400 },
  unknown_account: { key: "sso.errors.unknownAccount", status: 403 },
  account_disabled: { key: "sso.errors.disabled", status: 403 },
  email_not_verified: { key: "sso.errors.emailNotVerified", status: 403 },
  subject_mismatch: { key: "sso.errors.subjectMismatch", status: 403 },
};

export interface SsoProblemData {
  error: I18nKey;
}

type Ctx = Pick<AppLoadContext, "db" | "config" | "clientIp" | "logger" | "clock">;

/** Audits the refusal and answers with the page's message; the pending-request cookie is cleared. */
async function refuse(ctx: Ctx, request: Request, reason: SsoRefusal, details: Record<string, unknown> = {}) {
  await logAudit(ctx.db, { actor: null, action: "auth.sso_refused", details: { method: "oidc", reason, ...details }, ip: ctx.clientIp }, ctx.clock.now());
  const { key, status } = REFUSALS[reason];
  return json<SsoProblemData>({ error: key }, { status, headers: { "Set-Cookie": await clearSsoCookie(ctx.config, request.url) } });
}

/** A short, log-safe description of what openid-client refused (its code and the check's message, never a token). */
function describe(err: unknown): Record<string, string> {
  if (err instanceof oidc.ClientError) {
    const cause = err.cause instanceof Error ? err.cause.message : "";
    return { code: err.code ?? "client_error", check: `${err.message}${cause ? `: ${cause}` : ""}`.slice(0, 200) };
  }
  if (err instanceof oidc.ResponseBodyError) return { code: "token_endpoint", error: err.error.slice(0, 64) };
  if (err instanceof Error) return { code: err.name, check: err.message.slice(0, 200) };
  return { code: "unknown" };
}

// ---------------------------------------------------------------------------------------------

/**
 * `POST /personal/sso`: stores a new one-time request (state, nonce, PKCE verifier and where to
 * go afterwards), sets its cookie and sends the browser to the provider's authorization endpoint.
 */
export async function startSsoSignIn(request: Request, ctx: Ctx) {
  const { config } = ctx;
  if (!oidcEnabled(config)) return refuse(ctx, request, "not_configured");
  const form = await readFormData(request);
  const redirectTo = safeRedirectPath(form.get("redirectTo"), "/personal");
  let configuration: oidc.Configuration;
  try {
    configuration = await discover(config);
  } catch (err) {
    ctx.logger.error({ err }, "OpenID Connect discovery failed");
    // openid-client refuses a discovery document that names another issuer (or is malformed):
    // that is the provider's answer being refused; anything else is the provider not answering.
    const refused = err instanceof oidc.ClientError || err instanceof oidc.ResponseBodyError;
    return refuse(ctx, request, refused ? "invalid_response" : "provider_unavailable", { stage: "discovery", ...describe(err) });
  }
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const { id } = await createAuthorisation(ctx.db, { state, nonce, codeVerifier, redirectTo }, ctx.clock.now());
  const url = oidc.buildAuthorizationUrl(configuration, {
    redirect_uri: oidcRedirectUri(config),
    scope: config.OIDC_SCOPES,
    response_type: "code",
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    state,
    nonce,
  });
  return redirect(url.href, { headers: { "Set-Cookie": await ssoCookie(config, isSecure(config, request.url)).serialize(id) } });
}

/**
 * `GET /personal/sso/callback`: the provider's answer. Refused, audited and without a session
 * unless this browser's request is found and used up now with the returned state, the provider's
 * answer and ID token pass every check (issuer, signature, audience, expiry, nonce, PKCE) and the
 * identity is an active staff account. Then a fresh session (any previous one ends) and back to
 * where the person was going.
 */
export async function finishSsoSignIn(request: Request, ctx: Ctx) {
  const { config, db } = ctx;
  if (!oidcEnabled(config)) return refuse(ctx, request, "not_configured");
  const now = ctx.clock.now();
  const incoming = new URL(request.url);
  // The URL openid-client checks: PUBLIC_URL's callback with the provider's parameters, never the request's Host.
  const currentUrl = new URL(oidcRedirectUri(config));
  currentUrl.search = incoming.search;
  const params = currentUrl.searchParams;
  const providerError = params.get("error");
  const providerDetails = providerError ? { error: providerError.replace(/[^\w.-]/g, "").slice(0, 64) } : {};

  const id = await readSsoCookie(config, request.headers.get("Cookie"));
  if (!id) return refuse(ctx, request, "no_pending_authorisation", providerDetails);
  const state = params.get("state");
  if (!state) {
    await discardAuthorisation(db, id, now);
    return refuse(ctx, request, "unknown_state", providerDetails);
  }
  const pending = await consumeAuthorisation(db, id, state, now);
  if (!pending.ok) return refuse(ctx, request, pending.error, providerDetails);

  let claims: oidc.IDToken | undefined;
  try {
    const configuration = await discover(config);
    const tokens = await oidc.authorizationCodeGrant(configuration, currentUrl, {
      pkceCodeVerifier: pending.codeVerifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    claims = tokens.claims();
    // Many providers put e-mail only in the userinfo answer (oidc-provider does when an access
    // token is issued); openid-client checks that it is about the same subject.
    if (claims && claims.email === undefined && configuration.serverMetadata().userinfo_endpoint) {
      const info = await oidc.fetchUserInfo(configuration, tokens.access_token, claims.sub);
      claims = { ...claims, email: info.email, email_verified: info.email_verified };
    }
  } catch (err) {
    if (err instanceof oidc.AuthorizationResponseError) {
      return refuse(ctx, request, err.error === "access_denied" ? "cancelled" : "provider_error", providerDetails);
    }
    if (err instanceof oidc.ClientError || err instanceof oidc.ResponseBodyError) {
      // Wrong issuer, bad signature, wrong audience, expired token, wrong nonce, failed PKCE, …
      return refuse(ctx, request, "invalid_response", describe(err));
    }
    ctx.logger.error({ err }, "OpenID Connect token request failed");
    return refuse(ctx, request, "provider_unavailable", { stage: "token", ...describe(err) });
  }
  if (!claims || typeof claims.sub !== "string" || claims.sub === "") return refuse(ctx, request, "invalid_response", { code: "no_subject" });

  const match = await matchStaff(db, config.OIDC_MATCH, claims, now);
  if (!match.ok) return refuse(ctx, request, match.error, { email: match.email, subject: claims.sub });

  // A fresh session under a new id; whatever session this browser had (signed in or half-way) ends.
  // Sessions run on real time, as every other session lookup does (requireStaff, the sockets), not
  // on the app's clock: a session stamped with a test clock far behind real time read as idle.
  const sessionNow = new Date();
  const previous = await lookupStaffSession(db, config, request.headers.get("Cookie"), sessionNow);
  if ("staff" in previous) await destroyStaffSession(db, previous.staff.sessionHash);
  const session = await createStaffSession(db, match.staff.id, config, sessionNow);
  await markSessionSignedInWithOidc(db, session.id);
  const actor = { id: match.staff.id, email: match.staff.email };
  if (match.linked) {
    await logAudit(
      db,
      { actor, action: "staff.oidc_linked", targetType: "staff", targetId: match.staff.id, details: { subject: claims.sub }, ip: ctx.clientIp },
      now,
    );
  }
  // What the provider says about how the person authenticated (e.g. amr ["pwd","mfa"]): Tryggve relies on its MFA policy.
  const amr = Array.isArray(claims.amr) ? claims.amr.filter((v): v is string => typeof v === "string").slice(0, 10) : undefined;
  const acr = typeof claims.acr === "string" ? claims.acr.slice(0, 100) : undefined;
  await logAudit(db, { actor, action: "auth.sign_in", details: { method: "oidc", ...(amr ? { amr } : {}), ...(acr ? { acr } : {}) }, ip: ctx.clientIp }, now);

  const headers = new Headers();
  headers.append("Set-Cookie", await serializeSessionCookie(config, request.url, session.id));
  headers.append("Set-Cookie", await clearSsoCookie(config, request.url));
  return redirect(safeRedirectPath(pending.redirectTo, "/personal"), { headers });
}
