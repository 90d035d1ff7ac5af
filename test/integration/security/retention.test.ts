// Issue 10, "Trust": the privacy page promised that failed sign-ins are kept 24 hours, but every
// audit entry (failed sign-ins with the typed e-mail and IP included) was kept for ever, ended
// sessions stayed in the table, and the page named no period for the audit log and only the plain
// staff cookie. docs/security.md, "Retention". With a fixed clock, through the function the
// jobs loop calls (runDialogueJobsOnce), on a real SQLite file; the page through the real server.
import pino from "pino";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../../db/connection";
import { fixedClock } from "~/clock";
import { runDialogueJobsOnce } from "~/domain/dialogues/jobs.server";
import { createStaffSession, hashSessionId, lookupSessionById } from "~/domain/staff/session.server";
import { checkSignInAttempt } from "~/domain/staff/throttle.server";
import { fromSite, request, signIn, startApp, type App } from "../../helpers/app";
import { testConfig } from "../../helpers/context";
import { createTestDb } from "../../helpers/db";
import { makeStaff } from "../../helpers/factories";

const NOW = new Date("2026-06-15T12:00:00.000Z");
const HOUR = 3600_000;
const config = testConfig();
const at = (deltaMs: number) => new Date(NOW.getTime() + deltaMs).toISOString();

/** The jobs loop's own function, with the app clock and real time both fixed (unless `realNow` says otherwise). */
const runJobs = (db: DB, realNow: Date = NOW) => {
  const clock = fixedClock(NOW);
  return runDialogueJobsOnce({ db, config, logger: pino({ level: "silent" }), now: () => clock.now(), realNow: () => realNow });
};

let db: DB;
beforeAll(async () => {
  db = await createTestDb({ file: true });
});
afterAll(async () => {
  await db.destroy();
});

describe("the audit log keeps each kind exactly as long as the privacy page says", () => {
  it("staff actions two years; failed and throttled sign-ins and refusals of people not signed in 24 hours", async () => {
    const staff = await makeStaff(db, { role: "moderator" });
    const actor = { id: staff.id, email: staff.email };
    const twoYearsAgo = "2024-06-15T12:00:00.000Z";
    const rows: Array<{ label: string; at: string; action: string; staff: boolean; ip: string | null }> = [
      { label: "staff action, exactly two years old", at: twoYearsAgo, action: "dialogue.updated", staff: true, ip: "10.0.0.1" },
      { label: "staff action, two years and 1 ms old", at: "2024-06-15T11:59:59.999Z", action: "dialogue.updated", staff: true, ip: "10.0.0.1" },
      { label: "staff action, a day old", at: at(-24 * HOUR - 1), action: "measure.accept", staff: true, ip: "10.0.0.1" },
      { label: "a wrong current password while signed in, a day old", at: at(-25 * HOUR), action: "staff.password_change_failed", staff: true, ip: "10.0.0.1" },
      { label: "failed sign-in, exactly 24 h old", at: at(-24 * HOUR), action: "auth.sign_in_failed", staff: false, ip: "198.51.100.7" },
      { label: "failed sign-in, 24 h and 1 ms old", at: at(-24 * HOUR - 1), action: "auth.sign_in_failed", staff: false, ip: "198.51.100.7" },
      { label: "throttled sign-in, 24 h and 1 ms old", at: at(-24 * HOUR - 1), action: "auth.sign_in_throttled", staff: false, ip: "198.51.100.7" },
      {
        label: "throttled password check of a staff member, 24 h and 1 ms old",
        at: at(-24 * HOUR - 1),
        action: "auth.sign_in_throttled",
        staff: true,
        ip: "10.0.0.1",
      },
      { label: "a resident's refused staff event, exactly 24 h old", at: at(-24 * HOUR), action: "qa.refused", staff: false, ip: "198.51.100.8" },
      { label: "a resident's refused staff event, 24 h and 1 ms old", at: at(-24 * HOUR - 1), action: "qa.refused", staff: false, ip: "198.51.100.8" },
      { label: "an event without an account or address, a month old", at: at(-30 * 24 * HOUR), action: "walk.photo_uploaded", staff: false, ip: null },
    ];
    for (const r of rows) {
      await db
        .insertInto("audit_log")
        .values({
          at: r.at,
          actor_staff_id: r.staff ? actor.id : null,
          actor_email: r.staff ? actor.email : null,
          action: r.action,
          target_type: null,
          target_id: null,
          details: JSON.stringify({ label: r.label }),
          ip: r.ip,
        })
        .execute();
    }

    const result = await runJobs(db);

    const left = (await db.selectFrom("audit_log").select("details").execute()).map((r) => (JSON.parse(r.details ?? "{}") as { label?: string }).label);
    expect(left.sort()).toEqual(
      [
        "staff action, exactly two years old",
        "staff action, a day old",
        "a wrong current password while signed in, a day old",
        "failed sign-in, exactly 24 h old",
        "a resident's refused staff event, exactly 24 h old",
        "an event without an account or address, a month old",
      ].sort(),
    );
    expect(result.retention).toMatchObject({ auditEntries: 1, anonymousAuditEntries: 4 });
  });
});

