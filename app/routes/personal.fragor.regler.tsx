import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CsrfInput, ErrorSummary, Notice } from "~/components/forms";
import { listRejectionRules, updateRejectionRule } from "~/domain/questions/qa.server";
import { requireStaff, requireStaffForm } from "~/http/auth.server";
import { parseForm } from "~/http/forms";
import { titleFor } from "~/utils/i18n-helpers";

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "qa.rulesAdmin.title");

const RuleSchema = z.object({
  code: z.string().min(1).max(64),
  labelSv: z.string().trim().min(1, "errors.required").max(200, "errors.tooLong"),
  labelEn: z.string().trim().min(1, "errors.required").max(200, "errors.tooLong"),
  active: z
    .enum(["on"])
    .optional()
    .transform((v) => v === "on"),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireStaff(request, context, "qa.rules.manage");
  const rules = await listRejectionRules(context.db, { includeInactive: true });
  return json({ rules: rules.map((r) => ({ code: r.code, sv: r.label_sv, en: r.label_en, active: r.active === 1 })) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { staff, form } = await requireStaffForm(request, context, "qa.rules.manage");
  const parsed = parseForm(RuleSchema, form);
  if (!parsed.ok) return json({ ok: false as const, code: String(form.get("code") ?? ""), errors: parsed.errors }, { status: 400 });
  const saved = await updateRejectionRule(context.db, staff, parsed.data, context.clientIp);
  if (!saved) return json({ ok: false as const, code: parsed.data.code, errors: { _form: "errors.notFoundItem" } }, { status: 404 });
  return json({ ok: true as const, code: parsed.data.code, errors: null });
}

export default function RulesAdmin() {
  const { rules } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <>
      <h1>{t("qa.rulesAdmin.title")}</h1>
      <p>{t("qa.rulesAdmin.intro")}</p>
      {result?.ok ? <Notice kind="success">{t("qa.rulesAdmin.saved")}</Notice> : null}
      {result && !result.ok ? <ErrorSummary errors={result.errors} /> : null}
      {rules.map((r) => (
        <Form method="post" key={r.code} className="card rule-form" aria-labelledby={`rule-${r.code}`}>
          <h2 id={`rule-${r.code}`}>
            <code>{r.code}</code>
          </h2>
          <CsrfInput />
          <input type="hidden" name="code" value={r.code} />
          <div className="field">
            <label htmlFor={`sv-${r.code}`}>{t("qa.rulesAdmin.labelSv")}</label>
            <input id={`sv-${r.code}`} name="labelSv" defaultValue={r.sv} maxLength={200} lang="sv" />
          </div>
          <div className="field">
            <label htmlFor={`en-${r.code}`}>{t("qa.rulesAdmin.labelEn")}</label>
            <input id={`en-${r.code}`} name="labelEn" defaultValue={r.en} maxLength={200} lang="en" />
          </div>
          <div className="field checkbox">
            <label>
              <input type="checkbox" name="active" defaultChecked={r.active} /> {t("qa.rulesAdmin.active")}
            </label>
          </div>
          <button type="submit">{t("qa.rulesAdmin.save")}</button>
        </Form>
      ))}
    </>
  );
}
