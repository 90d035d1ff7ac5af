import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput, ErrorSummary, Notice, TextField } from "~/components/forms";
import { Sources, StatusBadge, Timeline } from "~/components/measures/MeasureBits";
import { measureLinks } from "~/components/measures/styles";
import { idParam, notFound } from "~/http/not-found.server";
import { measureActor } from "~/domain/measures/actions.server";
import { countFollowers } from "~/domain/measures/followers.server";
import { getMeasure } from "~/domain/measures/measures.server";
import { handleMeasureAction, measurePageStatus } from "~/http/measure-staff.server";
import { allowedActions, canView, type MeasureAction } from "~/domain/measures/status";
import { logAudit } from "~/domain/audit/audit.server";
import { requireStaff, requireStaffForm, type StaffUser } from "~/http/auth.server";
import { tKey } from "~/i18n/keys";
import { CameraLinks } from "~/components/cameras/CameraLinks";
import { camerasFrom } from "~/domain/cameras/cameras.server";
import { can } from "~/domain/staff/roles";

export const links: LinksFunction = measureLinks;
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.measure.title ?? ""} – Tryggve` }];

async function forbidden(context: LoaderFunctionArgs["context"], staff: StaffUser, id: number): Promise<never> {
  await logAudit(context.db, { actor: staff, action: "auth.forbidden", targetType: "measure", targetId: id, ip: context.clientIp });
  throw json({ error: "measures.errors.wrongOrganisation" }, { status: 403 });
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, context);
  const measure = await getMeasure(context.db, idParam("measure", params.id), context.clock.now());
  if (!measure) notFound("measure");
  const actor = measureActor(staff);
  if (!canView(actor, measure)) await forbidden(context, staff, measure.id);
  return json({
    measure,
    actions: allowedActions(actor, measure),
    isStaff: actor.canManage,
    followers: actor.canManage ? await countFollowers(context.db, measure.id) : null,
    cameras: can(staff.role, "cameras.manage") ? await camerasFrom(context.db, "measure", measure.id) : null,
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const id = idParam("measure", params.id);
  // Panelists may post here; the domain checks their organisation against the measure.
  const { staff, form } = await requireStaffForm(request, context);
  const result = await handleMeasureAction(context, request, staff, id, form);
  if (!result.ok && result.notFound) notFound("measure");
  return json(result, { status: measurePageStatus(result) });
}

function Field({
  id,
  name,
  label,
  hint,
  error,
  type,
  required,
}: {
  id: string;
  name: string;
  label: string;
  hint?: string;
  error?: string;
  type: "date" | "textarea";
  required?: boolean;
}) {
  const { t } = useTranslation();
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  const common = { id, name, required, "aria-invalid": error ? true : undefined, "aria-describedby": described } as const;
  return (
    <div className={`field${error ? " field-error" : ""}`}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="error-message">
          {tKey(t, error)}
        </p>
      ) : null}
      {type === "date" ? <input type="date" {...common} /> : <textarea rows={2} {...common} />}
    </div>
  );
}

function ActionForm({ action, errors }: { action: MeasureAction; errors: Record<string, string> }) {
  const { t } = useTranslation();
  return (
    <Form method="post" aria-labelledby={`${action}-heading`} noValidate>
      <CsrfInput />
      <input type="hidden" name="action" value={action} />
      <h3 id={`${action}-heading`}>{t(`measures.action.${action}`)}</h3>
      {action === "plan" ? (
        <Field id="plan-plannedDate" name="plannedDate" type="date" label={t("measures.fields.plannedDate")} error={errors["plan-plannedDate"]} required />
      ) : null}
      {action === "decline" ? (
        <Field
          id="decline-reason"
          name="reason"
          type="textarea"
          label={t("measures.fields.reason")}
          hint={t("measures.fields.reasonHint")}
          error={errors["decline-reason"]}
          required
        />
      ) : action !== "send" ? (
        <Field
          id={`${action}-comment`}
          name="comment"
          type="textarea"
          label={t("measures.fields.comment")}
          hint={t("measures.fields.commentHint")}
          error={errors[`${action}-comment`]}
          required={action === "reopen" || action === "reply"}
        />
      ) : null}
      <button type="submit" className={action === "decline" ? undefined : "primary"}>
        {t(`measures.action.${action}`)}
      </button>
    </Form>
  );
}

export default function StaffMeasure() {
  const { measure: m, actions, isStaff, followers, cameras } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [search] = useSearchParams();
  const { t } = useTranslation();
  const errors = result && !result.ok ? result.errors : {};
  return (
    <>
      <p>
        <Link to={isStaff ? "/personal/atgarder" : "/personal/atgarder/mina"}>← {isStaff ? t("measures.staff.list") : t("measures.staff.workList")}</Link>
      </p>
      <h1>{m.title}</h1>
      {search.get("klart") === "skapad" ? <Notice kind="success">{t("measures.staff.created")}</Notice> : null}
      {result?.ok ? <Notice kind="success">{t(result.message)}</Notice> : null}
      {errors._form ? <ErrorSummary errors={{ _form: tKey(t, errors._form, result && !result.ok ? result.vars : undefined) }} /> : null}
      <p>
        <StatusBadge status={m.status} /> {m.overdue ? <strong className="overdue-label">{t("measures.fields.overdue")}</strong> : null}
      </p>
      <dl className="facts">
        <dt>{t("measures.fields.responsible")}</dt>
        <dd>{m.organisationName}</dd>
        <dt>{t("measures.fields.district")}</dt>
        <dd>{m.districtName}</dd>
        <dt>{t("measures.fields.category")}</dt>
        <dd>{t(`measures.category.${m.category}`)}</dd>
        <dt>{t("measures.fields.priority")}</dt>
        <dd>{t(`measures.priority.${m.priority}`)}</dd>
        {m.address ? (
          <>
            <dt>{t("measures.fields.where")}</dt>
            <dd>{m.address}</dd>
          </>
        ) : null}
        {m.dueDate ? (
          <>
            <dt>{t("measures.fields.dueDate")}</dt>
            <dd>{m.dueDate}</dd>
          </>
        ) : null}
        {m.plannedDate ? (
          <>
            <dt>{t("measures.fields.plannedDate")}</dt>
            <dd>{m.plannedDate}</dd>
          </>
        ) : null}
        {followers !== null ? (
          <>
            <dt>{t("measures.follow.heading")}</dt>
            <dd>{t("measures.staff.followers", { count: followers })}</dd>
          </>
        ) : null}
      </dl>
      <p className="user-text">{m.description}</p>
      <p>
        <Link to={`/atgarder/${m.id}`}>{t("measures.staff.publicPage")}</Link>
      </p>
      {actions.length ? (
        <section aria-labelledby="actions-heading">
          <h2 id="actions-heading">{t("measures.staff.actionsHeading")}</h2>
          {isStaff && actions.some((a) => ["accept", "decline", "plan", "done"].includes(a)) ? <p className="hint">{t("measures.staff.onBehalf")}</p> : null}
          <div className="action-forms">
            {actions.map((a) => (
              <ActionForm key={a} action={a} errors={errors} />
            ))}
          </div>
        </section>
      ) : null}
      {cameras ? (
        <CameraLinks
          cameras={cameras}
          proposeHref={`/personal/kameror/ny?atgard=${m.id}`}
          proposeLabel={t("cameras.links.proposeFromMeasure")}
          headingLevel={2}
        />
      ) : null}
      <section aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">{t("measures.timeline.heading")}</h2>
        <Timeline items={m.timeline} />
      </section>
      <section aria-labelledby="sources-heading">
        <h2 id="sources-heading">{t("measures.sources.heading")}</h2>
        <Sources sources={m.sources} />
        {isStaff ? (
          <Form method="post" className="inline-form">
            <CsrfInput />
            <input type="hidden" name="intent" value="link" />
            <div className="field">
              <label htmlFor="sourceType">{t("measures.staff.sourceType")}</label>
              <select id="sourceType" name="sourceType" defaultValue="question">
                <option value="question">{t("measures.staff.questionId")}</option>
                <option value="observation">{t("measures.staff.observationId")}</option>
              </select>
            </div>
            <TextField name="sourceId" label={t("measures.fields.id")} inputMode="numeric" error={errors.sourceId} />
            <button type="submit">{t("measures.staff.linkSubmit")}</button>
          </Form>
        ) : null}
      </section>
    </>
  );
}
