import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput, ErrorSummary, Notice, TextField } from "~/components/forms";
import { STAFF_ROLES } from "~/domain/staff/roles";
import { handleStaffAccountAction, loadStaffAccounts } from "~/http/staff-accounts.server";
import { titleFor } from "~/utils/i18n-helpers";
import { tKey } from "~/i18n/keys";

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "staffAdmin.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  return loadStaffAccounts(request, context);
}

export async function action({ request, context }: ActionFunctionArgs) {
  return handleStaffAccountAction(request, context);
}

export default function StaffAccounts() {
  const { staff, organisations } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const createErrors = actionData?.intent === "create" ? actionData.errors : undefined;
  const rowErrors = actionData && actionData.intent !== "create" ? actionData.errors : undefined;
  const values = actionData?.intent === "create" && !actionData.ok ? (actionData.values ?? {}) : {};
  return (
    <>
      <h1>{t("staffAdmin.title")}</h1>
      {actionData?.ok && !actionData.ended ? (
        <Notice kind="success">
          {t(actionData.intent === "create" ? "staffAdmin.created" : actionData.intent === "resetMfa" ? "mfa.admin.resetDone" : "staffAdmin.updated")}
        </Notice>
      ) : null}
      {actionData?.ok && actionData.ended ? (
        <Notice kind="success">{t("staff.sessions.endedFor", { name: actionData.ended.name, count: actionData.ended.count })}</Notice>
      ) : null}
      <ErrorSummary errors={rowErrors} />
      <h2>{t("staffAdmin.listHeading")}</h2>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("staffAdmin.name")}</th>
              <th scope="col">{t("staffAdmin.email")}</th>
              <th scope="col">{t("staffAdmin.role")}</th>
              <th scope="col">{t("staffAdmin.status")}</th>
              <th scope="col">{t("mfa.admin.column")}</th>
              <th scope="col">{t("staffAdmin.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {staff.map((s) => (
              <tr key={s.id}>
                <th scope="row">{s.name}</th>
                <td>{s.email}</td>
                <td>
                  <Form method="post" className="inline-form">
                    <CsrfInput />
                    <input type="hidden" name="intent" value="update" />
                    <input type="hidden" name="staffId" value={s.id} />
                    <label className="visually-hidden" htmlFor={`role-${s.id}`}>
                      {t("staffAdmin.roleFor", { name: s.name })}
                    </label>
                    <select id={`role-${s.id}`} name="role" defaultValue={s.role}>
                      {STAFF_ROLES.map((r) => (
                        <option key={r} value={r}>
                          {t(`roles.${r}`)}
                        </option>
                      ))}
                    </select>
                    <label className="visually-hidden" htmlFor={`org-${s.id}`}>
                      {t("staffAdmin.organisationFor", { name: s.name })}
                    </label>
                    <select id={`org-${s.id}`} name="organisationId" defaultValue={s.organisationId ?? ""}>
                      <option value="">{t("staffAdmin.noOrganisation")}</option>
                      {organisations.map((o) => (
                        <option key={o.id} value={o.id}>
                          {o.name}
                        </option>
                      ))}
                    </select>
                    <button type="submit">{t("staffAdmin.changeRole")}</button>
                  </Form>
                </td>
                <td>{s.disabled ? t("staffAdmin.disabled") : t("staffAdmin.active")}</td>
                <td>
                  {s.mfa ? t("mfa.admin.on") : t("mfa.admin.off")}
                  {s.mfa ? (
                    <Form method="post">
                      <CsrfInput />
                      <input type="hidden" name="staffId" value={s.id} />
                      <button type="submit" name="intent" value="resetMfa">
                        {t("mfa.admin.reset")}
                        <span className="visually-hidden">: {s.name}</span>
                      </button>
                    </Form>
                  ) : null}
                </td>
                <td>
                  <Form method="post">
                    <CsrfInput />
                    <input type="hidden" name="staffId" value={s.id} />
                    <button type="submit" name="intent" value={s.disabled ? "enable" : "disable"}>
                      {s.disabled ? t("staffAdmin.enable") : t("staffAdmin.disable")}
                      <span className="visually-hidden">: {s.name}</span>
                    </button>
                  </Form>
                  <Form method="post">
                    <CsrfInput />
                    <input type="hidden" name="staffId" value={s.id} />
                    <button type="submit" name="intent" value="endSessions">
                      {t("staff.sessions.endFor")}
                      <span className="visually-hidden">: {s.name}</span>
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2 id="add-heading">{t("staffAdmin.addHeading")}</h2>
      <ErrorSummary errors={createErrors} />
      <Form method="post" aria-labelledby="add-heading" noValidate className="narrow">
        <CsrfInput />
        <input type="hidden" name="intent" value="create" />
        <TextField name="name" label={t("staffAdmin.name")} defaultValue={values.name} error={createErrors?.name} required maxLength={120} />
        <TextField name="email" type="email" label={t("staffAdmin.email")} defaultValue={values.email} error={createErrors?.email} required />
        <div className={`field${createErrors?.role ? " field-error" : ""}`}>
          <label htmlFor="role">{t("staffAdmin.role")}</label>
          <select id="role" name="role" defaultValue={values.role ?? "moderator"}>
            {STAFF_ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <div className={`field${createErrors?.organisationId ? " field-error" : ""}`}>
          <label htmlFor="organisationId">{t("staffAdmin.organisation")}</label>
          {createErrors?.organisationId ? (
            <p id="organisationId-error" className="error-message">
              {tKey(t, createErrors.organisationId)}
            </p>
          ) : null}
          <select
            id="organisationId"
            name="organisationId"
            defaultValue={values.organisationId ?? ""}
            aria-invalid={createErrors?.organisationId ? true : undefined}
            aria-describedby={createErrors?.organisationId ? "organisationId-error" : undefined}
          >
            <option value="">{t("staffAdmin.noOrganisation")}</option>
            {organisations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </div>
        <TextField
          name="password"
          type="password"
          autoComplete="new-password"
          label={t("staffAdmin.password")}
          hint={t("staffAdmin.passwordHint")}
          error={createErrors?.password}
          required
        />
        <button type="submit" className="primary">
          {t("staffAdmin.add")}
        </button>
      </Form>
    </>
  );
}
