import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, TextField } from "~/components/forms";
import { RECOVERY_METHOD_PARAM } from "~/domain/staff/mfa.schema";
import { handleCodeStep, loadCodeStep } from "~/http/mfa.server";
import { keepRetryAfter } from "~/http/errors";
import { titleFor } from "~/utils/i18n-helpers";

// The second step of a sign-in with MFA: the password was right, the session waits for a code.
export const meta: MetaFunction = ({ matches }) => titleFor(matches, "mfa.code.title");

// A refused attempt keeps its Retry-After on the page it renders.
export const headers: HeadersFunction = (args) => keepRetryAfter(args);

export async function loader({ request, context }: LoaderFunctionArgs) {
  return loadCodeStep(request, context);
}

export async function action({ request, context }: ActionFunctionArgs) {
  return handleCodeStep(request, context);
}

export default function SignInCode() {
  const { csrfToken, method: linkMethod, redirectTo } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const method = actionData?.method ?? linkMethod;
  const errors = actionData?.errors;
  const switchTo = new URLSearchParams({ redirectTo });
  if (method === "totp") switchTo.set("metod", RECOVERY_METHOD_PARAM);
  return (
    <div className="narrow">
      <h1>{method === "totp" ? t("mfa.code.title") : t("mfa.code.recoveryTitle")}</h1>
      <p>{method === "totp" ? t("mfa.code.intro") : t("mfa.code.recoveryIntro")}</p>
      <ErrorSummary errors={errors} />
      {/* key: the field is a new one when the method changes, not the other with its value. */}
      <Form method="post" noValidate key={method}>
        <input type="hidden" name="_csrf" value={csrfToken} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <input type="hidden" name="method" value={method} />
        {method === "totp" ? (
          <TextField
            name="code"
            label={t("mfa.code.label")}
            hint={t("mfa.code.hint")}
            error={errors?.code}
            autoComplete="one-time-code"
            inputMode="numeric"
            pattern="[0-9 ]*"
            maxLength={9}
            spellCheck={false}
            required
          />
        ) : (
          <TextField
            name="recoveryCode"
            label={t("mfa.code.recoveryLabel")}
            hint={t("mfa.code.recoveryHint")}
            error={errors?.recoveryCode}
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            maxLength={64}
            required
          />
        )}
        <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
          {t("mfa.code.submit")}
        </button>
      </Form>
      <p>
        <Link to={`?${switchTo.toString()}`}>{method === "totp" ? t("mfa.code.useRecovery") : t("mfa.code.useApp")}</Link>
      </p>
      <Form method="post">
        <input type="hidden" name="_csrf" value={csrfToken} />
        <button type="submit" name="intent" value="cancel">
          {t("mfa.code.cancel")}
        </button>
      </Form>
    </div>
  );
}
