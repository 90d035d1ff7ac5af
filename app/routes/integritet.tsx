import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PrivacyText, type PrivacyFacts } from "~/content/privacy";
import { REPORT_CONTACT_RETENTION_DAYS } from "~/domain/accessibility/reports.server";
import { RETENTION } from "~/domain/audit/retention.server";
import { OUTBOX_RETENTION_DAYS, UNCONFIRMED_TTL_DAYS } from "~/domain/measures/followers.server";
import { useRootData } from "~/utils/root-data";
import { titleFor } from "~/utils/i18n-helpers";

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "privacy.title");

/** The periods the page states, from the settings and constants that enforce them. */
export async function loader({ context }: LoaderFunctionArgs) {
  const facts: PrivacyFacts = {
    sessionIdleMinutes: context.config.SESSION_IDLE_MINUTES,
    sessionAbsoluteHours: context.config.SESSION_ABSOLUTE_HOURS,
    registrationRetentionDays: context.config.REGISTRATION_RETENTION_DAYS,
    auditYears: RETENTION.auditYears,
    anonymousAuditHours: RETENTION.anonymousAuditHours,
    reportContactDays: REPORT_CONTACT_RETENTION_DAYS,
    unconfirmedFollowerDays: UNCONFIRMED_TTL_DAYS,
    followerEmailDays: OUTBOX_RETENTION_DAYS,
    // The pending single sign-on request's cookie (app/http/oidc.server.ts): ten minutes.
    ssoCookieMinutes: 10,
  };
  return json({ facts });
}

export default function Privacy() {
  const { facts } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const data = useRootData();
  return (
    <>
      <h1>{t("privacy.title")}</h1>
      <PrivacyText locale={data?.locale ?? "sv"} operator={data?.operator ?? ""} contactEmail={data?.contactEmail ?? ""} facts={facts} />
    </>
  );
}