describe("sessions, old sign-in attempts and sign-in counters go when they stop counting", () => {
  it("a session that still signs someone in stays; one idle too long or past its absolute lifetime goes", async () => {
    const staff = await makeStaff(db, { role: "moderator" });
    const make = async (label: string, lastSeen: string, expires: string) => {
      const s = await createStaffSession(db, staff.id, config, new Date(at(-2 * HOUR)));
      await db.updateTable("staff_sessions").set({ last_seen_at: lastSeen, expires_at: expires }).where("id_hash", "=", hashSessionId(s.id)).execute();
      return { label, id: s.id, hash: hashSessionId(s.id) };
    };
    const idle = config.SESSION_IDLE_MINUTES * 60_000;
    const sessions = [
      await make("idle exactly the idle timeout", at(-idle), at(HOUR)),
      await make("idle 1 ms longer", at(-idle - 1), at(HOUR)),
      await make("expires exactly now", at(-60_000), at(0)),
      await make("expired 1 ms ago", at(-60_000), at(-1)),
    ];

    const result = await runJobs(db);

    const left = new Set((await db.selectFrom("staff_sessions").select("id_hash").where("staff_id", "=", staff.id).execute()).map((r) => r.id_hash));
    expect(sessions.filter((s) => left.has(s.hash)).map((s) => s.label)).toEqual(["idle exactly the idle timeout", "expires exactly now"]);
    expect(result.retention.sessions).toBe(2);
    // What stayed still signs in at that moment: the purge never ends a live session.
    for (const s of sessions.filter((x) => left.has(x.hash))) expect((await lookupSessionById(db, config, s.id, NOW)).status).toBe("ok");
  });

  it("the old per-attempt table after 24 hours", async () => {
    const row = (label: string, when: string) => ({ email: label, ip: "198.51.100.9", at: when, success: 0 });
    await db
      .insertInto("login_attempts")
      .values([row("exactly 24 h old", at(-24 * HOUR)), row("24 h and 1 ms old", at(-24 * HOUR - 1))])
      .execute();
    await runJobs(db);
    expect((await db.selectFrom("login_attempts").select("email").execute()).map((r) => r.email)).toEqual(["exactly 24 h old"]);
  });

  it("a sign-in counter stays until its window has passed, then goes", async () => {
    const fresh = await createTestDb({ file: true });
    try {
      await checkSignInAttempt(fresh, "somebody@example.org", "198.51.100.10");
      const counter = async () => (await sql<{ expire: number }>`select expire from rl_sign_in_account`.execute(fresh)).rows.map((r) => Number(r.expire));
      const [expire] = await counter();
      expect(expire).toBeGreaterThan(0);
      await runJobs(fresh, new Date(expire!));
      expect(await counter()).toEqual([expire]);
      await runJobs(fresh, new Date(expire! + 1));
      expect(await counter()).toEqual([]);
    } finally {
      await fresh.destroy();
    }
  });
});

describe("the privacy page states those periods and names exactly the cookies that exist", () => {
  let app: App;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app.close();
  });

  const page = async (path: string) => {
    const res = await request(app.base, path);
    expect(res.status).toBe(200);
    // The text as read: tags out, entities and whitespace evened.
    return (await res.text())
      .replace(/<[^>]+>/g, " ")
      .replace(/&#x27;|&apos;/g, "'")
      .replace(/\s+/g, " ");
  };

  it("in Swedish", async () => {
    const text = await page("/integritet");
    for (const cookie of ["tryggve_pid", "tryggve_lang", "tryggve_staff ( __Host-tryggve_staff över HTTPS)", "tryggve_sso ( __Host-tryggve_sso över HTTPS)"])
      expect(text).toContain(cookie);
    expect(text).toContain("granskningslogg (vem, vad, när, IP-adress) som sparas i 2 år och sedan raderas");
    expect(text).toContain("Misslyckade och stoppade inloggningar sparas med IP-adress och den e-postadress som skrevs in i 24 timmar");
    expect(text).toContain("avslutas efter 60 minuter utan aktivitet och senast efter 12 timmar, och raderas då");
    expect(text).toContain("senast 90 dagar efter dialogen");
    expect(text).toContain("senast 365 dagar efter att den kom in");
  });

  it("in English", async () => {
    const text = await page("/integritet?lng=en");
    expect(text).toContain("tryggve_staff ( __Host-tryggve_staff over HTTPS)");
    expect(text).toContain("audit log (who, what, when, IP address), which is kept 2 years and then deleted");
    expect(text).toContain("that was typed for 24 hours");
    expect(text).toContain("ends after 60 minutes without activity and at the latest after 12 hours, and is then deleted");
  });

  it("the cookies a visit, a language switch and a staff sign-in set are all on the page", async () => {
    const text = await page("/integritet");
    const names = new Set<string>();
    const collect = (res: Response) => res.headers.getSetCookie().forEach((c) => names.add(c.split("=")[0]!));
    collect(await request(app.base, "/"));
    collect(
      await request(app.base, "/sprak", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", ...fromSite(app.config) },
        body: new URLSearchParams({ lng: "en", redirectTo: "/" }).toString(),
      }),
    );
    collect((await signIn(app, { role: "panelist" })).res);
    expect([...names].sort()).toEqual(["tryggve_lang", "tryggve_pid", "tryggve_staff"]);
    for (const name of names) expect(text, `the page names ${name}`).toContain(name);
  });
});
