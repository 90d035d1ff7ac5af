import pino from "pino";
import type { AppLoadContext } from "@remix-run/node";
import type { DB } from "../../db/connection";
import { systemClock } from "~/clock";
import { loadConfig, type Config } from "~/config.server";
import { noopPublisher, type Publisher } from "~/realtime/publisher.server";
import { createStaffSession } from "~/domain/staff/session.server";
import { serializeSessionCookie } from "~/http/session.server";

export const TEST_SECRET = "test-secret-test-secret-test-secret-123";

/**
 * Configuration for tests. MFA_REQUIRED_ROLES is empty unless a test asks for it: tests sign
 * moderators and admins in with the password alone; test/integration/security/mfa.test.ts sets
 * the default (`admin,moderator`) where MFA is what it tests.
 */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({ NODE_ENV: "test", SESSION_SECRET: TEST_SECRET, LOG_LEVEL: "silent", MFA_REQUIRED_ROLES: "", ...overrides });
}

/**
 * The load context the Express adapter would build, for calling loaders and actions directly.
 * The clock is the system clock unless `extra.clock` is given (fixedClock from ~/clock for exact dates).
 */
export function testContext(db: DB, extra: Partial<AppLoadContext> & { publisher?: Publisher } = {}): AppLoadContext {
  return {
    db,
    config: testConfig(),
    logger: pino({ level: "silent" }),
    publisher: noopPublisher,
    clock: systemClock,
    cspNonce: "test-nonce",
    requestId: "test-request",
    clientIp: "127.0.0.1",
    participantId: "5f0c3a52-3d1e-4f7a-9a4b-2f7a1c9e8d10",
    ...extra,
  } as AppLoadContext;
}

/** Signs a staff member in directly and returns the Cookie header plus the CSRF token. */
export async function staffCookie(db: DB, staffId: number, config: Config = testConfig()) {
  const session = await createStaffSession(db, staffId, config);
  const setCookie = await serializeSessionCookie(config, "http://localhost/", session.id);
  return { cookie: setCookie.split(";")[0], csrfToken: session.csrfToken };
}

export function formRequest(url: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return new Request(`http://localhost${url}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}
