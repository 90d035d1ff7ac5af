import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, Notice, TextField } from "~/components/forms";
import { formatDate } from "~/domain/common/format";
import { handleMfaSettings, loadMfaSettings } from "~/http/mfa.server";
import { keepRetryAfter } from "~/http/errors";
import { titleFor } from "~/utils/i18n-helpers";

// Own MFA settings: set up (QR code, key for typing, confirm with a code), then recovery codes
// shown once; status, new recovery codes, turning it off. A session whose role requires MFA
// and has none yet may use this page only (requireStaff sends every other page here).
export const meta: MetaFunction = ({ matches }) => titleFor(matches, "mfa.title");

// A refused attempt keeps its Retry-After on the page it renders.
export const headers: HeadersFunction = (args) => keepRetryAfter(args);

export async function loader({ request, context }: LoaderFunctionArgs) {
  return loadMfaSettings(request, context);
}

export async function action({ request, context }: ActionFunctionArgs) {
  return handleMfaSettings(request, context);
}

const LOW_CODES = 3;

function CodeField({ error, name = "code" }: { error?: string; name?: string }) {
  const { t } = useTranslation();
  return (
    <TextField
      name={name}
      label={t("mfa.code.label")}
      hint={t("mfa.code.hint")}
      error={error}
      autoComplete="one-time-code"
      inputMode="numeric"
      pattern="[0-9 ]*"
      maxLength={9}
      spellCheck={false}
      required
    />
  );
}

/** "Jag har sparat koderna": on to where the sign-in was going (a session set up after the password becomes full here). */
function ContinueForm({ csrf, continueTo }: { csrf: ReactNode; continueTo: string }) {
  const { t } = useTranslation();
  return (
    <Form method="post">
      {csrf}
      <input type="hidden" name="redirectTo" value={continueTo} />
      <button type="submit" name="intent" value="continue" className="primary">
        {t("mfa.codes.saved")}
      </button>
    </Form>
  );
}

