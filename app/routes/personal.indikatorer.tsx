import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { CsrfInput, ErrorSummary, Notice, TextAreaField, TextField } from "~/components/forms";
import { requireStaff, requireStaffForm } from "~/http/auth.server";
import { handleIndicatorForm } from "~/http/indicators.server";
import { TableRegion } from "~/components/indicators/SafetyPicture";
import { tKey } from "~/i18n/keys";
import { localeFromMatches, tFor } from "~/utils/i18n-helpers";

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireStaff(request, context, "measures.manage");
  return json({});
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { staff, form } = await requireStaffForm(request, context, "measures.manage");
  const result = await handleIndicatorForm(context, staff, form);
  return json(result.body, { status: result.status });
}

export const meta: MetaFunction = ({ matches }) => [{ title: `${tFor(localeFromMatches(matches))("indicators.staff.title")} – Tryggve` }];

export default function IndicatorImport() {
  const { t } = useTranslation();
  const r = useActionData<typeof action>();
  const resultRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (r && (r.ok || r.rowErrors.length > 0)) resultRef.current?.focus();
  }, [r]);
  return (
    <>
      <h1>{t("indicators.staff.title")}</h1>
      <p>{t("indicators.staff.intro")}</p>
      <p>{t("indicators.staff.format")}</p>
      <ErrorSummary errors={r && Object.keys(r.errors).length > 0 ? r.errors : null} />
      <div ref={resultRef} tabIndex={-1} data-testid="indicator-result">
        {r?.ok && r.intent === "import" ? <Notice kind="success">{t("indicators.staff.imported", { count: r.imported })}</Notice> : null}
        {r && r.rowErrors.length > 0 ? (
          <section aria-labelledby="row-errors" className="error-summary" role="alert">
            <h2 id="row-errors">{t("indicators.staff.errorsHeading")}</h2>
            <ul>
              {r.rowErrors.map((e, i) => (
                <li key={i}>{t("indicators.staff.errorLine", { line: e.line, field: e.field, message: tKey(t, e.key) })}</li>
              ))}
            </ul>
          </section>
        ) : null}
        {r?.ok && r.intent === "preview" ? (
          <section aria-labelledby="preview">
            <h2 id="preview">{t("indicators.staff.previewHeading")}</h2>
            <p role="status">{t("indicators.staff.rowsOk", { count: r.count })}</p>
            <TableRegion label={t("indicators.staff.previewHeading")}>
              <table>
                <caption>{t("indicators.staff.previewHeading")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("indicators.public.period")}</th>
                    <th scope="col">{t("indicators.public.source")}</th>
                    <th scope="col">{t("indicators.public.category")}</th>
                    <th scope="col">{t("indicators.public.value")}</th>
                  </tr>
                </thead>
                <tbody>
                  {r.rows.map((row) => (
                    <tr key={row.line}>
                      <td>
                        {row.districtName}, {row.period} ({tKey(t, `indicators.kinds.${row.indicator}`)})
                      </td>
                      <td>{row.sourceName}</td>
                      <td>{row.category || t("indicators.public.total")}</td>
                      <td>
                        {row.value} {row.unit}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableRegion>
          </section>
        ) : null}
      </div>
      <Form method="post" noValidate>
        <CsrfInput />
        <TextAreaField
          name="csv"
          label={t("indicators.staff.csv")}
          hint={t("indicators.staff.csvHint")}
          rows={10}
          defaultValue={r?.values.csv ?? ""}
          error={r?.errors.csv}
        />
        <TextField name="label" label={t("indicators.staff.label")} hint={t("indicators.staff.labelHint")} defaultValue={r?.values.label ?? ""} />
        <div className="field">
          <label className="checkbox">
            <input type="checkbox" name="illustrative" defaultChecked={r?.values.illustrative ?? false} /> {t("indicators.staff.illustrative")}
          </label>
        </div>
        <p className="inline-form">
          <button type="submit" name="intent" value="preview">
            {t("indicators.staff.preview")}
          </button>{" "}
          <button type="submit" name="intent" value="import">
            {t("indicators.staff.import")}
          </button>
        </p>
      </Form>
    </>
  );
}
