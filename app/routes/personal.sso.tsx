import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SsoProblem, SsoSignIn } from "~/components/sso-sign-in";
import { getStaffUser } from "~/http/auth.server";
import { ssoSignInOption, startSsoSignIn } from "~/http/oidc.server";
import { safeRedirectPath } from "~/http/request.server";
import { titleFor } from "~/utils/i18n-helpers";

// Single sign-on with the municipality's identity provider: the POST starts it (the sign-in
// page's button); GET shows the same button on its own, or that single sign-on is off.
export const meta: MetaFunction = ({ matches }) => titleFor(matches, "sso.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const sso = ssoSignInOption(context.config);
  if (sso && (await getStaffUser(request, context))) return redirect("/personal");
  const redirectTo = safeRedirectPath(new URL(request.url).searchParams.get("redirectTo"), "/personal");
  return json({ sso, redirectTo });
}

export async function action({ request, context }: ActionFunctionArgs) {
  return startSsoSignIn(request, context);
}

export default function SsoStart() {
  const { sso, redirectTo } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const { t } = useTranslation();
  if (refused) return <SsoProblem error={refused.error} />;
  if (!sso) return <SsoProblem error="sso.errors.notConfigured" />;
  return (
    <div className="narrow">
      <h1>{t("sso.title")}</h1>
      <SsoSignIn label={sso.label} redirectTo={redirectTo} alternative={false} />
      <p>
        <Link to="/personal/logga-in">{t("sso.backToSignIn")}</Link>
      </p>
    </div>
  );
}
