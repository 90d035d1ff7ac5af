/**
 * The MFA rules on a real SQLite database, at chosen instants: TOTP with a window of one step
 * either side, a code accepted once (replay refused, also when sent twice at once), recovery
 * codes once each, the code budget, the secret sealed to its account. The flow through the real
 * server is test/integration/security/mfa.test.ts.
 */
import { Secret, TOTP } from "otpauth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../../db/connection";
import { mfaKey, openSecret, sealSecret } from "~/domain/staff/mfa-crypto.server";
import { formatRecoveryCode, normaliseRecoveryCode, recoveryCode } from "~/domain/staff/mfa.schema";
import {
  confirmEnrolment,
  disableOwnMfa,
  getMfaStatus,
  recoveryCodeHash,
  regenerateRecoveryCodes,
  startEnrolment,
  verifySecondFactor,
} from "~/domain/staff/mfa.server";
import { MFA_LIMITS } from "~/domain/staff/mfa-throttle.server";
import { createStaffSession, hashSessionId } from "~/domain/staff/session.server";
import { testConfig } from "../../helpers/context";
import { createTestDb } from "../../helpers/db";
import { makeStaff, TEST_PASSWORD } from "../../helpers/factories";

let db: DB;
const config = testConfig();
const key = mfaKey(config);
const T0 = Date.parse("2026-06-15T10:00:00Z"); // a step boundary (divisible by 30 s)
const at = (steps: number, plusSeconds = 0) => new Date(T0 + steps * 30_000 + plusSeconds * 1000);
const codeAt = (secret: string, when: Date) =>
  TOTP.generate({ secret: Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: 30, timestamp: when.getTime() });

beforeAll(async () => {
  db = await createTestDb({ file: true });
});
afterAll(async () => {
  await db.destroy();
});

/** A staff member with MFA confirmed at step 0; returns the secret and the recovery codes. */
async function enrolled(role: "moderator" | "walk_leader" = "moderator") {
  return enrolledWithSession(role).then(({ session: _session, ...rest }) => rest);
}

async function enrolledWithSession(role: "moderator" | "walk_leader") {
  const staff = await makeStaff(db, { role });
  const session = await createStaffSession(db, staff.id, config, at(0));
  const started = await startEnrolment(db, key, staff, at(0));
  if (!started.ok) throw new Error(started.error);
  const { secret } = started.enrolment;
  const confirmed = await confirmEnrolment(
    db,
    key,
    { ...staff, sessionHash: hashSessionId(session.id) },
    { code: codeAt(secret, at(0)) },
    "198.51.100.1",
    at(0, 5),
  );
  if (!confirmed.ok) throw new Error(confirmed.error);
  return { staff, secret, recoveryCodes: confirmed.recoveryCodes, session: hashSessionId(session.id) };
}

const totp = (code: string) => ({ method: "totp" as const, code });

