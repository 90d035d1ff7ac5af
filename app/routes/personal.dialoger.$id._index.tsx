import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, type LinksFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { dialogueLinks } from "~/components/dialogues/styles";
import { AttendanceTable } from "~/components/dialogues/AttendanceTable";
import { LateConfirm } from "~/components/dialogues/LateConfirm";
import { StaffInvitations } from "~/components/dialogues/StaffInvitations";
import { CsrfInput, ErrorSummary, Notice } from "~/components/forms";
import { getAttendance, getDialogue } from "~/domain/dialogues/dialogues.server";
import { formatSpan, formatStamp } from "~/domain/common/format";
import { idParam, notFound } from "~/http/not-found.server";
import { listOrganisations, listPanelistCandidates } from "~/domain/common/organisations.server";
import { listInvitations } from "~/domain/dialogues/invitations.server";
import { allowedEvents, canWriteFeedback, daysUntil, isLate, missingForPublish } from "~/domain/dialogues/lifecycle";
import { listRegistrations } from "~/domain/dialogues/registrations.server";
import { handleOverviewAction } from "~/http/dialogue-staff.server";
import { requireStaff, requireStaffForm } from "~/http/auth.server";
import { titleFor } from "~/utils/i18n-helpers";
import { tKey } from "~/i18n/keys";

