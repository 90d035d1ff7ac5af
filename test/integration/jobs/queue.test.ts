/**
 * The job queue of PostgreSQL mode (graphile-worker, app/domain/dialogues/queue.server.ts), with
 * real workers, a real SMTP server and real transactions. Only on a PostgreSQL run
 * (TEST_DATABASE=postgres, which `npm test` always includes); SQLite has no queue, its loop is
 * tested in test/integration/dialogues/flow.test.ts and test/concurrency/invariants.test.ts.
 */
import crypto from "node:crypto";
import type { AddressInfo } from "node:net";
import pino from "pino";
import { SMTPServer } from "smtp-server";
import { simpleParser, type ParsedMail } from "mailparser";
import { sql } from "kysely";
import type { Runner } from "graphile-worker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type DB } from "../../../db/connection";
import { queueEmail } from "~/domain/email/outbox.server";
import { startQueueJobs } from "~/domain/dialogues/queue.server";
import { testConfig } from "../../helpers/context";
import { createTestDb, onPostgres } from "../../helpers/db";

/** A real SMTP server that refuses the first `refuseFirst` deliveries to an address (a 451, as a server that is busy). */
async function startSmtp(refuseFirst: Record<string, number> = {}) {
  const messages: ParsedMail[] = [];
  const listeners = new Set<() => void>();
  const refused: Record<string, number> = {};
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(address, _session, callback) {
      const to = address.address;
      if ((refused[to] ?? 0) < (refuseFirst[to] ?? 0)) {
        refused[to] = (refused[to] ?? 0) + 1;
        return callback(Object.assign(new Error("try again later"), { responseCode: 451 }));
      }
      callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          messages.push(mail);
          for (const l of [...listeners]) l();
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  /** Resolves once `pred` holds, checked now and at every arriving message. */
  const until = (pred: () => boolean, timeoutMs = 15_000) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!pred()) return;
        listeners.delete(check);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        listeners.delete(check);
        reject(new Error(`timed out with ${messages.length} messages: ${messages.map((m) => m.subject).join(", ")}`));
      }, timeoutMs);
      listeners.add(check);
      check();
    });
  return { url: `smtp://127.0.0.1:${port}`, messages, refused, until, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** Resolves with the first job event of `name` whose job matches. */
function nextJobEvent(runner: Runner, name: "job:complete", match: (payload: unknown) => boolean, timeoutMs = 15_000) {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${name} within ${timeoutMs} ms`)), timeoutMs);
    const on = ({ job }: { job: { payload: unknown } }) => {
      if (!match(job.payload)) return;
      clearTimeout(timer);
      runner.events.off(name, on);
      resolve();
    };
    runner.events.on(name, on);
  });
}

const logger = pino({ level: "silent" });
const subjectsOf = (messages: ParsedMail[], tag: string) => messages.map((m) => m.subject ?? "").filter((s) => s.includes(tag));

describe.runIf(onPostgres())("the job queue (PostgreSQL mode)", () => {
  let db: DB & { filename: string };
  beforeAll(async () => {
    db = await createTestDb();
  });
  afterAll(async () => {
    await db?.destroy();
  });

  it("a mail queued in a transaction that rolls back is never sent; one that commits is, and its job is then gone", async () => {
    const smtp = await startSmtp();
    const config = testConfig({ SMTP_URL: smtp.url });
    const tag = crypto.randomBytes(4).toString("hex");
    await expect(
      db.transaction().execute(async (trx) => {
        await queueEmail(trx, config, { kind: "test", to: "a@example.org", subject: `rolled back ${tag}`, text: "nej" });
        throw new Error("registration failed");
      }),
    ).rejects.toThrow("registration failed");
    const id = await queueEmail(db, config, { kind: "test", to: "b@example.org", subject: `committed ${tag}`, text: "ja" });
    const jobs = await startQueueJobs({ db, config, logger }, { cron: false, pollInterval: 200 });
    try {
      const done = nextJobEvent(jobs.runner, "job:complete", (p) => (p as { id?: number }).id === id);
      await smtp.until(() => subjectsOf(smtp.messages, tag).length >= 1);
      await done;
      expect(subjectsOf(smtp.messages, tag)).toEqual([`committed ${tag}`]);
      const left = await sql<{ n: number }>`select count(*)::int as n from graphile_worker.jobs`.execute(db);
      expect(left.rows[0]!.n).toBe(0);
    } finally {
      await jobs.stop();
      await smtp.close();
    }
  });

  it("a mail the server refuses is retried later with backoff, and the mails after it are not held up", async () => {
    const smtp = await startSmtp({ "flaky@example.org": 1 });
    const config = testConfig({ SMTP_URL: smtp.url });
    const tag = crypto.randomBytes(4).toString("hex");
    const flakyId = await queueEmail(db, config, { kind: "test", to: "flaky@example.org", subject: `flaky ${tag}`, text: "1" });
    await queueEmail(db, config, { kind: "test", to: "c@example.org", subject: `second ${tag}`, text: "2" });
    await queueEmail(db, config, { kind: "test", to: "d@example.org", subject: `third ${tag}`, text: "3" });
    const jobs = await startQueueJobs({ db, config, logger }, { cron: false, pollInterval: 200 });
    try {
      // Its first run's outcome (a failure) is written back when job:complete fires.
      const failedOnce = nextJobEvent(jobs.runner, "job:complete", (p) => (p as { id?: number }).id === flakyId);
      await failedOnce;
      const retried = nextJobEvent(jobs.runner, "job:complete", (p) => (p as { id?: number }).id === flakyId);
      const job = await sql<{ attempts: number; wait_ms: number; last_error: string | null }>`
        select attempts, (extract(epoch from run_at - now()) * 1000)::int as wait_ms, last_error
        from graphile_worker.jobs where key = ${`email:${flakyId}`}`.execute(db);
      expect(job.rows[0]).toMatchObject({ attempts: 1 });
      expect(job.rows[0]!.wait_ms).toBeGreaterThan(1000); // exponential backoff: e^1 s after the first failure
      expect(job.rows[0]!.last_error).toContain("try again later");
      const row = await db.selectFrom("email_outbox").select(["status", "attempts"]).where("id", "=", flakyId).executeTakeFirstOrThrow();
      expect(row).toEqual({ status: "failed", attempts: 1 });

      // The others went out meanwhile; the refused one on its retry.
      await smtp.until(() => subjectsOf(smtp.messages, tag).length >= 3);
      expect(subjectsOf(smtp.messages, tag).sort()).toEqual([`flaky ${tag}`, `second ${tag}`, `third ${tag}`]);
      expect(subjectsOf(smtp.messages, tag).indexOf(`flaky ${tag}`)).toBe(2);
      expect(smtp.refused["flaky@example.org"]).toBe(1);
      await retried;
      const after = await db.selectFrom("email_outbox").select(["status", "attempts"]).where("id", "=", flakyId).executeTakeFirstOrThrow();
      expect(after).toEqual({ status: "sent", attempts: 2 });
    } finally {
      await jobs.stop();
      await smtp.close();
    }
  });

  it("two worker processes (two pools, two runners) deliver each of 30 mails exactly once", async () => {
    const smtp = await startSmtp();
    const config = testConfig({ SMTP_URL: smtp.url });
    const tag = crypto.randomBytes(4).toString("hex");
    const ids: number[] = [];
    for (let i = 0; i < 30; i++)
      ids.push(await queueEmail(db, config, { kind: "test", to: `r${i}@example.org`, subject: `mail ${i} ${tag}`, text: String(i) }));
    const other = createDb(db.filename);
    const a = await startQueueJobs({ db, config, logger }, { cron: false, pollInterval: 200 });
    const b = await startQueueJobs({ db: other, config, logger }, { cron: false, pollInterval: 200 });
    try {
      let completed = 0;
      const allDone = new Promise<void>((resolve) => {
        const on = () => {
          if (++completed === ids.length) resolve();
        };
        a.runner.events.on("job:complete", on);
        b.runner.events.on("job:complete", on);
      });
      await allDone;
      expect(subjectsOf(smtp.messages, tag).sort()).toEqual(Array.from({ length: 30 }, (_, i) => `mail ${i} ${tag}`).sort());
      const rows = await db.selectFrom("email_outbox").select(["status", "attempts"]).where("id", "in", ids).execute();
      expect(rows.every((r) => r.status === "sent" && r.attempts === 1)).toBe(true);
    } finally {
      await a.stop();
      await b.stop();
      await other.destroy();
      await smtp.close();
    }
  });
});
