import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/forms";
import { formatStamp } from "~/domain/common/format";
import { parseId } from "~/domain/common/ids";
import { listAccessibilityReports, markReportHandled } from "~/domain/accessibility/reports.server";
import { requireStaff, requireStaffForm } from "~/http/auth.server";
import { notFound } from "~/http/not-found.server";
import { titleFor } from "~/utils/i18n-helpers";

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "a11y.adminTitle");

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireStaff(request, context, "a11y_reports.manage");
  return json({ reports: await listAccessibilityReports(context.db) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { staff, form } = await requireStaffForm(request, context, "a11y_reports.manage");
  const reportId = parseId(form.get("reportId"));
  if (reportId === null || !(await markReportHandled(context.db, staff, reportId, context.clientIp))) {
    notFound("report");
  }
  return json({ ok: true });
}

export default function AccessibilityReports() {
  const { reports } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  return (
    <>
      <h1>{t("a11y.adminTitle")}</h1>
      {reports.length === 0 ? <p>{t("a11y.none")}</p> : null}
      <ul className="report-list">
        {reports.map((r) => (
          <li key={r.id} className="card">
            <p>
              <strong>{r.status === "new" ? t("a11y.new") : t("a11y.handled")}</strong> · {t("a11y.received")}{" "}
              <time dateTime={r.createdAt}>{formatStamp(r.createdAt, i18n.language)}</time>
            </p>
            {r.pageUrl ? <p>{r.pageUrl}</p> : null}
            <p className="user-text">{r.description}</p>
            {r.contact ? <p>{r.contact}</p> : null}
            {r.status === "new" ? (
              <Form method="post">
                <CsrfInput />
                <input type="hidden" name="reportId" value={r.id} />
                <button type="submit">{t("a11y.markHandled")}</button>
              </Form>
            ) : null}
          </li>
        ))}
      </ul>
    </>
  );
}
