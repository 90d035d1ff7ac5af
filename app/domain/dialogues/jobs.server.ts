/**
 * The background job: queue due reminders, delete expired contact details,
 * deliver the outbox. All state lives in the database (claimed rows), so a
 * restart resumes where it left off without losing or repeating work.
 */
import type { Logger } from "pino";
import type { DB } from "../../../db/connection";
import type { Config } from "~/config.server";
import { deliverPending, purgeEmailQuotas, purgeOutbox } from "~/domain/email/outbox.server";
import { purgeExpiredPublicCounters } from "~/domain/common/rate-limits.server";
import { purgeUnconfirmedFollowers } from "~/domain/measures/followers.server";
import { publicBaseUrl } from "~/domain/dialogues/ical.server";
import { purgeExpiredContacts, queueDueReminders } from "~/domain/dialogues/registrations.server";
import { purgeOldReportContacts } from "~/domain/accessibility/reports.server";
import { queueCameraReviewReminders } from "~/domain/cameras/reminders.server";
import { purgeExpiredRecords } from "~/domain/audit/retention.server";

export interface JobDeps {
  db: DB;
  config: Config;
  logger: Logger;
  /** The app's clock (app/clock.ts); the system clock when absent. */
  now?: () => Date;
  /** Real time, which session expiry and sign-in counters run on (app/clock.ts); the system clock when absent. */
  realNow?: () => Date;
}

/** One run of the periodic work; `deliver: false` leaves e-mail to the queue's jobs (PostgreSQL, queue.server.ts). */
export async function runDialogueJobsOnce(deps: JobDeps, now: Date = deps.now?.() ?? new Date(), opts: { deliver?: boolean } = {}) {
  const baseUrl = publicBaseUrl(deps.config);
  const reminders = await queueDueReminders(deps.db, deps.config, { now, baseUrl });
  const purgedContacts = await purgeExpiredContacts(deps.db, now);
  const purgedEmails = await purgeOutbox(deps.db, now);
  const purgedReportContacts = await purgeOldReportContacts(deps.db, now);
  // Measure follow requests never confirmed (double opt-in) are forgotten after a week.
  const purgedFollowers = await purgeUnconfirmedFollowers(deps.db, now);
  // Cameras whose yearly review falls due within 30 days, or is overdue: one reminder each to the owner.
  const cameraReminders = await queueCameraReviewReminders(deps.db, deps.config, { now, baseUrl });
  // Expired limit counters and e-mail quotas (docs/security.md "Limits").
  await purgeEmailQuotas(deps.db, now);
  await purgeExpiredPublicCounters(deps.db);
  // Audit entries, failed sign-ins, ended sessions and sign-in counters, as the privacy page says (retention.server.ts).
  const retention = await purgeExpiredRecords(deps.db, deps.config, { now, sessionNow: deps.realNow?.() ?? new Date() });
  const delivered = opts.deliver === false ? 0 : await deliverPending(deps.db, deps.config, deps.logger);
  return { reminders, cameraReminders, purgedContacts, purgedEmails, purgedFollowers, purgedReportContacts, retention, delivered };
}

/** Runs the job now and then every JOBS_INTERVAL_SECONDS; `stop()` waits for a run in progress. */
export function startDialogueJobs(deps: JobDeps): { stop: () => Promise<void>; kick: () => void } {
  let running: Promise<void> | null = null;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return;
    running = runDialogueJobsOnce(deps)
      .then((r) => {
        const purgedRecords = r.retention.auditEntries + r.retention.anonymousAuditEntries + r.retention.sessions + r.retention.loginAttempts;
        if (r.reminders || r.delivered || r.purgedContacts || r.purgedEmails || r.purgedFollowers || r.purgedReportContacts || purgedRecords)
          deps.logger.info(r, "dialogue jobs ran");
      })
      .catch((err: unknown) => deps.logger.error({ err }, "dialogue jobs failed"))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, deps.config.JOBS_INTERVAL_SECONDS * 1000);
  timer.unref();
  setImmediate(tick);
  return {
    kick: tick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
