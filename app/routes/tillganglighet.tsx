import type { HeadersFunction } from "@remix-run/node";
import { keepRetryAfter } from "~/http/errors";
import { json, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, Notice, TextAreaField, TextField } from "~/components/forms";
import { AccessibilityStatement } from "~/content/accessibility-statement";
import { AccessibilityReportSchema } from "~/domain/accessibility/reports.schema";
import { createAccessibilityReport } from "~/domain/accessibility/reports.server";
import { parseForm } from "~/http/forms";
import { titleFor } from "~/utils/i18n-helpers";
import { readFormData } from "~/http/request.server";
import { budgetFormErrors, checkBudget, tooManyRequests } from "~/http/limits.server";
import { useRootData } from "~/utils/root-data";

/** A refused post (429) keeps its Retry-After without JavaScript too. */
export const headers: HeadersFunction = (args) => keepRetryAfter(args);

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "a11y.title");

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readFormData(request);
  const parsed = parseForm(AccessibilityReportSchema, form);
  if (!parsed.ok) return json({ ok: false as const, errors: parsed.errors, values: parsed.values }, { status: 400 });
  const refused = await checkBudget(context, "a11y.report");
  if (refused) {
    const values = {
      pageUrl: String(form.get("pageUrl") ?? ""),
      description: String(form.get("description") ?? ""),
      contact: String(form.get("contact") ?? ""),
    };
    return tooManyRequests({ ok: false as const, errors: budgetFormErrors(), values }, refused);
  }
  await createAccessibilityReport(context.db, parsed.data, context.clock.now());
  return json({ ok: true as const, errors: null, values: null });
}

export default function AccessibilityPage() {
  const { t } = useTranslation();
  const data = useRootData();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.ok === false ? actionData.errors : undefined;
  const values = actionData?.ok === false ? actionData.values : {};
  return (
    <>
      <h1>{t("a11y.title")}</h1>
      <AccessibilityStatement locale={data?.locale ?? "sv"} operator={data?.operator ?? ""} contactEmail={data?.contactEmail ?? ""} />
      <section aria-labelledby="report-heading" className="narrow">
        <h2 id="report-heading">{t("a11y.reportHeading")}</h2>
        <p>{t("a11y.reportIntro")}</p>
        {actionData?.ok ? <Notice kind="success">{t("a11y.thanks")}</Notice> : null}
        <ErrorSummary errors={errors} />
        <Form method="post" noValidate key={actionData?.ok ? "sent" : "form"}>
          <TextField name="pageUrl" label={t("a11y.page")} defaultValue={values?.pageUrl} error={errors?.pageUrl} maxLength={500} />
          <TextAreaField
            name="description"
            label={t("a11y.description")}
            defaultValue={values?.description}
            error={errors?.description}
            rows={5}
            maxLength={4000}
            required
          />
          <TextField name="contact" label={t("a11y.contact")} hint={t("a11y.contactHint")} defaultValue={values?.contact} error={errors?.contact} />
          <button type="submit" className="primary">
            {t("a11y.submit")}
          </button>
        </Form>
      </section>
    </>
  );
}