export default function MfaSettings() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, i18n } = useTranslation();
  const busy = navigation.state === "submitting";
  const csrf = <input type="hidden" name="_csrf" value={data.csrfToken} />;
  const errorsFor = (intent: string) => (actionData && !actionData.ok && actionData.intent === intent ? actionData.errors : undefined);

  // Just turned on, or new codes: the codes, this once.
  if (actionData?.ok && "recoveryCodes" in actionData) {
    return (
      <div className="narrow">
        <h1>{t("mfa.codes.heading")}</h1>
        <Notice kind="success">{actionData.intent === "confirm" ? t("mfa.codes.enrolled") : t("mfa.codes.regenerated")}</Notice>
        <p>{t("mfa.codes.intro")}</p>
        <p>
          <strong>{t("mfa.codes.warning")}</strong>
        </p>
        <h2 id="recovery-codes-heading">{t("mfa.codes.listLabel")}</h2>
        <ol aria-labelledby="recovery-codes-heading">
          {actionData.recoveryCodes.map((c) => (
            <li key={c}>
              <code>{c}</code>
            </li>
          ))}
        </ol>
        <ContinueForm csrf={csrf} continueTo={actionData.continueTo} />
      </div>
    );
  }

  const setupErrors = errorsFor("confirm");
  const regenerateErrors = errorsFor("regenerate");
  const disableErrors = errorsFor("disable");
  const cancelForm = (
    <Form method="post">
      {csrf}
      <button type="submit" name="intent" value="cancel">
        {t("mfa.setup.cancel")}
      </button>
    </Form>
  );

  if (!data.status.enrolled) {
    return (
      <div className="narrow">
        <h1>{t("mfa.title")}</h1>
        {actionData?.ok && actionData.intent === "disable" ? <Notice kind="success">{t("mfa.status.disabled")}</Notice> : null}
        {data.stage === "enrol" ? <Notice kind="warning">{t("mfa.setup.requiredNotice", { role: t(`roles.${data.role}`) })}</Notice> : null}
        <p>{t("mfa.setup.intro")}</p>
        <ErrorSummary errors={setupErrors} />
        {data.setup ? (
          <>
            <h2>{t("mfa.setup.appHeading")}</h2>
            <p>{t("mfa.setup.app")}</p>
            <h2>{t("mfa.setup.scanHeading")}</h2>
            <p>{t("mfa.setup.scan")}</p>
            <img src={data.setup.qr} alt={t("mfa.setup.qrAlt", { account: data.setup.account })} width={200} height={200} />
            <h3>{t("mfa.setup.manualHeading")}</h3>
            <p>{t("mfa.setup.manual")}</p>
            <dl>
              <dt>{t("mfa.setup.secretLabel")}</dt>
              <dd>
                <code id="mfa-secret">{data.setup.secret}</code>
              </dd>
              <dt>{t("mfa.setup.accountLabel")}</dt>
              <dd>{data.setup.account}</dd>
              <dt>{t("mfa.setup.issuerLabel")}</dt>
              <dd>{data.setup.issuer}</dd>
              <dt>{t("mfa.setup.typeLabel")}</dt>
              <dd>{t("mfa.setup.typeValue", { digits: String(data.setup.digits), period: String(data.setup.period) })}</dd>
            </dl>
            <h2 id="confirm-heading">{t("mfa.setup.confirmHeading")}</h2>
            <p>{t("mfa.setup.confirm")}</p>
            <Form method="post" noValidate aria-labelledby="confirm-heading">
              {csrf}
              <input type="hidden" name="intent" value="confirm" />
              <input type="hidden" name="redirectTo" value={data.redirectTo} />
              {data.stage === "full" ? (
                <>
                  {/* For password managers: which account this password belongs to (not submitted). */}
                  <input type="email" autoComplete="username" value={data.email} readOnly hidden />
                  <TextField
                    name="currentPassword"
                    type="password"
                    autoComplete="current-password"
                    label={t("mfa.status.currentPassword")}
                    hint={t("mfa.setup.currentPasswordHint")}
                    error={setupErrors?.currentPassword}
                    required
                  />
                </>
              ) : null}
              <CodeField error={setupErrors?.code} />
              <button type="submit" className="primary" disabled={busy}>
                {t("mfa.setup.submit")}
              </button>
            </Form>
          </>
        ) : (
          <Notice kind="warning">{t("mfa.setup.unavailable")}</Notice>
        )}
        {data.stage === "enrol" ? cancelForm : null}
      </div>
    );
  }

  return (
    <div className="narrow">
      <h1>{t("mfa.title")}</h1>
      {data.stage === "enrol" ? (
        // Set up after the password, and on here without the codes page's button.
        <>
          <Notice kind="info">{t("mfa.status.continueNotice")}</Notice>
          <ContinueForm csrf={csrf} continueTo={data.redirectTo} />
        </>
      ) : null}
      <h2>{t("mfa.status.heading")}</h2>
      <p>{t("mfa.status.on", { date: data.status.confirmedAt ? formatDate(data.status.confirmedAt, i18n.language) : "" })}</p>
      <p>{t("mfa.status.codesLeft", { left: String(data.status.recoveryCodesLeft), total: "10" })}</p>
      {data.status.recoveryCodesLeft <= LOW_CODES ? <Notice kind="warning">{t("mfa.status.lowCodes")}</Notice> : null}

      <h2 id="regenerate-heading">{t("mfa.status.regenerateHeading")}</h2>
      <p>{t("mfa.status.regenerateIntro")}</p>
      <ErrorSummary errors={regenerateErrors} />
      <Form method="post" noValidate aria-labelledby="regenerate-heading">
        {csrf}
        <input type="hidden" name="intent" value="regenerate" />
        <CodeField error={regenerateErrors?.code} />
        <button type="submit" disabled={busy}>
          {t("mfa.status.regenerateSubmit")}
        </button>
      </Form>

      <h2 id="disable-heading">{t("mfa.status.disableHeading")}</h2>
      {data.required ? (
        <p>{t("mfa.status.requiredCannotDisable")}</p>
      ) : (
        <>
          <p>{t("mfa.status.disableIntro")}</p>
          <ErrorSummary errors={disableErrors} />
          <Form method="post" noValidate aria-labelledby="disable-heading">
            {csrf}
            <input type="hidden" name="intent" value="disable" />
            {/* For password managers: which account this password belongs to (not submitted). */}
            <input type="email" autoComplete="username" value={data.email} readOnly hidden />
            <TextField
              name="currentPassword"
              type="password"
              autoComplete="current-password"
              label={t("mfa.status.currentPassword")}
              error={disableErrors?.currentPassword}
              required
            />
            <CodeField name="disableCode" error={disableErrors?.disableCode} />
            <button type="submit" disabled={busy}>
              {t("mfa.status.disableSubmit")}
            </button>
          </Form>
        </>
      )}
    </div>
  );
}
