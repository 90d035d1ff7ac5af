import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput, TextField } from "~/components/forms";
import { InvitationItem, InvitationSection } from "~/components/invitations/InvitationParts";
import type { WalkGroup } from "~/domain/walks/walks.server";
import type { WalkInvitation } from "~/domain/walks/invitations.server";
import type { StaffObservation } from "~/domain/walks/observations.server";

export function GroupsSection({ groups, errors }: { groups: WalkGroup[]; errors: Record<string, string> }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="groups-heading">
      <h2 id="groups-heading">{t("walks.staff.groups")}</h2>
      <p className="hint">{t("walks.staff.groupsHint")}</p>
      {groups.length === 0 ? <p>{t("walks.staff.noGroups")}</p> : null}
      <ul className="report-list">
        {groups.map((g) => (
          <li key={g.id} className="card">
            <p>
              <strong>{g.name}</strong>
              {g.leader ? ` · ${g.leader}` : ""}
            </p>
            <Form method="post" className="inline-form">
              <CsrfInput />
              <input type="hidden" name="intent" value="groupCount" />
              <input type="hidden" name="groupId" value={g.id} />
              <label htmlFor={`count-${g.id}`}>{t("walks.staff.groupParticipants")}</label>
              <input id={`count-${g.id}`} name="participants" inputMode="numeric" defaultValue={g.participants} size={4} />
              <button type="submit">{t("walks.staff.saveCount", { name: g.name })}</button>
            </Form>
            <Form method="post" className="inline-form">
              <CsrfInput />
              <input type="hidden" name="intent" value="removeGroup" />
              <input type="hidden" name="groupId" value={g.id} />
              <button type="submit">{t("walks.staff.removeGroup", { name: g.name })}</button>
            </Form>
          </li>
        ))}
      </ul>
      <Form method="post" className="filter-form" noValidate>
        <CsrfInput />
        <input type="hidden" name="intent" value="addGroup" />
        <TextField name="name" label={t("walks.staff.groupName")} error={errors.name} />
        <TextField name="leader" label={t("walks.staff.groupLeader")} error={errors.leader} />
        <TextField name="participants" label={t("walks.staff.groupParticipants")} error={errors.participants} inputMode="numeric" />
        <button type="submit">{t("walks.staff.addGroup")}</button>
      </Form>
    </section>
  );
}

export function InvitationsSection({
  invitations,
  organisations,
  canInvite,
  errors,
}: {
  invitations: WalkInvitation[];
  organisations: Array<{ id: number; name: string }>;
  canInvite: boolean;
  errors: Record<string, string>;
}) {
  return (
    <InvitationSection area="walks" invitations={invitations} organisations={organisations} canInvite={canInvite} errors={errors}>
      {invitations.map((inv) => (
        <InvitationItem area="walks" key={inv.id} inv={inv} statusId={`inv-status-${inv.id}`} />
      ))}
    </InvitationSection>
  );
}

function Summary({ o }: { o: StaffObservation }) {
  const { t } = useTranslation();
  return (
    <>
      <p>
        <strong>#{o.id}</strong> {o.address ?? `${o.lat.toFixed(5)}, ${o.lng.toFixed(5)}`} · {o.categories.map((c) => t(`walks.category.${c}`)).join(", ")} ·{" "}
        {t("walks.observations.feeling")}: {o.feeling}
      </p>
      {o.description ? <p className="user-text">{o.description}</p> : null}
      {o.raisedBy ? <p className="tags">{o.raisedBy}</p> : null}
    </>
  );
}

export function ModerationSection({ queue }: { queue: { observations: StaffObservation[]; photos: StaffObservation[] } }) {
  const { t } = useTranslation();
  const empty = queue.observations.length === 0 && queue.photos.length === 0;
  return (
    <section aria-labelledby="moderation-heading">
      <h2 id="moderation-heading">{t("walks.staff.moderation")}</h2>
      <p className="hint">{t("walks.staff.moderationHint")}</p>
      {empty ? <p>{t("walks.staff.queueEmpty")}</p> : null}
      <ul className="report-list">
        {queue.observations.map((o) => (
          <li key={`o${o.id}`} className="card">
            <Summary o={o} />
            {o.flags.length ? <p className="error-message">{t("walks.staff.flags", { flags: o.flags.join(", ") })}</p> : null}
            <Form method="post" className="inline-form">
              <CsrfInput />
              <input type="hidden" name="intent" value="moderate" />
              <input type="hidden" name="observationId" value={o.id} />
              <button type="submit" name="decision" value="publish" aria-label={`${t("walks.staff.publish")} #${o.id}`}>
                {t("walks.staff.publish")}
              </button>
              <button type="submit" name="decision" value="reject" aria-label={`${t("walks.staff.reject")} #${o.id}`}>
                {t("walks.staff.reject")}
              </button>
            </Form>
          </li>
        ))}
        {queue.photos.map((o) => (
          <li key={`p${o.id}`} className="card">
            <Summary o={o} />
            {o.staffPhotoUrl ? (
              <img src={o.staffPhotoUrl} alt={t("walks.observations.photoAlt", { place: o.address ?? `#${o.id}` })} className="obs-photo" />
            ) : null}
            <Form method="post" className="inline-form">
              <CsrfInput />
              <input type="hidden" name="intent" value="moderatePhoto" />
              <input type="hidden" name="observationId" value={o.id} />
              <button type="submit" name="decision" value="approve" aria-label={`${t("walks.staff.approvePhoto")} #${o.id}`}>
                {t("walks.staff.approvePhoto")}
              </button>
              <button type="submit" name="decision" value="reject" aria-label={`${t("walks.staff.rejectPhoto")} #${o.id}`}>
                {t("walks.staff.rejectPhoto")}
              </button>
            </Form>
          </li>
        ))}
      </ul>
    </section>
  );
}
