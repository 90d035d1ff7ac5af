import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput, Field, SelectField } from "~/components/forms";
import { LateConfirm } from "~/components/dialogues/LateConfirm";

interface Invitation {
  id: number;
  organisationId: number;
  organisationName: string;
  email: string;
  status: "not_sent" | "invited" | "accepted" | "declined";
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
  const unsent = invitations.filter((i) => i.status === "not_sent").length;
  const invitedIds = new Set(invitations.map((i) => i.organisationId));
  return (
    <section aria-labelledby="invitations-heading">
      <h2 id="invitations-heading">{t("dialogues.staff.invitations")}</h2>
      <p className="hint">{t("dialogues.staff.invitationsHint")}</p>
      {invitations.length === 0 ? <p>{t("dialogues.staff.noInvitations")}</p> : null}
      <ul className="report-list">
        {invitations.map((inv) => {
          const options = candidates.filter((c) => c.organisationId === inv.organisationId && !inv.panelists.some((p) => p.staffId === c.id));
          return (
            <li key={inv.id} className="card">
              <p>
                <strong>{inv.organisationName}</strong> · {inv.email} · {t(`dialogues.staff.invitationStatus.${inv.status}`)}
              </p>
              {inv.status === "not_sent" ? (
                <Form method="post" className="inline-form">
                  <CsrfInput />
                  <input type="hidden" name="intent" value="removeInvitation" />
                  <input type="hidden" name="invitationId" value={inv.id} />
                  <button type="submit" aria-label={`${t("dialogues.staff.removeInvitation")}: ${inv.organisationName}`}>
                    {t("dialogues.staff.removeInvitation")}
                  </button>
                </Form>
              ) : (
                <Form method="post" className="inline-form">
                  <CsrfInput />
                  <input type="hidden" name="intent" value="setInvitationStatus" />
                  <input type="hidden" name="invitationId" value={inv.id} />
                  <label htmlFor={`status-${inv.id}`}>{t("dialogues.staff.statusLabel", { organisation: inv.organisationName })}</label>
                  <select id={`status-${inv.id}`} name="status" defaultValue={inv.status}>
                    {(["invited", "accepted", "declined"] as const).map((s) => (
                      <option key={s} value={s}>
                        {t(`dialogues.staff.invitationStatus.${s}`)}
                      </option>
                    ))}
                  </select>
                  <button type="submit">{t("dialogues.staff.setStatus")}</button>
                </Form>
              )}
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
            </li>
          );
        })}
      </ul>
      {canInvite ? (
        <>
          <Form method="post" className="filter-form" noValidate>
            <CsrfInput />
            <input type="hidden" name="intent" value="addInvitation" />
            <SelectField name="organisationId" label={t("dialogues.staff.organisation")} error={errors.organisationId}>
              <option value="">{t("dialogues.staff.chooseOrganisation")}</option>
              {organisations
                .filter((o) => !invitedIds.has(o.id))
                .map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
            </SelectField>
            <Field name="invite-email" label={t("dialogues.staff.inviteEmail")} error={errors.email}>
              {(aria) => <input name="email" type="email" {...aria} />}
            </Field>
            <button type="submit">{t("dialogues.staff.addInvitation")}</button>
          </Form>
          {unsent > 0 ? (
            <Form method="post">
              <CsrfInput />
              <input type="hidden" name="intent" value="sendInvitations" />
              {late ? <LateConfirm id="invite-late-confirm" days={daysLeft} error={errors.inviteLateConfirm} /> : null}
              <button type="submit" className="primary">
                {late ? t("dialogues.staff.confirmAndSend") : t("dialogues.staff.sendInvitations", { count: unsent })}
              </button>
            </Form>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
