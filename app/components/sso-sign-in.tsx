import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Notice } from "~/components/forms";
import { tKey } from "~/i18n/keys";

/**
 * "Logga in med kommunens konto" on the sign-in page, shown only when single sign-on is
 * configured. A plain document post (reloadDocument), so the browser itself follows the
 * redirect to the identity provider, with or without JavaScript. `alternative` adds the line that
 * introduces the e-mail and password form below it.
 */
export function SsoSignIn({ label, redirectTo, alternative = true }: { label: string | null; redirectTo: string; alternative?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="sso-sign-in">
      <Form method="post" action="/personal/sso" reloadDocument>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <button type="submit" className="primary">
          {label ?? t("sso.button")}
        </button>
      </Form>
      {alternative ? <p>{t("sso.or")}</p> : null}
    </div>
  );
}

/** The page a refused single sign-on ends on: what went wrong, and the way back to sign-in. */
export function SsoProblem({ error }: { error: string }) {
  const { t } = useTranslation();
  return (
    <div className="narrow">
      <h1>{t("sso.failedTitle")}</h1>
      <Notice kind="warning">
        <p>{tKey(t, error)}</p>
      </Notice>
      <p>
        <Link to="/personal/logga-in">{t("sso.backToSignIn")}</Link>
      </p>
    </div>
  );
}
