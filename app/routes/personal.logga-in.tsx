import { json, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, Notice, TextField } from "~/components/forms";
import { afterPasswordPath, getStaffUser, signIn } from "~/http/auth.server";
import { keepRetryAfter } from "~/http/errors";
import { lookupStaffSession } from "~/http/session.server";
import { SignInSchema } from "~/domain/staff/staff.schema";
import { parseForm } from "~/http/forms";
import { titleFor } from "~/utils/i18n-helpers";
import { readFormData, safeRedirectPath } from "~/http/request.server";
import { ssoSignInOption } from "~/http/oidc.server";
import { SsoSignIn } from "~/components/sso-sign-in";

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "signIn.title");

const REASONS = ["required", "expired", "signedOut"] as const;
const isReason = (v: string | null): v is (typeof REASONS)[number] => REASONS.some((r) => r === v);

// A refused attempt keeps its Retry-After on the page it renders.
export const headers: HeadersFunction = (args) => keepRetryAfter(args);

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (await getStaffUser(request, context)) return redirect("/personal");
  const url = new URL(request.url);
  const reason = url.searchParams.get("reason");
  return json({
    reason: isReason(reason) ? reason : null,
    redirectTo: safeRedirectPath(url.searchParams.get("redirectTo"), "/personal"),
    sso: ssoSignInOption(context.config),
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readFormData(request);
  const parsed = parseForm(SignInSchema, form);
  if (!parsed.ok) return json({ errors: parsed.errors, email: parsed.values.email ?? "" }, { status: 400 });
  const previous = await lookupStaffSession(context.db, context.config, request.headers.get("Cookie"));
  const result = await signIn(context, {
    email: parsed.data.email,
    password: parsed.data.password,
    requestUrl: request.url,
    previousSessionHash: previous.status === "ok" || previous.status === "pending" ? previous.staff.sessionHash : undefined,
  });
  if (!result.ok) {
    if (result.error === "throttled") {
      const headers = { "Retry-After": String(result.retryAfterSeconds) };
      return json({ errors: { _form: "signIn.throttled" }, email: parsed.data.email }, { status: 429, headers });
    }
    return json({ errors: { _form: "signIn.invalid" }, email: parsed.data.email }, { status: 401 });
  }
  // With MFA the password leads to the code step (or to setting MFA up), carrying redirectTo.
  return redirect(afterPasswordPath(result.next, safeRedirectPath(parsed.data.redirectTo, "/personal")), {
    headers: { "Set-Cookie": result.setCookie },
  });
}

export default function SignIn() {
  const { reason, redirectTo, sso } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const errors = actionData?.errors as Record<string, string> | undefined;
  return (
    <div className="narrow">
      <h1>{t("signIn.title")}</h1>
      <p>{t("signIn.intro")}</p>
      {reason ? <Notice kind="warning">{t(`signIn.${reason}`)}</Notice> : null}
      <ErrorSummary errors={errors} />
      {sso ? <SsoSignIn label={sso.label} redirectTo={redirectTo} /> : null}
      <Form method="post" noValidate>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TextField
          name="email"
          type="email"
          autoComplete="username"
          label={t("signIn.email")}
          defaultValue={actionData?.email ?? ""}
          error={errors?.email}
          required
        />
        <TextField name="password" type="password" autoComplete="current-password" label={t("signIn.password")} error={errors?.password} required />
        <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
          {t("signIn.submit")}
        </button>
      </Form>
    </div>
  );
}