describe("TOTP", () => {
  it("the otpauth URI names the issuer and the account, with SHA-1, 6 digits and 30 s", async () => {
    const staff = await makeStaff(db, { email: "uri@example.org" });
    const started = await startEnrolment(db, key, staff, at(0));
    expect(started.ok).toBe(true);
    if (!started.ok) return;
    const uri = new URL(started.enrolment.uri);
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.host).toBe("totp");
    expect(decodeURIComponent(uri.pathname)).toBe("/Tryggve:uri@example.org");
    expect(Object.fromEntries(uri.searchParams)).toEqual({ issuer: "Tryggve", secret: started.enrolment.secret, algorithm: "SHA1", digits: "6", period: "30" });
    // A reload shows the same secret until it is confirmed.
    const again = await startEnrolment(db, key, staff, at(1));
    expect(again.ok && again.enrolment.secret).toBe(started.enrolment.secret);
  });

  it("from a signed-in session the set-up needs the current password too", async () => {
    const staff = await makeStaff(db);
    const session = await createStaffSession(db, staff.id, config, at(0));
    const started = await startEnrolment(db, key, staff, at(0));
    if (!started.ok) throw new Error(started.error);
    const actor = { ...staff, sessionHash: hashSessionId(session.id) };
    const code = codeAt(started.enrolment.secret, at(0));
    expect(await confirmEnrolment(db, key, actor, { code, currentPassword: "not the password" }, "198.51.100.9", at(0))).toMatchObject({
      ok: false,
      error: "errors.passwordCurrent",
      field: "currentPassword",
    });
    expect((await getMfaStatus(db, staff.id)).enrolled).toBe(false);
    expect(await confirmEnrolment(db, key, actor, { code, currentPassword: TEST_PASSWORD }, "198.51.100.9", at(0))).toMatchObject({ ok: true });
    expect((await getMfaStatus(db, staff.id)).enrolled).toBe(true);
  });

  it("accepts the code of the step before and after, not two steps away", async () => {
    const { staff, secret } = await enrolled();
    expect(await verifySecondFactor(db, key, staff, totp(codeAt(secret, at(12))), "198.51.100.2", at(10))).toMatchObject({
      ok: false,
      error: "mfa.errors.invalidCode",
    });
    expect(await verifySecondFactor(db, key, staff, totp(codeAt(secret, at(9))), "198.51.100.2", at(10))).toEqual({ ok: true, method: "totp" });
    expect(await verifySecondFactor(db, key, staff, totp(codeAt(secret, at(11))), "198.51.100.2", at(10, 20))).toEqual({ ok: true, method: "totp" });
  });

  it("a code is accepted once: a replay is refused, and an older step after a newer one", async () => {
    const { staff, secret } = await enrolled();
    const code = codeAt(secret, at(20));
    expect(await verifySecondFactor(db, key, staff, totp(code), "198.51.100.3", at(20))).toEqual({ ok: true, method: "totp" });
    expect(await verifySecondFactor(db, key, staff, totp(code), "198.51.100.3", at(20, 10))).toMatchObject({ ok: false, error: "mfa.errors.codeUsed" });
    expect(await verifySecondFactor(db, key, staff, totp(codeAt(secret, at(19))), "198.51.100.3", at(20, 15))).toMatchObject({
      ok: false,
      error: "mfa.errors.codeUsed",
    });
    // The code used to confirm the enrolment is used too.
    const other = await enrolled();
    expect(await verifySecondFactor(db, key, other.staff, totp(codeAt(other.secret, at(0))), "198.51.100.3", at(0, 10))).toMatchObject({
      ok: false,
      error: "mfa.errors.codeUsed",
    });
  });

  it("one code sent five times at once gets in once", async () => {
    const { staff, secret } = await enrolled();
    const code = codeAt(secret, at(30));
    const results = await Promise.all(Array.from({ length: 5 }, () => verifySecondFactor(db, key, staff, totp(code), "198.51.100.4", at(30))));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.error === "mfa.errors.codeUsed")).toHaveLength(4);
  });

  it(`counts code attempts: ${MFA_LIMITS.attempts} wrong, then even the right code is refused until the lockout ends`, async () => {
    const { staff, secret } = await enrolled();
    const wrong = String((Number(codeAt(secret, at(40))) + 1) % 1_000_000).padStart(6, "0");
    const results = await Promise.all(Array.from({ length: 20 }, () => verifySecondFactor(db, key, staff, totp(wrong), "198.51.100.5", at(40))));
    const checked = results.filter((r) => !r.ok && r.error === "mfa.errors.invalidCode").length;
    expect(checked).toBeLessThanOrEqual(MFA_LIMITS.attempts);
    expect(results.filter((r) => !r.ok && r.error === "mfa.errors.throttled")).toHaveLength(20 - checked);
    const right = await verifySecondFactor(db, key, staff, totp(codeAt(secret, at(41))), "198.51.100.5", at(41));
    expect(right).toMatchObject({ ok: false, error: "mfa.errors.throttled" });
    expect(!right.ok && right.retryAfterSeconds).toBeGreaterThan(0);
    const audit = await db.selectFrom("audit_log").select("action").where("actor_staff_id", "=", staff.id).execute();
    expect(audit.filter((a) => a.action === "auth.mfa_failed")).toHaveLength(checked);
    expect(audit.filter((a) => a.action === "auth.mfa_throttled")).toHaveLength(1);
  });
});

describe("recovery codes", () => {
  it("ten codes of 120 bits, stored only as their hash; each works once", async () => {
    const { staff, recoveryCodes } = await enrolled();
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const c of recoveryCodes) expect(c).toMatch(/^[0-9a-hjkmnp-tv-z]{24}$/);
    const stored = await db.selectFrom("staff_recovery_codes").select("code_hash").where("staff_id", "=", staff.id).execute();
    expect(stored.map((r) => r.code_hash).sort()).toEqual(recoveryCodes.map(recoveryCodeHash).sort());
    for (const c of recoveryCodes) expect(JSON.stringify(stored)).not.toContain(c);

    // Typed as printed, in capitals with spaces: the same code.
    const typed = recoveryCode.parse(formatRecoveryCode(recoveryCodes[0]!).toUpperCase().replace(/-/g, " "));
    expect(typed).toBe(recoveryCodes[0]);
    expect(await verifySecondFactor(db, key, staff, { method: "recovery", code: typed }, "198.51.100.6", at(50))).toEqual({
      ok: true,
      method: "recovery",
      recoveryCodesLeft: 9,
    });
    expect(await verifySecondFactor(db, key, staff, { method: "recovery", code: typed }, "198.51.100.6", at(51))).toMatchObject({
      ok: false,
      error: "mfa.errors.invalidRecoveryCode",
    });
    expect((await getMfaStatus(db, staff.id)).recoveryCodesLeft).toBe(9);
    // Another account's code is not this account's.
    const other = await enrolled();
    expect(await verifySecondFactor(db, key, staff, { method: "recovery", code: other.recoveryCodes[0]! }, "198.51.100.6", at(52))).toMatchObject({
      ok: false,
    });
  });

  it("reads o as 0 and i and l as 1, as Crockford's base32 intends", () => {
    expect(normaliseRecoveryCode("OIL0-il1o")).toBe("01101110");
  });
});

