import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput, ErrorSummary, Notice, SelectField, TextAreaField, TextField } from "~/components/forms";
import { measureLinks } from "~/components/measures/styles";
import { calendarDate } from "~/domain/common/time";
import { parseId } from "~/domain/common/ids";
import { FOOTAGE_DECISIONS, FOOTAGE_KINDS } from "~/domain/cameras/cameras.schema";
import { getCamera } from "~/domain/cameras/cameras.server";
import { viewFootageLog } from "~/domain/cameras/footage.server";
import { requireStaff, requireStaffForm } from "~/http/auth.server";
import { footageFromForm } from "~/http/cameras.server";
import { idParam, notFound } from "~/http/not-found.server";
import { titleFor } from "~/utils/i18n-helpers";

export const links: LinksFunction = measureLinks;
export const meta: MetaFunction<typeof loader> = ({ matches, data }) => titleFor(matches, "cameras.footage.title", { name: data?.camera.name ?? "" });

/** Only roles with cameras.footage reach this page; every reading of the log is audited by the domain. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, context, "cameras.footage");
  const id = idParam("camera", params.id);
  const camera = await getCamera(context.db, id, context.clock.now());
  if (!camera) notFound("camera");
  const log = await viewFootageLog(context.db, staff, id, { ip: context.clientIp, now: context.clock.now() });
  if (!log.ok) throw json({ error: "cameras.errors.forbidden" }, { status: log.error === "forbidden" ? 403 : 404 });
  const editId = parseId(new URL(request.url).searchParams.get("andra"));
  const editing = editId ? (log.value.find((r) => r.id === editId) ?? null) : null;
  return json({ camera: { id: camera.id, name: camera.name }, requests: log.value, editing, today: calendarDate(context.clock.now()) });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const id = idParam("camera", params.id);
  const { staff, form } = await requireStaffForm(request, context, "cameras.footage");
  const r = await footageFromForm(context, staff, id, form);
  if (!r.ok && r.notFound) notFound("camera");
  if (!r.ok) return json({ ok: false as const, errors: r.errors, values: r.values ?? {} }, { status: r.status });
  return json({ ok: true as const, message: r.message });
}

export default function FootageLog() {
  const { camera, requests, editing, today } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  const errors = data && !data.ok ? data.errors : {};
  const fromEditing: Record<string, string> | null = editing
    ? {
        requestId: String(editing.id),
        requestedOn: editing.requestedOn,
        kind: editing.kind,
        requester: editing.requester,
        legalBasis: editing.legalBasis,
        decision: editing.decision,
        viewedBy: editing.viewedBy ?? "",
        viewedOn: editing.viewedOn ?? "",
        footageDeletedOn: editing.footageDeletedOn ?? "",
        secrecyNote: editing.secrecyNote ?? "",
      }
    : null;
  const values: Record<string, string> = (data && !data.ok ? data.values : null) ?? fromEditing ?? { requestedOn: today, kind: "view", decision: "pending" };
  const formKey = data?.ok ? `saved-${requests.length}` : (values.requestId ?? "new");
  return (
    <>
      <p>
        <Link to={`/personal/kameror/${camera.id}`}>← {camera.name}</Link>
      </p>
      <h1>{t("cameras.footage.title", { name: camera.name })}</h1>
      <p>{t("cameras.footage.intro")}</p>
      {data?.ok ? <Notice kind="success">{t("cameras.footage.saved")}</Notice> : null}
      {requests.length === 0 ? (
        <p>{t("cameras.footage.none")}</p>
      ) : (
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t("cameras.footage.caption", { count: requests.length })}>
          <table>
            <caption>{t("cameras.footage.caption", { count: requests.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("cameras.footage.requestedOn")}</th>
                <th scope="col">{t("cameras.footage.kind")}</th>
                <th scope="col">{t("cameras.footage.requester")}</th>
                <th scope="col">{t("cameras.footage.legalBasis")}</th>
                <th scope="col">{t("cameras.footage.decision")}</th>
                <th scope="col">{t("cameras.footage.viewedBy")}</th>
                <th scope="col">{t("cameras.footage.footageDeletedOn")}</th>
                <th scope="col">{t("cameras.footage.secrecyNote")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("cameras.footage.edit")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {requests.map((r) => (
                <tr key={r.id}>
                  <th scope="row">{r.requestedOn}</th>
                  <td>{t(`cameras.footageKind.${r.kind}`)}</td>
                  <td className="user-text">{r.requester}</td>
                  <td className="user-text">{r.legalBasis}</td>
                  <td>{t(`cameras.footageDecision.${r.decision}`)}</td>
                  <td className="user-text">
                    {r.viewedBy ?? "–"}
                    {r.viewedOn ? ` (${r.viewedOn})` : ""}
                  </td>
                  <td>{r.footageDeletedOn ?? "–"}</td>
                  <td className="user-text">{r.secrecyNote ?? "–"}</td>
                  <td>
                    <Link to={`?andra=${r.id}#footage-form`} aria-label={`${t("cameras.footage.edit")}: ${r.requestedOn} ${r.requester}`}>
                      {t("cameras.footage.edit")}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <section aria-labelledby="footage-form">
        <h2 id="footage-form" tabIndex={-1}>
          {values.requestId ? t("cameras.footage.update") : t("cameras.footage.add")}
        </h2>
        <Form method="post" noValidate key={formKey}>
          <CsrfInput />
          <ErrorSummary errors={errors} />
          <input type="hidden" name="requestId" value={values.requestId ?? ""} />
          <TextField
            name="requestedOn"
            type="date"
            label={t("cameras.footage.requestedOn")}
            hint={t("cameras.form.dateHint")}
            defaultValue={values.requestedOn}
            error={errors.requestedOn}
          />
          <SelectField name="kind" label={t("cameras.footage.kind")} value={values.kind} error={errors.kind}>
            {FOOTAGE_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`cameras.footageKind.${k}`)}
              </option>
            ))}
          </SelectField>
          <TextField name="requester" label={t("cameras.footage.requester")} defaultValue={values.requester} error={errors.requester} />
          <TextAreaField name="legalBasis" label={t("cameras.footage.legalBasis")} defaultValue={values.legalBasis} error={errors.legalBasis} rows={2} />
          <SelectField name="decision" label={t("cameras.footage.decision")} value={values.decision} error={errors.decision}>
            {FOOTAGE_DECISIONS.map((d) => (
              <option key={d} value={d}>
                {t(`cameras.footageDecision.${d}`)}
              </option>
            ))}
          </SelectField>
          <TextField name="viewedBy" label={t("cameras.footage.viewedBy")} defaultValue={values.viewedBy} error={errors.viewedBy} />
          <TextField
            name="viewedOn"
            type="date"
            label={t("cameras.footage.viewedOn")}
            hint={t("cameras.form.dateHint")}
            defaultValue={values.viewedOn}
            error={errors.viewedOn}
          />
          <TextField
            name="footageDeletedOn"
            type="date"
            label={t("cameras.footage.footageDeletedOn")}
            hint={t("cameras.form.dateHint")}
            defaultValue={values.footageDeletedOn}
            error={errors.footageDeletedOn}
          />
          <TextAreaField
            name="secrecyNote"
            label={t("cameras.footage.secrecyNote")}
            hint={t("cameras.footage.secrecyHint")}
            defaultValue={values.secrecyNote}
            error={errors.secrecyNote}
            rows={2}
          />
          <button type="submit" className="primary">
            {t("cameras.footage.save")}
          </button>
        </Form>
      </section>
    </>
  );
}
