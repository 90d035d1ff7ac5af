// The single sign-on rules (app/domain/staff/oidc.server.ts) on a real database: which staff
// account an identity signs in as, and one-time pending requests. The whole flow against a real
// provider is test/integration/security/oidc.test.ts.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DB } from "../../../db/connection";
import { consumeAuthorisation, createAuthorisation, discardAuthorisation, matchStaff } from "~/domain/staff/oidc.server";
import { createTestDb } from "../../helpers/db";
import { makeStaff } from "../../helpers/factories";

let db: DB;
beforeEach(async () => {
  db = await createTestDb();
});
afterEach(async () => {
  await db.destroy();
});

const subjectOf = async (id: number) => (await db.selectFrom("staff").select("oidc_subject").where("id", "=", id).executeTakeFirstOrThrow()).oidc_subject;

describe("matchStaff", () => {
  it("links a verified e-mail once (case-insensitively), then matches by subject alone", async () => {
    const staff = await makeStaff(db, { email: "kim@stockholm.example" });
    const first = await matchStaff(db, "email", { sub: "kim-1", email: "Kim@Stockholm.example", email_verified: true });
    expect(first).toEqual({ ok: true, staff: { id: staff.id, email: "kim@stockholm.example" }, linked: true });
    expect(await subjectOf(staff.id)).toBe("kim-1");
    // The provider's e-mail may change; the subject still finds the account, and no longer links.
    const later = await matchStaff(db, "email", { sub: "kim-1", email: "kim.new@stockholm.example", email_verified: true });
    expect(later).toEqual({ ok: true, staff: { id: staff.id, email: "kim@stockholm.example" }, linked: false });
  });

  it("refuses an e-mail already linked to another subject, and never moves the link", async () => {
    const staff = await makeStaff(db, { email: "kim@stockholm.example" });
    await matchStaff(db, "email", { sub: "kim-1", email: "kim@stockholm.example", email_verified: true });
    const other = await matchStaff(db, "email", { sub: "someone-else", email: "kim@stockholm.example", email_verified: true });
    expect(other).toMatchObject({ ok: false, error: "subject_mismatch" });
    expect(await subjectOf(staff.id)).toBe("kim-1");
  });

  it("needs email_verified to be exactly true", async () => {
    const staff = await makeStaff(db, { email: "kim@stockholm.example" });
    for (const email_verified of [false, undefined, "true", 1]) {
      expect(await matchStaff(db, "email", { sub: "kim-1", email: "kim@stockholm.example", email_verified })).toMatchObject({
        ok: false,
        error: "email_not_verified",
      });
    }
    expect(await subjectOf(staff.id)).toBeNull();
  });

  it("with OIDC_MATCH=sub only a stored subject signs in", async () => {
    const staff = await makeStaff(db, { email: "kim@stockholm.example" });
    expect(await matchStaff(db, "sub", { sub: "kim-1", email: "kim@stockholm.example", email_verified: true })).toMatchObject({
      ok: false,
      error: "unknown_account",
    });
    await db.updateTable("staff").set({ oidc_subject: "kim-1" }).where("id", "=", staff.id).execute();
    expect(await matchStaff(db, "sub", { sub: "kim-1" })).toMatchObject({ ok: true, staff: { id: staff.id }, linked: false });
  });

  it("refuses a disabled account by subject and by e-mail, and creates no one for an unknown identity", async () => {
    const linked = await makeStaff(db, { email: "a@stockholm.example", disabled_at: new Date().toISOString() });
    await db.updateTable("staff").set({ oidc_subject: "a-1" }).where("id", "=", linked.id).execute();
    await makeStaff(db, { email: "b@stockholm.example", disabled_at: new Date().toISOString() });
    expect(await matchStaff(db, "email", { sub: "a-1" })).toMatchObject({ ok: false, error: "account_disabled" });
    expect(await matchStaff(db, "email", { sub: "b-1", email: "b@stockholm.example", email_verified: true })).toMatchObject({
      ok: false,
      error: "account_disabled",
    });
    const before = await db.selectFrom("staff").select("id").execute();
    expect(await matchStaff(db, "email", { sub: "c-1", email: "c@stockholm.example", email_verified: true })).toMatchObject({
      ok: false,
      error: "unknown_account",
    });
    expect(await db.selectFrom("staff").select("id").execute()).toHaveLength(before.length);
  });

  it("two first sign-ins with different subjects for one account at once: one links, the other is refused", async () => {
    const staff = await makeStaff(db, { email: "kim@stockholm.example" });
    const results = await Promise.all(["kim-1", "kim-2"].map((sub) => matchStaff(db, "email", { sub, email: "kim@stockholm.example", email_verified: true })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.error === "subject_mismatch")).toHaveLength(1);
    expect(["kim-1", "kim-2"]).toContain(await subjectOf(staff.id));
  });
});

describe("pending authorisation requests", () => {
  const pending = { state: "state-1", nonce: "nonce-1", codeVerifier: "verifier-1", redirectTo: "/personal" };

  it("stores only the hash of the id, and is consumed once", async () => {
    const { id } = await createAuthorisation(db, pending);
    const rows = await db.selectFrom("oidc_authorisations").selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.id_hash).not.toBe(id);
    expect(await consumeAuthorisation(db, id, "state-1")).toMatchObject({ ok: true, ...pending });
    expect(await consumeAuthorisation(db, id, "state-1")).toEqual({ ok: false, error: "replayed_state" });
  });

  it("refuses another state without using the request up, an unknown id, and an expired request", async () => {
    const now = new Date("2026-06-15T12:00:00Z");
    const { id } = await createAuthorisation(db, pending, now);
    expect(await consumeAuthorisation(db, id, "state-2", now)).toEqual({ ok: false, error: "state_mismatch" });
    expect(await consumeAuthorisation(db, "not-an-id", "state-1", now)).toEqual({ ok: false, error: "unknown_state" });
    const tenMinutesOn = new Date(now.getTime() + 10 * 60_000);
    expect(await consumeAuthorisation(db, id, "state-1", tenMinutesOn)).toEqual({ ok: false, error: "expired_state" });
    expect(await consumeAuthorisation(db, id, "state-1", new Date(now.getTime() + 9 * 60_000))).toMatchObject({ ok: true });
  });

  it("of many callbacks at once with the same state, exactly one wins", async () => {
    const { id } = await createAuthorisation(db, pending);
    const results = await Promise.all(Array.from({ length: 10 }, () => consumeAuthorisation(db, id, "state-1")));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.error === "replayed_state")).toHaveLength(9);
  });

  it("a discarded request cannot be used, and expired requests are purged when a new one starts", async () => {
    const old = new Date("2026-06-15T12:00:00Z");
    const { id } = await createAuthorisation(db, pending, old);
    await discardAuthorisation(db, id, old);
    expect(await consumeAuthorisation(db, id, "state-1", old)).toEqual({ ok: false, error: "replayed_state" });
    await createAuthorisation(db, { ...pending, state: "state-2" }, new Date(old.getTime() + 11 * 60_000));
    expect(await db.selectFrom("oidc_authorisations").select("state").execute()).toEqual([{ state: "state-2" }]);
  });
});
