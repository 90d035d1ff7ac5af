import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/forms";
import { InvitationItem, InvitationSection, type InvitationStatus } from "~/components/invitations/InvitationParts";
import { LateConfirm } from "~/components/dialogues/LateConfirm";

interface Invitation {
  id: number;
  organisationId: number;
  organisationName: string;
  email: string;
  status: InvitationStatus;
  panelists: { staffId: number; name: string }[];
}

interface Props {
  invitations: Invitation[];
  organisations: { id: number; name: string; contactEmail: string | null }[];
  candidates: { id: number; name: string; organisationId: number }[];
  canInvite: boolean;
  late: boolean;
  daysLeft: number;
  errors: Record<string, string>;
}

export function StaffInvitations({ invitations, organisations, candidates, canInvite, late, daysLeft, errors }: Props) {
  const { t } = useTranslation();
  return (
    <InvitationSection
      area="dialogues"
      invitations={invitations}
      organisations={organisations}
      canInvite={canInvite}
      errors={errors}
      sendLabel={late ? t("dialogues.staff.confirmAndSend") : undefined}
      beforeSend={late ? <LateConfirm id="invite-late-confirm" days={daysLeft} error={errors.inviteLateConfirm} /> : null}
    >
      {invitations.map((inv) => {
        const options = candidates.filter((c) => c.organisationId === inv.organisationId && !inv.panelists.some((p) => p.staffId === c.id));
        return (
          <InvitationItem
            area="dialogues"
            key={inv.id}
            inv={inv}
            statusId={`status-${inv.id}`}
            removeAria={`${t("dialogues.staff.removeInvitation")}: ${inv.organisationName}`}
          >
            <h3 className="small-heading">{t("dialogues.staff.panelists")}</h3>
            {inv.panelists.length === 0 ? <p className="muted">{t("dialogues.staff.noPanelists")}</p> : null}
            <ul>
              {inv.panelists.map((p) => (
                <li key={p.staffId}>
                  <Form method="post" className="inline-form">
                    <CsrfInput />
                    {p.name}
                    <input type="hidden" name="intent" value="removePanelist" />
                    <input type="hidden" name="staffId" value={p.staffId} />
                    <button type="submit">{t("dialogues.staff.removePanelist", { name: p.name })}</button>
                  </Form>
                </li>
              ))}
            </ul>
            {options.length > 0 ? (
              <Form method="post" className="inline-form">
                <CsrfInput />
                <input type="hidden" name="intent" value="assignPanelist" />
                <input type="hidden" name="invitationId" value={inv.id} />
                <label htmlFor={`panelist-${inv.id}`}>{t("dialogues.staff.panelistFor", { organisation: inv.organisationName })}</label>
                <select id={`panelist-${inv.id}`} name="staffId">
                  {options.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))}
                </select>
                <button type="submit">{t("dialogues.staff.assignPanelist")}</button>
              </Form>
            ) : candidates.some((c) => c.organisationId === inv.organisationId) ? null : (
              <p className="hint">{t("dialogues.staff.noPanelistAccounts")}</p>
            )}
          </InvitationItem>
        );
      })}
    </InvitationSection>
  );
}
