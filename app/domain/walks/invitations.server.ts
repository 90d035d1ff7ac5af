/**
 * Walk invitations: the shared rules in ~/domain/common/invitations.server, plus
 * when a walk may still invite and the walk's own email and calendar file.
 */
import type { DB } from "../../../db/connection";
import type { Config } from "~/config.server";
import { serverT } from "~/i18n/i18n";
import type { AuditActor } from "~/domain/audit/audit.server";
import * as invitations from "~/domain/common/invitations.server";
import { walkInvitationEmail } from "~/domain/walks/emails.server";
import { walkIcs } from "~/domain/walks/ical.server";
import { canInvite } from "~/domain/walks/lifecycle";
import { getWalk } from "~/domain/walks/walks.server";

export type WalkInvitation = invitations.Invitation;

type Opts = invitations.InvitationOpts;

export async function listWalkInvitations(db: DB, walkId: number): Promise<WalkInvitation[]> {
  return invitations.listInvitations(db, "walk", walkId);
}

export async function addWalkInvitation(
  db: DB,
  actor: AuditActor,
  walkId: number,
  input: { organisationId: number; email: string | null },
  opts: Opts = {},
): Promise<{ ok: true } | { ok: false; errors: Record<string, string> }> {
  const walk = await db.selectFrom("walks").select(["status"]).where("id", "=", walkId).executeTakeFirst();
  if (!walk) return { ok: false as const, errors: { _form: "walks.notFound" } };
  if (!canInvite(walk.status)) return { ok: false as const, errors: { _form: "walks.errors.notEditable" } };
  return invitations.addInvitation(db, "walk", actor, walkId, input, opts);
}

/** Emails every unsent invitation with the walk as .ics; queue and status change commit together. */
export async function sendWalkInvitations(
  db: DB,
  config: Pick<Config, "SMTP_URL" | "SERVICE_OPERATOR">,
  actor: AuditActor,
  walkId: number,
  opts: Opts & { baseUrl: string },
) {
  const w = await getWalk(db, walkId);
  if (!w) return null;
  if (!canInvite(w.status)) return { ok: false as const, error: "walks.errors.notEditable" };
  const pending = (await listWalkInvitations(db, walkId)).filter((i) => i.status === "not_sent");
  if (pending.length === 0) return { ok: false as const, error: "walks.errors.nothingToSend" };
  const sent = await invitations.queueInvitations(
    db,
    config,
    "walk",
    actor,
    walkId,
    {
      pending,
      mail: (organisation) => walkInvitationEmail(w, organisation, opts.baseUrl, config.SERVICE_OPERATOR),
      emailKind: "walk_invitation",
      ics: { filename: `vandring-${w.id}.ics`, content: walkIcs(w, opts.baseUrl, serverT("sv")) },
    },
    opts,
  );
  return { ok: true as const, sent };
}
