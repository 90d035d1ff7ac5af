import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../../db/connection";
import { createTestDb } from "../../helpers/db";
import { makeOrganisation, makeStaff } from "../../helpers/factories";
import { formRequest, staffCookie, testContext } from "../../helpers/context";
import { action, loader } from "~/routes/personal.konton";
import { action as reportAction } from "~/routes/tillganglighet";
import { action as reportsAdminAction, loader as reportsAdminLoader } from "~/routes/personal.tillganglighetsrapporter";
import { loader as auditLoader } from "~/routes/personal.granskningslogg";
import { lookupStaffSession } from "~/http/session.server";
import { testConfig } from "../../helpers/context";

let db: DB;
let admin: { id: number };
let auth: { cookie: string; csrfToken: string };

beforeAll(async () => {
  db = await createTestDb();
  admin = await makeStaff(db, { role: "admin", email: "boss@example.org" });
  auth = await staffCookie(db, admin.id);
});
afterAll(async () => {
  await db.destroy();
});

const post = (url: string, fields: Record<string, string>, withCsrf = true) => ({
  request: formRequest(url, withCsrf ? { _csrf: auth.csrfToken, ...fields } : fields, { Cookie: auth.cookie }),
  params: {},
  context: testContext(db),
});

describe("staff administration", () => {
  it("adds an account, hashes the password and logs the action", async () => {
    const res = (await action(
      post("/personal/konton", { intent: "create", email: "New.Mod@Example.org", name: "Ny Moderator", role: "moderator", password: "a long temporary pw" }),
    )) as Response;
    expect(res.status).toBe(200);
    const row = await db.selectFrom("staff").selectAll().where("email", "=", "new.mod@example.org").executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    const audit = await db.selectFrom("audit_log").selectAll().where("action", "=", "staff.create").execute();
    expect(audit.map((a) => a.target_id)).toContain(String(row.id));
    expect(audit[0].actor_staff_id).toBe(admin.id);
  });

  it("refuses a duplicate email and an unknown organisation without saving", async () => {
    const count = async () => (await db.selectFrom("staff").select("id").execute()).length;
    const before = await count();
    const dup = (await action(
      post("/personal/konton", { intent: "create", email: "boss@example.org", name: "X", role: "moderator", password: "a long temporary pw" }),
    )) as Response;
    expect(dup.status).toBe(400);
    expect(((await dup.json()) as { errors: Record<string, string> }).errors.email).toBe("errors.emailTaken");
    const org = (await action(
      post("/personal/konton", {
        intent: "create",
        email: "p@example.org",
        name: "P",
        role: "panelist",
        organisationId: "9999",
        password: "a long temporary pw",
      }),
    )) as Response;
    expect(((await org.json()) as { errors: Record<string, string> }).errors.organisationId).toBe("errors.organisation");
    expect(await count()).toBe(before);
  });

  it("changes a role and disabling an account ends its sessions", async () => {
    const org = await makeOrganisation(db, { name: "Familjebostäder" });
    const target = await makeStaff(db, { role: "moderator" });
    const targetSession = await staffCookie(db, target.id);
    const upd = (await action(
      post("/personal/konton", { intent: "update", staffId: String(target.id), role: "panelist", organisationId: String(org.id) }),
    )) as Response;
    expect(upd.status).toBe(200);
    const row = await db.selectFrom("staff").selectAll().where("id", "=", target.id).executeTakeFirstOrThrow();
    expect(row.role).toBe("panelist");
    expect(row.organisation_id).toBe(org.id);

    await action(post("/personal/konton", { intent: "disable", staffId: String(target.id) }));
    expect((await lookupStaffSession(db, testConfig(), targetSession.cookie)).status).toBe("expired");
    const actions = (await db.selectFrom("audit_log").select("action").where("target_id", "=", String(target.id)).execute()).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["staff.change_role", "staff.disable"]));
  });

  it("does not let an admin disable or demote themselves", async () => {
    const res = (await action(post("/personal/konton", { intent: "disable", staffId: String(admin.id) }))) as Response;
    expect(((await res.json()) as { errors: Record<string, string> }).errors._form).toBe("errors.cannotDisableSelf");
    const res2 = (await action(post("/personal/konton", { intent: "update", staffId: String(admin.id), role: "moderator" }))) as Response;
    expect(((await res2.json()) as { errors: Record<string, string> }).errors.role).toBe("errors.cannotDemoteSelf");
  });

  it("lists accounts with their organisation for the admin", async () => {
    const res = (await loader({
      request: new Request("http://localhost/personal/konton", { headers: { Cookie: auth.cookie } }),
      params: {},
      context: testContext(db),
    })) as Response;
    const data = (await res.json()) as { staff: Array<{ email: string; organisationName: string | null }> };
    expect(data.staff.map((s) => s.email)).toContain("boss@example.org");
  });

  it("filters the audit log by action and actor", async () => {
    const res = (await auditLoader({
      request: new Request("http://localhost/personal/granskningslogg?action=staff.create&actor=boss", { headers: { Cookie: auth.cookie } }),
      params: {},
      context: testContext(db),
    })) as Response;
    const data = (await res.json()) as { rows: Array<{ action: string; actorEmail: string }> };
    expect(data.rows.length).toBeGreaterThan(0);
    expect(data.rows.every((r) => r.action === "staff.create" && r.actorEmail === "boss@example.org")).toBe(true);
  });
});

