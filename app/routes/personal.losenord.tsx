import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { CsrfInput, ErrorSummary, Notice, TextField } from "~/components/forms";
import { ChangePasswordSchema } from "~/domain/staff/staff.schema";
import { changeOwnPassword } from "~/domain/staff/own-password.server";
import { requireStaff, requireStaffForm } from "~/http/auth.server";
import { parseForm } from "~/http/forms";
import { titleFor } from "~/utils/i18n-helpers";

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "ownPassword.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, context);
  return json({ email: staff.email });
}

// Passwords are never sent back: a refused form comes back empty, with its errors.
type ActionData = { ok: true } | { ok: false; errors: Record<string, string> };

export async function action({ request, context }: ActionFunctionArgs) {
  const { staff, form } = await requireStaffForm(request, context);
  const parsed = parseForm(ChangePasswordSchema, form);
  if (!parsed.ok) return json<ActionData>({ ok: false, errors: parsed.errors }, { status: 400 });
  const result = await changeOwnPassword(context.db, staff, parsed.data, context.clientIp);
  if (!result.ok) {
    const headers: Record<string, string> = result.retryAfterSeconds ? { "Retry-After": String(result.retryAfterSeconds) } : {};
    return json<ActionData>({ ok: false, errors: { [result.field]: result.error } }, { status: result.retryAfterSeconds ? 429 : 400, headers });
  }
  // The other sessions are gone: so are their open sockets (this tab's stay).
  await context.publisher.disconnectStaff({ staffId: staff.id, exceptSessionHash: staff.sessionHash });
  return json<ActionData>({ ok: true });
}

export default function ChangeOwnPassword() {
  const { email } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const errors = actionData && !actionData.ok ? actionData.errors : undefined;
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (actionData?.ok) formRef.current?.reset();
  }, [actionData]);
  return (
    <div className="narrow">
      <h1>{t("ownPassword.title")}</h1>
      <p>{t("ownPassword.intro")}</p>
      {actionData?.ok ? <Notice kind="success">{t("ownPassword.changed")}</Notice> : null}
      <ErrorSummary errors={errors} />
      <Form method="post" noValidate ref={formRef}>
        <CsrfInput />
        {/* For password managers: which account this password belongs to (not submitted). */}
        <input type="email" autoComplete="username" value={email} readOnly hidden />
        <TextField
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          label={t("ownPassword.current")}
          error={errors?.currentPassword}
          required
        />
        <TextField
          name="newPassword"
          type="password"
          autoComplete="new-password"
          label={t("ownPassword.new")}
          hint={t("ownPassword.newHint")}
          error={errors?.newPassword}
          required
          minLength={12}
          maxLength={1024}
        />
        <TextField
          name="confirmPassword"
          type="password"
          autoComplete="new-password"
          label={t("ownPassword.confirm")}
          error={errors?.confirmPassword}
          required
        />
        <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
          {t("ownPassword.submit")}
        </button>
      </Form>
      <p>
        <Link to="/personal/tvastegsverifiering">{t("mfa.passwordPageLink")}</Link>
      </p>
    </div>
  );
}
