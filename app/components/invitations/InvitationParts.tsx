/**
 * The staff invitation section that dialogues and walks share. Each area keeps its
 * own wording: the texts come from `<area>.staff.*`, which both translation files define.
 */
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { CsrfInput, Field, SelectField } from "~/components/forms";

export type InvitationStatus = "not_sent" | "invited" | "accepted" | "declined";
export type InvitingArea = "dialogues" | "walks";
const ANSWERS = ["invited", "accepted", "declined"] as const;

/** One invited organisation: it can be withdrawn until it is sent, then staff record its answer. */
export function InvitationItem({
  area,
  inv,
  statusId,
  removeAria,
  children,
}: {
  area: InvitingArea;
  inv: { id: number; organisationName: string; email: string; status: InvitationStatus };
  statusId: string;
  /** The remove button's accessible name, when its text does not name the organisation. */
  removeAria?: string;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const organisation = inv.organisationName;
  return (
    <li className="card">
      <p>
        <strong>{organisation}</strong> · {inv.email} · {t(`${area}.staff.invitationStatus.${inv.status}`)}
      </p>
      {inv.status === "not_sent" ? (
        <Form method="post" className="inline-form">
          <CsrfInput />
          <input type="hidden" name="intent" value="removeInvitation" />
          <input type="hidden" name="invitationId" value={inv.id} />
          <button type="submit" aria-label={removeAria}>
            {t(`${area}.staff.removeInvitation`, { organisation })}
          </button>
        </Form>
      ) : (
        <Form method="post" className="inline-form">
          <CsrfInput />
          <input type="hidden" name="intent" value="setInvitationStatus" />
          <input type="hidden" name="invitationId" value={inv.id} />
          <label htmlFor={statusId}>{t(`${area}.staff.statusLabel`, { organisation })}</label>
          <select id={statusId} name="status" defaultValue={inv.status}>
            {ANSWERS.map((s) => (
              <option key={s} value={s}>
                {t(`${area}.staff.invitationStatus.${s}`)}
              </option>
            ))}
          </select>
          <button type="submit">{t(`${area}.staff.setStatus`)}</button>
        </Form>
      )}
      {children}
    </li>
  );
}

/** The section: the list (children), then inviting from the directory and sending while the area allows it. */
export function InvitationSection({
  area,
  invitations,
  organisations,
  canInvite,
  errors,
  sendLabel,
  beforeSend,
  children,
}: {
  area: InvitingArea;
  invitations: Array<{ organisationId: number; status: InvitationStatus }>;
  organisations: Array<{ id: number; name: string }>;
  canInvite: boolean;
  errors: Record<string, string>;
  /** Replaces "send invitations (n)" (a dialogue asks to confirm a late send). */
  sendLabel?: string;
  /** Shown in the send form above its button (a dialogue's late-send confirmation). */
  beforeSend?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const unsent = invitations.filter((i) => i.status === "not_sent").length;
  const invitedIds = new Set(invitations.map((i) => i.organisationId));
  return (
    <section aria-labelledby="invitations-heading">
      <h2 id="invitations-heading">{t(`${area}.staff.invitations`)}</h2>
      <p className="hint">{t(`${area}.staff.invitationsHint`)}</p>
      {invitations.length === 0 ? <p>{t(`${area}.staff.noInvitations`)}</p> : null}
      <ul className="report-list">{children}</ul>
      {canInvite ? (
        <>
          <Form method="post" className="filter-form" noValidate>
            <CsrfInput />
            <input type="hidden" name="intent" value="addInvitation" />
            <SelectField name="organisationId" label={t(`${area}.staff.organisation`)} error={errors.organisationId}>
              <option value="">{t(`${area}.staff.chooseOrganisation`)}</option>
              {organisations
                .filter((o) => !invitedIds.has(o.id))
                .map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
            </SelectField>
            <Field name="invite-email" label={t(`${area}.staff.inviteEmail`)} error={errors.email}>
              {(aria) => <input name="email" type="email" {...aria} />}
            </Field>
            <button type="submit">{t(`${area}.staff.addInvitation`)}</button>
          </Form>
          {unsent > 0 ? (
            <Form method="post">
              <CsrfInput />
              <input type="hidden" name="intent" value="sendInvitations" />
              {beforeSend}
              <button type="submit" className="primary">
                {sendLabel ?? t(`${area}.staff.sendInvitations`, { count: unsent })}
              </button>
            </Form>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