describe("accessibility reports", () => {
  it("stores a resident's report and shows it to admins, who can close it (contact deleted, logged)", async () => {
    const bad = (await reportAction({ request: formRequest("/tillganglighet", { description: "  " }), params: {}, context: testContext(db) })) as Response;
    expect(bad.status).toBe(400);
    expect(await db.selectFrom("accessibility_reports").selectAll().execute()).toHaveLength(0);

    const ok = (await reportAction({
      request: formRequest("/tillganglighet", { pageUrl: "/dialoger", description: "Kartan går inte att använda med tangentbord", contact: "070-1234567" }),
      params: {},
      context: testContext(db),
    })) as Response;
    expect(ok.status).toBe(200);

    const list = (await reportsAdminLoader({
      request: new Request("http://localhost/x", { headers: { Cookie: auth.cookie } }),
      params: {},
      context: testContext(db),
    })) as Response;
    const { reports } = (await list.json()) as { reports: Array<{ id: number; description: string; contact: string | null }> };
    expect(reports[0].description).toContain("tangentbord");
    expect(reports[0].contact).toBe("070-1234567");

    await reportsAdminAction(post("/personal/tillganglighetsrapporter", { reportId: String(reports[0].id) }));
    const row = await db.selectFrom("accessibility_reports").selectAll().where("id", "=", reports[0].id).executeTakeFirstOrThrow();
    expect(row.status).toBe("handled");
    expect(row.contact).toBeNull();
    expect(await db.selectFrom("audit_log").select("id").where("action", "=", "a11y_report.handle").execute()).toHaveLength(1);
  });
});

describe("accessibility report retention", () => {
  it("deletes contact details after 12 months, handled or not, and keeps the report", async () => {
    const { purgeOldReportContacts } = await import("~/domain/accessibility/reports.server");
    const old = await db
      .insertInto("accessibility_reports")
      .values({ created_at: "2025-01-01T00:00:00.000Z", description: "Gammal rapport", contact: "old@example.org", status: "new", page_url: null })
      .returning("id")
      .executeTakeFirstOrThrow();
    const fresh = await db
      .insertInto("accessibility_reports")
      .values({ created_at: "2026-11-01T00:00:00.000Z", description: "Ny rapport", contact: "new@example.org", status: "new", page_url: null })
      .returning("id")
      .executeTakeFirstOrThrow();
    expect(await purgeOldReportContacts(db, new Date("2026-11-23T12:00:00.000Z"))).toBe(1);
    const rows = await db
      .selectFrom("accessibility_reports")
      .select(["id", "contact", "description"])
      .where("id", "in", [old.id, fresh.id])
      .orderBy("id")
      .execute();
    expect(rows).toEqual([
      { id: old.id, contact: null, description: "Gammal rapport" },
      { id: fresh.id, contact: "new@example.org", description: "Ny rapport" },
    ]);
  });
});
