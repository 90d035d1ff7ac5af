import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { SsoProblem } from "~/components/sso-sign-in";
import { finishSsoSignIn } from "~/http/oidc.server";
import { titleFor } from "~/utils/i18n-helpers";

// Where the identity provider sends the browser back: signed in and redirected, or told why not.
export const meta: MetaFunction = ({ matches }) => titleFor(matches, "sso.failedTitle");

export async function loader({ request, context }: LoaderFunctionArgs) {
  return finishSsoSignIn(request, context);
}

export default function SsoCallback() {
  const data = useLoaderData<typeof loader>();
  return <SsoProblem error={data.error} />;
}
