import type { DB } from "../../../db/connection";

export const MAX_FAILURES_PER_WINDOW = 5;
export const THROTTLE_WINDOW_MS = 60_000;

/** True when the email or the IP has used up its failed sign-ins for the last minute. */
export async function isThrottled(db: DB, email: string, ip: string, now: Date = new Date()): Promise<boolean> {
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MS).toISOString();
  const count = async (column: "email" | "ip", value: string) => {
    const row = await db
      .selectFrom("login_attempts")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where(column, "=", value)
      .where("success", "=", 0)
      .where("at", ">", since)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };
  return (await count("email", email)) >= MAX_FAILURES_PER_WINDOW || (await count("ip", ip)) >= MAX_FAILURES_PER_WINDOW;
}

export async function recordAttempt(db: DB, email: string, ip: string, success: boolean, now: Date = new Date()): Promise<void> {
  await db
    .insertInto("login_attempts")
    .values({ email, ip, at: now.toISOString(), success: success ? 1 : 0 })
    .execute();
  // Old attempts are only useful for the window; keep the table small.
  const cutoff = new Date(now.getTime() - 24 * 3600_000).toISOString();
  await db.deleteFrom("login_attempts").where("at", "<", cutoff).execute();
}
