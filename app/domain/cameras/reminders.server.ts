/**
 * Reminders of the cameras' yearly reviews, run by the background job: once per due date when a
 * running camera's review falls due within REVIEW_REMINDER_DAYS, and once more when it is overdue.
 * They go to the owner organisation's contact address (the one who runs the camera). The claim
 * is a conditional update on the camera row in the same transaction as the queued mail, so two
 * job runs never send the same reminder twice.
 */
import type { DB } from "../../../db/connection";
import type { Config } from "~/config.server";
import { calendarDate } from "~/domain/common/time";
import { queueEmail } from "~/domain/email/outbox.server";
import { reviewReminderEmail } from "~/domain/cameras/emails.server";
import { reviewFlag } from "~/domain/cameras/state";

export async function queueCameraReviewReminders(db: DB, config: Config, opts: { now: Date; baseUrl: string }): Promise<number> {
  const today = calendarDate(opts.now);
  const rows = await db
    .selectFrom("cameras")
    .innerJoin("organisations", "organisations.id", "cameras.owner_organisation_id")
    .select([
      "cameras.id",
      "cameras.name",
      "cameras.state",
      "cameras.review_due",
      "cameras.review_reminder_for",
      "cameras.overdue_reminder_for",
      "organisations.name as owner",
      "organisations.contact_email",
    ])
    .where("cameras.state", "in", ["active", "paused"])
    .where("cameras.review_due", "is not", null)
    .where("organisations.contact_email", "is not", null)
    .execute();
  let queued = 0;
  for (const r of rows) {
    const flag = reviewFlag(r.state, r.review_due, today);
    const column = flag === "overdue" ? "overdue_reminder_for" : flag === "due_soon" ? "review_reminder_for" : null;
    if (!column || r[column] === r.review_due) continue;
    const due = r.review_due!;
    const sent = await db.transaction().execute(async (trx) => {
      const claim = await trx
        .updateTable("cameras")
        .set({ [column]: due })
        .where("id", "=", r.id)
        .where("review_due", "=", due)
        .where((eb) => eb.or([eb(column, "is", null), eb(column, "<>", due)]))
        .executeTakeFirst();
      if (Number(claim.numUpdatedRows) !== 1) return false;
      const mail = reviewReminderEmail({ id: r.id, name: r.name, owner: r.owner, due, overdue: flag === "overdue" }, opts.baseUrl, config.SERVICE_OPERATOR);
      await queueEmail(trx, config, { kind: "camera_review_reminder", to: r.contact_email!, subject: mail.subject, text: mail.text }, opts.now);
      return true;
    });
    if (sent) queued += 1;
  }
  return queued;
}
