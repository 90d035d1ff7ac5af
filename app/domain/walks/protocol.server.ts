/** The walk protocol: assembled for the staff view and exports, and sent to each responsible party. */
import type { DB } from "../../../db/connection";
import type { Config } from "~/config.server";
import { logAudit, type AuditActor } from "~/domain/audit/audit.server";
import { queueEmail } from "~/domain/email/outbox.server";
import { listOrganisations, type Organisation } from "~/domain/common/organisations.server";
import { protocolEmail } from "~/domain/walks/emails.server";
import type { ExportObservation } from "~/domain/walks/export";
import { listWalkInvitations, type WalkInvitation } from "~/domain/walks/invitations.server";
import { listStaffObservations, type StaffObservation } from "~/domain/walks/observations.server";
import { getWalk, listGroups, type Walk, type WalkGroup } from "~/domain/walks/walks.server";

export interface Protocol {
  walk: Walk;
  groups: WalkGroup[];
  participants: number;
  invitations: WalkInvitation[];
  /** Numbered in the order they were recorded; rejected observations are not part of the protocol. */
  items: Array<StaffObservation & { number: number }>;
  organisations: Organisation[];
}

export async function getProtocol(db: DB, walkId: number): Promise<Protocol | null> {
  const walk = await getWalk(db, walkId);
  if (!walk) return null;
  const [groups, invitations, observations, organisations] = await Promise.all([
    listGroups(db, walkId),
    listWalkInvitations(db, walkId),
    listStaffObservations(db, walkId),
    listOrganisations(db),
  ]);
  const items = observations.filter((o) => o.status !== "rejected").map((o, i) => ({ ...o, number: i + 1 }));
  return { walk, groups, participants: groups.reduce((a, g) => a + g.participants, 0), invitations, items, organisations };
}

export function exportItems(p: Protocol, baseUrl: string): ExportObservation[] {
  return p.items.map((o) => ({
    number: o.number,
    id: o.id,
    lat: o.lat,
    lng: o.lng,
    approximate: o.approximate,
    address: o.address,
    lampPost: o.lampPost,
    categories: o.categories,
    positive: o.positive,
    feeling: o.feeling,
    ratings: o.ratings,
    description: o.description,
    timeOfDay: o.timeOfDay,
    raisedBy: o.raisedBy,
    addedAfterwards: o.addedAfterwards,
    proposedMeasure: o.proposedMeasure,
    responsibleParty: o.responsibleOrganisationName,
    priority: o.priority,
    followupStatus: o.followupStatus,
    partyReply: o.partyReply,
    // The export is a staff document: the photo link works for signed-in staff.
    photoUrl: o.staffPhotoUrl ? new URL(o.staffPhotoUrl, baseUrl).toString() : null,
    createdAt: o.createdAt,
  }));
}

export type SendProtocolResult =
  { ok: true; emails: number; items: number } | { ok: false; error: "walks.errors.protocolNotReady" | "walks.errors.nothingToSend" };

/**
 * Emails each responsible party the items it controls (outbox, as for
 * dialogues). Items go from "new" to "sent"; sending again later includes
 * only what was added or reassigned since.
 */
export async function sendProtocol(
  db: DB,
  config: Pick<Config, "SMTP_URL" | "SERVICE_OPERATOR">,
  actor: AuditActor,
  walkId: number,
  opts: { baseUrl: string; now?: Date; ip?: string | null },
): Promise<SendProtocolResult | null> {
  const now = opts.now ?? new Date();
  const p = await getProtocol(db, walkId);
  if (!p) return null;
  if (p.walk.status === "planned" || p.walk.status === "pre_meeting" || p.walk.status === "ongoing")
    return { ok: false, error: "walks.errors.protocolNotReady" };
  const byOrg = new Map<number, typeof p.items>();
  for (const item of p.items) {
    if (item.responsibleOrganisationId === null || item.followupStatus !== "new") continue;
    const list = byOrg.get(item.responsibleOrganisationId) ?? [];
    list.push(item);
    byOrg.set(item.responsibleOrganisationId, list);
  }
  // Only parties we can reach: an invitation address or the organisation's contact address.
  const targets = [...byOrg].flatMap(([orgId, items]) => {
    const org = p.organisations.find((o) => o.id === orgId);
    const to = p.invitations.find((i) => i.organisationId === orgId)?.email ?? org?.contactEmail;
    return org && to ? [{ org, to, items }] : [];
  });
  if (targets.length === 0) return { ok: false, error: "walks.errors.nothingToSend" };
  const emails = targets.length;
  const count = targets.reduce((a, x) => a + x.items.length, 0);
  await db.transaction().execute(async (trx) => {
    for (const { org, to, items } of targets) {
      const mail = protocolEmail(p.walk, org.name, items, opts.baseUrl, config.SERVICE_OPERATOR);
      await queueEmail(trx, config, { kind: "walk_protocol", to, subject: mail.subject, text: mail.text }, now);
      await trx
        .updateTable("walk_observations")
        .set({ followup_status: "sent", updated_at: now.toISOString() })
        .where(
          "id",
          "in",
          items.map((i) => i.id),
        )
        .execute();
    }
    await trx.updateTable("walks").set({ protocol_sent_at: now.toISOString(), updated_at: now.toISOString() }).where("id", "=", walkId).execute();
    await logAudit(
      trx,
      {
        actor,
        action: "walk.protocol_sent",
        targetType: "walk",
        targetId: walkId,
        details: { emails, items: count, organisations: targets.map((x) => x.org.name) },
        ip: opts.ip,
      },
      now,
    );
  });
  return { ok: true, emails, items: count };
}