export const links: LinksFunction = dialogueLinks;
export const meta: MetaFunction<typeof loader> = ({ matches, data }) => titleFor(matches, "dialogues.staff.editTitle", { title: data?.dialogue.title ?? "" });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requireStaff(request, context, "dialogues.manage");
  const dialogue = await getDialogue(context.db, idParam("dialogue", params.id));
  if (!dialogue) notFound("dialogue");
  const now = context.clock.now();
  const [invitations, organisations, candidates, registrations, attendance] = await Promise.all([
    listInvitations(context.db, dialogue.id),
    listOrganisations(context.db),
    listPanelistCandidates(context.db),
    listRegistrations(context.db, dialogue.id),
    getAttendance(context.db, dialogue.id),
  ]);
  return json({
    dialogue,
    invitations,
    organisations,
    candidates,
    registrations,
    attendance,
    events: allowedEvents(dialogue.status),
    missing: missingForPublish(dialogue),
    late: isLate(dialogue.startsAt, now),
    daysLeft: daysUntil(dialogue.startsAt, now),
    canInvite: dialogue.status === "draft" || dialogue.status === "published",
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const id = idParam("dialogue", params.id);
  const { staff, form } = await requireStaffForm(request, context, "dialogues.manage");
  const result = await handleOverviewAction(context, request, staff, id, form);
  if (!result) notFound("dialogue");
  return json(result, { status: result.ok ? 200 : 400 });
}

export default function DialogueOverview() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [search] = useSearchParams();
  const { t, i18n } = useTranslation();
  const { dialogue } = d;
  const errors = result && !result.ok ? result.errors : {};
  const missing = result && !result.ok && result.missing ? result.missing : d.missing;
  const done = search.get("klart");
  return (
    <>
      <p>
        <Link to="/personal/dialoger">← {t("dialogues.staff.list")}</Link>
      </p>
      <h1>{dialogue.title}</h1>
      {done === "skapad" ? <Notice kind="success">{t("dialogues.staff.created")}</Notice> : null}
      {done === "sparad" ? <Notice kind="success">{t("dialogues.staff.saved")}</Notice> : null}
      {done === "aterkoppling" ? <Notice kind="success">{t("dialogues.staff.feedbackPublished", { count: Number(search.get("antal") ?? 0) })}</Notice> : null}
      {result?.ok ? <Notice kind="success">{t(result.message, { count: result.count ?? 0 })}</Notice> : null}
      {result && !result.ok && errors._form ? <ErrorSummary errors={{ _form: errors._form }} /> : null}
      <p>
        {dialogue.districtName} · {formatSpan(dialogue.startsAt, dialogue.endsAt, i18n.language)} · {t(`dialogues.format.${dialogue.format}`)}
      </p>
      <p className="inline-form">
        {dialogue.status === "draft" || dialogue.status === "published" ? <Link to="redigera">{t("dialogues.staff.edit")}</Link> : null}
        {dialogue.status !== "draft" ? <Link to={`/dialoger/${dialogue.id}`}>{t("dialogues.staff.view")}</Link> : null}
        {dialogue.status !== "draft" ? <Link to={`/personal/dialoger/${dialogue.id}/fragor`}>{t("qa.mod.link")}</Link> : null}
        {canWriteFeedback(dialogue.status) ? <Link to="aterkoppling">{t("dialogues.staff.writeFeedback")}</Link> : null}
        {dialogue.status !== "draft" ? <Link to={`/personal/dialoger/${dialogue.id}/atgarder`}>{t("measures.staff.dialogueLink")}</Link> : null}
      </p>

      <section aria-labelledby="lifecycle-heading">
        <h2 id="lifecycle-heading">
          {t("dialogues.staff.lifecycle")}: {t(`dialogues.status.${dialogue.status}`)}
        </h2>
        <p className="hint">{t("dialogues.staff.lifecycleHint")}</p>
        {dialogue.status === "draft" && missing.length > 0 ? (
          <div className="notice notice-warning">
            <p>{t("dialogues.staff.missingHeading")}</p>
            <ul>
              {missing.map((m) => (
                <li key={m}>{tKey(t, `dialogues.missing.${m}`)}</li>
              ))}
            </ul>
          </div>
        ) : null}
        {d.events.includes("publish") ? (
          <Form method="post">
            <CsrfInput />
            <input type="hidden" name="intent" value="publish" />
            {d.late ? <LateConfirm id="publish-late-confirm" days={d.daysLeft} error={result?.intent === "publish" ? errors.lateConfirm : undefined} /> : null}
            <button type="submit" className="primary">
              {d.late ? t("dialogues.staff.confirmAndPublish") : t("dialogues.staff.publish")}
            </button>
          </Form>
        ) : null}
        {(["start", "end"] as const)
          .filter((e) => d.events.includes(e))
          .map((e) => (
            <Form method="post" key={e}>
              <CsrfInput />
              <input type="hidden" name="intent" value={e} />
              <button type="submit" className="primary">
                {t(`dialogues.staff.${e}`)}
              </button>
            </Form>
          ))}
      </section>

      <StaffInvitations
        invitations={d.invitations}
        organisations={d.organisations}
        candidates={d.candidates}
        canInvite={d.canInvite}
        late={d.late}
        daysLeft={d.daysLeft}
        errors={errors}
      />

      <section aria-labelledby="attendance-heading">
        <h2 id="attendance-heading">{t("dialogues.staff.attendance")}</h2>
        <AttendanceTable a={d.attendance} showCancelled />
        {dialogue.status !== "draft" ? (
          <Form method="post" className="inline-form" noValidate>
            <CsrfInput />
            <input type="hidden" name="intent" value="headcount" />
            <label htmlFor="headcount">{t("dialogues.staff.headcountLabel")}</label>
            <input
              id="headcount"
              name="headcount"
              inputMode="numeric"
              defaultValue={dialogue.headcount ?? ""}
              aria-invalid={errors.headcount ? true : undefined}
              aria-describedby={errors.headcount ? "headcount-error" : undefined}
            />
            <button type="submit">{t("dialogues.staff.saveHeadcount")}</button>
            {errors.headcount ? (
              <span id="headcount-error" className="error-message">
                {tKey(t, errors.headcount)}
              </span>
            ) : null}
          </Form>
        ) : null}
      </section>

      <section aria-labelledby="registrations-heading">
        <h2 id="registrations-heading">{t("dialogues.staff.registrations")}</h2>
        <p className="hint">{t("dialogues.staff.contactNotice")}</p>
        {d.registrations.length === 0 ? (
          <p>{t("dialogues.staff.noRegistrations")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("dialogues.staff.registered")}</th>
                  <th scope="col">{t("dialogues.register.modeLegend")}</th>
                  <th scope="col">{t("dialogues.staff.lifecycle")}</th>
                  <th scope="col">{t("dialogues.register.email")}</th>
                  <th scope="col">{t("dialogues.staff.needs")}</th>
                  <th scope="col">{t("dialogues.staff.deleteAfter")}</th>
                </tr>
              </thead>
              <tbody>
                {d.registrations.map((r) => (
                  <tr key={r.id}>
                    <td>{formatStamp(r.createdAt, i18n.language)}</td>
                    <td>{r.mode === "in_person" ? t("dialogues.register.modeInPerson") : t("dialogues.register.modeRemote")}</td>
                    <td>
                      {r.status === "confirmed" ? "✓" : r.status === "waitlisted" ? t("dialogues.attendance.waitlisted") : t("dialogues.attendance.cancelled")}
                    </td>
                    <td>{r.email ? `${r.name ? `${r.name}, ` : ""}${r.email}` : "–"}</td>
                    <td className="user-text">{r.accessibilityNeeds ?? "–"}</td>
                    <td>{formatStamp(r.deleteAfter, i18n.language)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
