import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/forms";
import { countActiveSessions } from "~/domain/staff/sign-out-everywhere.server";
import { requireStaff } from "~/http/auth.server";
import { can } from "~/domain/staff/roles";
import { titleFor } from "~/utils/i18n-helpers";

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "staffHome.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, context);
  return json({
    name: staff.name,
    role: staff.role,
    // Sessions run on real time (app/clock.ts), like their expiry.
    sessions: await countActiveSessions(context.db, staff.id, context.config.SESSION_IDLE_MINUTES),
    tools: {
      staff: can(staff.role, "staff.manage"),
      audit: can(staff.role, "audit.read"),
      a11y: can(staff.role, "a11y_reports.manage"),
      dialogues: can(staff.role, "dialogues.manage"),
      qa: can(staff.role, "qa.moderate"),
      qaRules: can(staff.role, "qa.rules.manage"),
      qaAnswer: staff.role === "panelist",
      measures: can(staff.role, "measures.manage"),
      cameras: can(staff.role, "cameras.manage"),
      walks: can(staff.role, "walks.manage"),
      workList: can(staff.role, "measures.respond") && staff.organisationId !== null,
    },
  });
}

export default function StaffHome() {
  const { name, role, tools, sessions } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <h1>{t("staffHome.title")}</h1>
      <p>{t("staffHome.welcome", { name })}</p>
      <p>{t("staffHome.yourRole", { role: t(`roles.${role}`) })}</p>
      <h2>{t("staffHome.tools")}</h2>
      <ul className="card-list">
        {tools.dialogues ? (
          <li className="card">
            <Link to="/personal/dialoger">{t("dialogues.staffTitle")}</Link>
          </li>
        ) : null}
        {tools.qa ? (
          <li className="card">
            <Link to="/personal/fragor/skriftliga">{t("qa.mod.writtenTitle")}</Link>
          </li>
        ) : null}
        {tools.qaAnswer ? (
          <li className="card">
            <Link to="/personal/fragor/mina">{t("qa.panelist.title")}</Link>
          </li>
        ) : null}
        {tools.walks ? (
          <li className="card">
            <Link to="/personal/vandringar">{t("walks.staffTitle")}</Link>
          </li>
        ) : null}
        {tools.measures ? (
          <li className="card">
            <Link to="/personal/atgarder">{t("measures.staffTitle")}</Link>
          </li>
        ) : null}
        {tools.cameras ? (
          <li className="card">
            <Link to="/personal/kameror">{t("cameras.staffTitle")}</Link>
          </li>
        ) : null}
        {tools.workList ? (
          <li className="card">
            <Link to="/personal/atgarder/mina">{t("measures.staff.workList")}</Link>
          </li>
        ) : null}
        {tools.qaRules ? (
          <li className="card">
            <Link to="/personal/fragor/regler">{t("qa.rulesAdmin.title")}</Link>
          </li>
        ) : null}
        {tools.dialogues ? (
          <li className="card">
            <Link to="/personal/utkorg">{t("dialogues.outbox.title")}</Link>
          </li>
        ) : null}
        {tools.staff ? (
          <li className="card">
            <Link to="/personal/konton">{t("staffHome.staffAccounts")}</Link>
          </li>
        ) : null}
        {tools.audit ? (
          <li className="card">
            <Link to="/personal/granskningslogg">{t("staffHome.auditLog")}</Link>
          </li>
        ) : null}
        {tools.a11y ? (
          <li className="card">
            <Link to="/personal/tillganglighetsrapporter">{t("staffHome.a11yReports")}</Link>
          </li>
        ) : null}
        <li className="card">
          <Link to="/personal/losenord">{t("staffHome.ownPassword")}</Link>
        </li>
        <li className="card">
          <Link to="/personal/tvastegsverifiering">{t("mfa.homeLink")}</Link>
        </li>
      </ul>
      <section aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">{t("staff.sessions.heading")}</h2>
        <p>{t("staff.sessions.count", { count: sessions })}</p>
        <p>{t("staff.sessions.intro")}</p>
        <Form method="post" action="/personal/logga-ut">
          <CsrfInput />
          <input type="hidden" name="intent" value="everywhere" />
          <button type="submit">{t("staff.sessions.signOutEverywhere")}</button>
        </Form>
      </section>
    </>
  );
}