describe("the secret at rest", () => {
  it("is sealed to its account with AES-256-GCM: not in clear, not readable with another key or for another account", async () => {
    const { staff, secret } = await enrolled();
    const row = await db.selectFrom("staff_mfa").select("secret_enc").where("staff_id", "=", staff.id).executeTakeFirstOrThrow();
    expect(row.secret_enc).toMatch(/^v1\./);
    expect(row.secret_enc).not.toContain(secret);
    expect(row.secret_enc.toUpperCase()).not.toContain(secret.slice(0, 16));
    expect(openSecret(key, staff.id, row.secret_enc)).toBe(secret);
    expect(openSecret(mfaKey(testConfig({ SESSION_SECRET: "another-secret-another-secret-another-1" })), staff.id, row.secret_enc)).toBeNull();
    expect(openSecret(mfaKey(testConfig({ MFA_ENCRYPTION_KEY: "a-separate-mfa-key-a-separate-mfa-key-1" })), staff.id, row.secret_enc)).toBeNull();
    expect(openSecret(key, staff.id + 1, row.secret_enc)).toBeNull();
    const tampered = row.secret_enc.slice(0, -2) + (row.secret_enc.endsWith("A") ? "BB" : "AA");
    expect(openSecret(key, staff.id, tampered)).toBeNull();
    // Two seals of one secret differ (a fresh IV each time).
    expect(sealSecret(key, staff.id, secret)).not.toBe(sealSecret(key, staff.id, secret));
  });
});

describe("changing the second factor", () => {
  it("new recovery codes need a current code; the old ones stop working", async () => {
    const { staff, secret, recoveryCodes } = await enrolled();
    expect(await regenerateRecoveryCodes(db, key, staff, "000000", "198.51.100.10", at(60))).toMatchObject({ ok: false });
    const fresh = await regenerateRecoveryCodes(db, key, staff, codeAt(secret, at(60)), "198.51.100.10", at(60));
    expect(fresh.ok).toBe(true);
    if (!fresh.ok) return;
    expect(fresh.recoveryCodes).toHaveLength(10);
    expect(await verifySecondFactor(db, key, staff, { method: "recovery", code: recoveryCodes[0]! }, "198.51.100.10", at(61))).toMatchObject({ ok: false });
    expect(await verifySecondFactor(db, key, staff, { method: "recovery", code: fresh.recoveryCodes[0]! }, "198.51.100.10", at(61))).toMatchObject({
      ok: true,
    });
  });

  it("turning it off: not for a role that requires it; needs the password and a code; ends the other sessions", async () => {
    const required = await enrolledWithSession("moderator");
    const requiredConfig = testConfig({ MFA_REQUIRED_ROLES: "admin,moderator" });
    const asRequired = { ...required.staff, sessionHash: required.session };
    expect(
      await disableOwnMfa(
        db,
        key,
        requiredConfig,
        asRequired,
        { currentPassword: TEST_PASSWORD, code: codeAt(required.secret, at(70)) },
        "198.51.100.11",
        at(70),
      ),
    ).toMatchObject({ ok: false, error: "mfa.errors.requiredForRole" });

    const { staff, secret, session } = await enrolledWithSession("walk_leader");
    const other = await createStaffSession(db, staff.id, config, at(70));
    const actor = { ...staff, sessionHash: session };
    expect(await disableOwnMfa(db, key, config, actor, { currentPassword: "wrong", code: codeAt(secret, at(70)) }, "198.51.100.11", at(70))).toMatchObject({
      ok: false,
      error: "errors.passwordCurrent",
    });
    expect(await disableOwnMfa(db, key, config, actor, { currentPassword: TEST_PASSWORD, code: "000000" }, "198.51.100.11", at(70))).toMatchObject({
      ok: false,
    });
    expect((await getMfaStatus(db, staff.id)).enrolled).toBe(true);
    expect(await disableOwnMfa(db, key, config, actor, { currentPassword: TEST_PASSWORD, code: codeAt(secret, at(70)) }, "198.51.100.11", at(70))).toEqual({
      ok: true,
      otherSessionsEnded: 1,
    });
    expect((await getMfaStatus(db, staff.id)).enrolled).toBe(false);
    expect(await db.selectFrom("staff_sessions").select("id_hash").where("id_hash", "=", hashSessionId(other.id)).execute()).toEqual([]);
    expect(await db.selectFrom("staff_sessions").select("id_hash").where("id_hash", "=", session).execute()).toHaveLength(1);
    const audited = await db.selectFrom("audit_log").select("action").where("target_id", "=", String(staff.id)).execute();
    expect(audited.map((a) => a.action)).toContain("auth.mfa_disabled");
  });
});
