// Issue 10, finding 7: `password1234`, the account's own e-mail and 12 spaces were accepted as
// staff passwords; staff could not change their own password; `npm run staff:create` echoed
// the password as it was typed. docs/security.md, "Passwords". Through the real route actions
// and the real script, on real SQLite.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../../db/connection";
import { createTestDb } from "../../helpers/db";
import { makeStaff, TEST_PASSWORD } from "../../helpers/factories";
import { formRequest, staffCookie, testConfig, testContext } from "../../helpers/context";
import { action as accountsAction } from "~/routes/personal.konton";
import { action as changeAction, loader as changeLoader } from "~/routes/personal.losenord";
import { action as signInAction } from "~/routes/personal.logga-in";
import { lookupStaffSession } from "~/http/session.server";
import { verifyPassword } from "~/domain/staff/password.server";
import { childEnv } from "../../helpers/child-env";

let db: Awaited<ReturnType<typeof createTestDb>>;
let admin: { cookie: string; csrfToken: string };
beforeAll(async () => {
  db = await createTestDb();
  const boss = await makeStaff(db, { role: "admin", email: "boss@example.org" });
  admin = await staffCookie(db, boss.id);
});
afterAll(async () => {
  await db.destroy();
});

const STRONG = "kanelbulle trappa solsken";
const weakFor = (email: string) => ({ password1234: "errors.passwordWeak", [email]: "errors.passwordPersonal", "            ": "errors.passwordWeak" });

type Answer = { ok: boolean; errors?: Record<string, string> };
async function answer(res: unknown): Promise<{ status: number; body: Answer }> {
  const r = res as Response;
  return { status: r.status, body: (await r.json()) as Answer };
}

describe("the admin's account form applies the password policy", () => {
  const create = (email: string, password: string) =>
    accountsAction({
      request: formRequest(
        "/personal/konton",
        { _csrf: admin.csrfToken, intent: "create", email, name: "Nina Nyberg", role: "moderator", password },
        { Cookie: admin.cookie },
      ),
      params: {},
      context: testContext(db),
    });

  it.each(Object.entries(weakFor("nina.nyberg@example.org")))("refuses %j", async (password, error) => {
    const { status, body } = await answer(await create("nina.nyberg@example.org", password));
    expect(status).toBe(400);
    expect(body.errors).toEqual({ password: error });
    expect((body as { values?: Record<string, string> }).values?.password).toBe(""); // never sent back
    expect(await db.selectFrom("staff").select("id").where("email", "=", "nina.nyberg@example.org").executeTakeFirst()).toBeUndefined();
  });

  it("refuses a password built on the person's name, and accepts a strong one", async () => {
    expect((await answer(await create("nina.nyberg@example.org", "Nina.Nyberg.2025"))).body.errors).toEqual({ password: "errors.passwordPersonal" });
    const { status, body } = await answer(await create("nina.nyberg@example.org", STRONG));
    expect([status, body.ok]).toEqual([200, true]);
  });
});

describe("npm run staff:create applies the same policy and never shows the password", () => {
  const env = (dbPath: string, password?: string): NodeJS.ProcessEnv =>
    childEnv({
      LOG_LEVEL: "warn",
      NODE_ENV: "test",
      DATABASE_PATH: dbPath,
      ...(password === undefined ? {} : { STAFF_PASSWORD: password }),
    });
  const tmp = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), "tryggve-pw-")), "db.sqlite");
  const args = (email: string) => ["--import", "tsx", "scripts/staff-create.ts", "--email", email, "--name", "Cli Person", "--role", "moderator"];

  it.each(["password1234", "cli.person@example.org", "            "])("refuses STAFF_PASSWORD=%j", (password) => {
    const dbPath = tmp();
    const r = spawnSync(process.execPath, args("cli.person@example.org"), { env: env(dbPath, password), encoding: "utf8", timeout: 60_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^password: The password (is too easy to guess|must not be built on)/m);
  });

  it("reads the password from a terminal without echo, twice, and creates the account", async () => {
    const dbPath = tmp();
    // `script` gives the script a real terminal (a pty) whose echo it must switch off itself.
    const command = [process.execPath, ...args("tty.person@example.org")].map((a) => `'${a}'`).join(" ");
    const child = spawn("script", ["-qfec", command, "/dev/null"], { env: env(dbPath), stdio: ["pipe", "pipe", "pipe"] });
    let output = "";
    const waiters: Array<() => void> = [];
    const onOutput = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      for (const w of waiters.splice(0)) w();
    };
    child.stdout.on("data", onOutput);
    child.stderr.on("data", onOutput);
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    const waitFor = async (text: string) => {
      const deadline = Date.now() + 30_000;
      while (!output.includes(text)) {
        if (Date.now() > deadline) return false;
        await Promise.race([new Promise<void>((r) => waiters.push(r)), new Promise((r) => setTimeout(r, 200)), exited]);
        if (child.exitCode !== null && !output.includes(text)) return false;
      }
      return true;
    };
    try {
      expect(await waitFor("Password")).toBe(true);
      child.stdin.write(`${STRONG}\r`);
      const asked = await waitFor("Repeat");
      if (asked) child.stdin.write(`${STRONG}\r`);
      await waitFor("Created");
      expect(output).not.toContain(STRONG);
      expect(asked).toBe(true);
      expect(await exited).toBe(0);
      expect(output).toContain("Created moderator tty.person@example.org");
    } finally {
      child.kill();
    }
    const check = createDb(dbPath);
    const row = await check.selectFrom("staff").select("password_hash").where("email", "=", "tty.person@example.org").executeTakeFirstOrThrow();
    await check.destroy();
    expect(await verifyPassword(row.password_hash, STRONG)).toBe(true);
  }, 90_000);
});

