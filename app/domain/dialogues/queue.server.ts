/**
 * Background work on PostgreSQL: graphile-worker on the app's own pg pool, so any number of
 * Tryggve processes share one queue and each job runs once.
 *
 * - `deliver_email` {id}: one outbox row (deliverOne). Added by the transaction that queues
 *   the mail (app/domain/common/jobs.server.ts), so a rolled-back registration sends nothing.
 *   A failed send throws: the queue retries it with exponential backoff (about 3 s, 7 s, 20 s,
 *   55 s) up to MAX_ATTEMPTS, and other mails go on meanwhile.
 * - `maintenance`: reminders, deletions and counter purges (runDialogueJobsOnce without
 *   delivery), every minute by graphile-worker's cron (one run per minute across all processes);
 *   it also re-adds the delivery job of any row that is still deliverable (a claim gone stale
 *   after a crash), keyed per row so nothing is queued twice.
 *
 * On SQLite the in-process loop (jobs.server.ts) does the same work with the same functions.
 */
import { Logger as WorkerLogger, run, type Runner, type Task } from "graphile-worker";
import { z } from "zod";
import { pgPool } from "../../../db/connection";
import { addJob } from "~/domain/common/jobs.server";
import { deliverableIds, deliverOne, MAX_ATTEMPTS } from "~/domain/email/outbox.server";
import { runDialogueJobsOnce, type JobDeps } from "~/domain/dialogues/jobs.server";

const DeliverPayload = z.object({ id: z.number().int().positive() });

export interface QueueOptions {
  /** Jobs run at once in this process (default 4). */
  concurrency?: number;
  /** Poll interval in ms as a fallback to LISTEN/NOTIFY (default 2000). */
  pollInterval?: number;
  /** Run the maintenance cron (default true; tests of delivery alone turn it off). */
  cron?: boolean;
}

export function queueTasks(deps: JobDeps): Record<"deliver_email" | "maintenance", Task> {
  return {
    deliver_email: async (payload) => {
      const { id } = DeliverPayload.parse(payload);
      await deliverOne(deps.db, deps.config, id, { now: deps.now });
    },
    maintenance: async () => {
      const now = deps.now?.() ?? new Date();
      const r = await runDialogueJobsOnce(deps, now, { deliver: false });
      for (const id of await deliverableIds(deps.db, now)) {
        await addJob(deps.db, "deliver_email", { id }, { jobKey: `email:${id}`, maxAttempts: MAX_ATTEMPTS });
      }
      if (r.reminders || r.purgedContacts || r.purgedEmails || r.purgedFollowers || r.purgedReportContacts) deps.logger.info(r, "maintenance ran");
    },
  };
}

/** Starts a graphile-worker runner in this process; same shape as startDialogueJobs. */
export async function startQueueJobs(deps: JobDeps, opts: QueueOptions = {}): Promise<{ stop: () => Promise<void>; kick: () => void; runner: Runner }> {
  const pool = pgPool(deps.db);
  if (!pool) throw new Error("The job queue needs a PostgreSQL database opened with createDb(DATABASE_URL)");
  const logger = new WorkerLogger((scope) => (level, message, meta) => {
    const line = { scope, ...meta };
    if (level === "error") deps.logger.error(line, message);
    else if (level === "warning") deps.logger.warn(line, message);
    else deps.logger.debug(line, message);
  });
  const runner = await run({
    pgPool: pool,
    taskList: queueTasks(deps),
    crontab: opts.cron === false ? "" : "* * * * * maintenance ?max=1",
    concurrency: opts.concurrency ?? 4,
    pollInterval: opts.pollInterval ?? 2000,
    noHandleSignals: true,
    logger,
  });
  // The first maintenance run right away, as the SQLite loop does, then every minute.
  if (opts.cron !== false) await addJob(deps.db, "maintenance", {}, { jobKey: "maintenance-now" });
  return {
    runner,
    kick: () =>
      void addJob(deps.db, "maintenance", {}, { jobKey: "maintenance-now" }).catch((err: unknown) => deps.logger.error({ err }, "queueing maintenance failed")),
    stop: () => runner.stop(),
  };
}
