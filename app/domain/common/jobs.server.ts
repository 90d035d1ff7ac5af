/**
 * Background jobs added inside the caller's transaction. On PostgreSQL a job is a row in
 * graphile-worker's queue (`graphile_worker.add_job`), written by the same transaction as the
 * business rows: a rolled-back registration queues nothing. Any number of worker processes
 * take jobs from it (app/domain/dialogues/queue.server.ts), each job once, with retries and
 * exponential backoff. On SQLite there is no queue: the in-process loop
 * (app/domain/dialogues/jobs.server.ts) finds the same work in the tables themselves.
 */
import { sql } from "kysely";
import { isPostgres, type DB } from "../../../db/connection";

export type JobTask = "deliver_email" | "maintenance";

export interface JobOptions {
  /** At most one waiting job per key; adding it again keeps the waiting one's time (preserve_run_at). */
  jobKey?: string;
  maxAttempts?: number;
}

/** True when jobs go through the queue (PostgreSQL). */
export function usesJobQueue(db: DB): boolean {
  return isPostgres(db);
}

/** Adds a job in db's transaction on PostgreSQL; a no-op on SQLite. */
export async function addJob(db: DB, task: JobTask, payload: Record<string, unknown>, opts: JobOptions = {}): Promise<void> {
  if (!usesJobQueue(db)) return;
  await sql`select graphile_worker.add_job(${task}, ${JSON.stringify(payload)}::json, max_attempts => ${opts.maxAttempts ?? null}::integer, job_key => ${opts.jobKey ?? null}::text, job_key_mode => 'preserve_run_at')`.execute(
    db,
  );
}