describe("staff change their own password at /personal/losenord", () => {
  async function member(email: string) {
    const staff = await makeStaff(db, { email, name: "Olle Ek" });
    const sessions = await Promise.all([staffCookie(db, staff.id), staffCookie(db, staff.id), staffCookie(db, staff.id)]);
    return { staff, current: sessions[0]!, others: sessions.slice(1) };
  }
  const change = (session: { cookie: string; csrfToken: string }, fields: Record<string, string>, ip = "203.0.113.5") =>
    changeAction({
      request: formRequest("/personal/losenord", { _csrf: session.csrfToken, ...fields }, { Cookie: session.cookie }),
      params: {},
      context: testContext(db, { clientIp: ip }),
    });
  const fields = (currentPassword: string, newPassword: string) => ({ currentPassword, newPassword, confirmPassword: newPassword });
  const status = async (cookie: string) => (await lookupStaffSession(db, testConfig(), cookie)).status;
  const hashOf = async (id: number) => (await db.selectFrom("staff").select("password_hash").where("id", "=", id).executeTakeFirstOrThrow()).password_hash;

  it("shows the form to any signed-in staff member", async () => {
    const { current } = await member("olle.form@example.org");
    const res = (await changeLoader({
      request: new Request("http://localhost/personal/losenord", { headers: { Cookie: current.cookie } }),
      params: {},
      context: testContext(db),
    })) as Response;
    expect(res.status).toBe(200);
  });

  it("requires the current password", async () => {
    const { staff, current, others } = await member("olle.current@example.org");
    const before = await hashOf(staff.id);
    const { status: code, body } = await answer(await change(current, fields("not my password", STRONG)));
    expect(code).toBe(400);
    expect(body.errors).toEqual({ currentPassword: "errors.passwordCurrent" });
    expect(await hashOf(staff.id)).toBe(before);
    for (const s of others) expect(await status(s.cookie)).toBe("ok");
  });

  it.each(Object.entries(weakFor("olle.weak@example.org")))("refuses the new password %j", async (password, error) => {
    const staff =
      (await db.selectFrom("staff").select("id").where("email", "=", "olle.weak@example.org").executeTakeFirst()) ??
      (await makeStaff(db, { email: "olle.weak@example.org" }));
    const session = await staffCookie(db, staff.id);
    const before = await hashOf(staff.id);
    const { status: code, body } = await answer(await change(session, fields(TEST_PASSWORD, password)));
    expect(code).toBe(400);
    expect(body.errors).toEqual({ newPassword: error });
    expect(await hashOf(staff.id)).toBe(before);
  });

  it("refuses a mismatched confirmation and a missing CSRF token", async () => {
    const { current } = await member("olle.confirm@example.org");
    const mismatch = await answer(await change(current, { currentPassword: TEST_PASSWORD, newPassword: STRONG, confirmPassword: `${STRONG}!` }));
    expect(mismatch.body.errors).toEqual({ confirmPassword: "errors.passwordMismatch" });
    const noCsrf = await changeAction({
      request: formRequest("/personal/losenord", fields(TEST_PASSWORD, STRONG), { Cookie: current.cookie }),
      params: {},
      context: testContext(db),
    }).catch((thrown: unknown) => thrown as Response);
    expect((noCsrf as Response).status).toBe(403);
  });

  it("changes it, signs every other session out, keeps this one, and audits the change", async () => {
    const { staff, current, others } = await member("olle.change@example.org");
    const { status: code, body } = await answer(await change(current, fields(TEST_PASSWORD, STRONG)));
    expect([code, body.ok]).toEqual([200, true]);
    expect(await verifyPassword(await hashOf(staff.id), STRONG)).toBe(true);
    expect(await status(current.cookie)).toBe("ok");
    for (const s of others) expect(await status(s.cookie)).toBe("expired");
    const audit = await db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "staff.password_change")
      .where("target_id", "=", String(staff.id))
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_staff_id).toBe(staff.id);
    expect(JSON.stringify(audit)).not.toContain(STRONG);

    const signIn = (password: string) =>
      signInAction({
        request: formRequest("/personal/logga-in", { email: "olle.change@example.org", password }),
        params: {},
        context: testContext(db, { clientIp: "203.0.113.9" }),
      });
    expect(((await signIn(TEST_PASSWORD)) as Response).status).toBe(401);
    expect(((await signIn(STRONG)) as Response).status).toBe(302);
  });

  it("counts wrong current passwords like sign-in attempts (a stolen session is no password oracle)", async () => {
    const { current } = await member("olle.oracle@example.org");
    const tries = await Promise.all(Array.from({ length: 10 }, (_, i) => change(current, fields(`guess number ${i}`, STRONG))));
    const codes = tries.map((r) => (r as Response).status);
    expect(codes.filter((c) => c === 400).length).toBeLessThanOrEqual(5);
    expect(codes.filter((c) => c === 429).length).toBeGreaterThanOrEqual(5);
    expect(((await change(current, fields(TEST_PASSWORD, STRONG))) as Response).status).toBe(429);
  });
});
