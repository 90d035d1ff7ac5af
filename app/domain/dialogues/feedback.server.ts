import type { DB } from "../../../db/connection";
import type { Config } from "~/config.server";
import type { AuditActor } from "~/domain/audit/audit.server";
import { transitionDialogue, type TransitionOutcome } from "~/domain/dialogues/dialogues.server";
import { queueFeedbackEmails } from "~/domain/dialogues/registrations.server";

/**
 * Publishes the återkoppling: the dialogue reaches its final state (closed)
 * and every registrant who opted in gets it by email, in the same transaction.
 */
export async function publishFeedback(
  db: DB,
  config: Pick<Config, "SMTP_URL" | "SERVICE_OPERATOR" | "REGISTRATION_RETENTION_DAYS">,
  actor: AuditActor,
  id: number,
  opts: { now?: Date; ip?: string | null; baseUrl: string },
): Promise<(TransitionOutcome & { emailed?: number }) | null> {
  const now = opts.now ?? new Date();
  let emailed = 0;
  const result = await transitionDialogue(db, actor, id, "publishFeedback", {
    now,
    ip: opts.ip,
    inTransaction: async (trx, d) => {
      emailed = await queueFeedbackEmails(trx, config, d, { now, baseUrl: opts.baseUrl });
    },
  });
  return result && result.ok ? { ...result, emailed } : result;
}
