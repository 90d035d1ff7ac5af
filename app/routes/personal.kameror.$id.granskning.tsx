import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput, ErrorSummary, TextAreaField, TextField } from "~/components/forms";
import { tKey } from "~/i18n/keys";
import { measureLinks } from "~/components/measures/styles";
import { calendarDate } from "~/domain/common/time";
import { AIM_ANSWERS, REVIEW_DECISIONS } from "~/domain/cameras/cameras.schema";
import { getCamera } from "~/domain/cameras/cameras.server";
import { reviewEvidence } from "~/domain/cameras/evidence.server";
import { requireStaff, requireStaffForm } from "~/http/auth.server";
import { reviewFromForm } from "~/http/cameras.server";
import { idParam, notFound } from "~/http/not-found.server";
import { titleFor } from "~/utils/i18n-helpers";

export const links: LinksFunction = measureLinks;
export const meta: MetaFunction<typeof loader> = ({ matches, data }) => titleFor(matches, "cameras.review.title", { name: data?.camera.name ?? "" });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requireStaff(request, context, "cameras.manage");
  const camera = await getCamera(context.db, idParam("camera", params.id), context.clock.now());
  if (!camera) notFound("camera");
  return json({
    camera: { id: camera.id, name: camera.name, reviewDue: camera.reviewDue, districtName: camera.districtName, districtSlug: camera.districtSlug },
    today: calendarDate(context.clock.now()),
    evidence: await reviewEvidence(context.db, camera),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const id = idParam("camera", params.id);
  const { staff, form } = await requireStaffForm(request, context, "cameras.manage");
  const r = await reviewFromForm(context, staff, id, form);
  if (!r.ok && r.notFound) notFound("camera");
  if (!r.ok) return json({ errors: r.errors, values: r.values ?? {} }, { status: r.status });
  return redirect(`/personal/kameror/${id}?klart=granskad`);
}

/** Radio buttons as one fieldset; the error summary's link lands on the fieldset. */
function Choice({
  name,
  legend,
  options,
  value,
  error,
}: {
  name: string;
  legend: string;
  options: Array<{ value: string; label: string }>;
  value?: string;
  error?: string;
}) {
  const { t } = useTranslation();
  return (
    <fieldset id={name} tabIndex={-1} className={`inline-radios${error ? " field-error" : ""}`} aria-describedby={error ? `${name}-error` : undefined}>
      <legend>{legend}</legend>
      {error ? (
        <p id={`${name}-error`} className="error-message">
          {tKey(t, error)}
        </p>
      ) : null}
      {options.map((o) => (
        <label key={o.value}>
          <input type="radio" name={name} value={o.value} defaultChecked={value === o.value} /> {o.label}
        </label>
      ))}
    </fieldset>
  );
}

export default function ReviewPage() {
  const { camera, today, evidence } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  const values: Record<string, string> = data?.values ?? { reviewedOn: today };
  const errors = data?.errors ?? {};
  const area = (name: string, label: string, hint?: string) => (
    <TextAreaField name={name} label={label} hint={hint} defaultValue={values[name]} error={errors[name]} rows={3} />
  );
  return (
    <>
      <p>
        <Link to={`/personal/kameror/${camera.id}`}>← {camera.name}</Link>
      </p>
      <h1>{t("cameras.review.title", { name: camera.name })}</h1>
      <p>{t("cameras.review.intro")}</p>
      {camera.reviewDue ? <p>{t("cameras.review.dueInfo", { due: camera.reviewDue })}</p> : null}
      <section aria-labelledby="evidence-heading">
        <h2 id="evidence-heading">{t("cameras.evidence.heading", { radius: evidence.radius })}</h2>
        <p className="hint">{t("cameras.evidence.intro")}</p>
        <div className="table-wrap">
          <table data-testid="review-evidence">
            <caption>{t("cameras.evidence.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("cameras.evidence.period")}</th>
                <th scope="col">{t("cameras.evidence.count")}</th>
                <th scope="col">{t("cameras.evidence.feeling")}</th>
              </tr>
            </thead>
            <tbody>
              {(["before", "after"] as const).map((k) => (
                <tr key={k}>
                  <th scope="row">{t(`cameras.evidence.${k}`)}</th>
                  <td>{evidence[k].count}</td>
                  <td>{evidence[k].averageFeeling ?? t("cameras.evidence.none")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <h3>{t("cameras.evidence.district")}</h3>
        {evidence.districtSeries.length ? (
          <div className="table-wrap">
            <table data-testid="review-district-series">
              <caption>{t("cameras.evidence.districtCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("cameras.evidence.indicator")}</th>
                  <th scope="col">{t("cameras.evidence.period")}</th>
                  <th scope="col">{t("cameras.evidence.category")}</th>
                  <th scope="col">{t("cameras.evidence.value")}</th>
                  <th scope="col">{t("cameras.evidence.source")}</th>
                </tr>
              </thead>
              <tbody>
                {evidence.districtSeries.map((p) => (
                  <tr key={`${p.indicator}-${p.period}-${p.category}`}>
                    <th scope="row">{t(`cameras.evidence.${p.indicator}`)}</th>
                    <td>{p.period}</td>
                    <td>{p.category}</td>
                    <td>
                      {p.value} {p.unit}
                    </td>
                    <td>
                      {p.sourceName}
                      {p.illustrative ? ` (${t("cameras.evidence.illustrative")})` : ""}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>{t("cameras.evidence.noDistrict")}</p>
        )}
        <p>
          <Link to={`/omraden/${camera.districtSlug}/oversikt`}>{t("cameras.evidence.overview", { district: camera.districtName })}</Link>
        </p>
        <h3>{t("cameras.evidence.polls")}</h3>
        {evidence.polls.length ? (
          <div className="table-wrap">
            <table data-testid="review-polls">
              <caption>{t("cameras.evidence.pollsCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("cameras.evidence.pollDialogue")}</th>
                  <th scope="col">{t("cameras.evidence.pollDate")}</th>
                  <th scope="col">{t("cameras.evidence.pollTotal")}</th>
                  <th scope="col">{t("cameras.evidence.pollUnsafe")}</th>
                </tr>
              </thead>
              <tbody>
                {evidence.polls.map((p) => (
                  <tr key={`${p.title}-${p.date}`}>
                    <th scope="row">{p.title}</th>
                    <td>{p.date}</td>
                    <td>{p.total}</td>
                    <td>{p.unsafePercent === null ? t("cameras.evidence.none") : `${p.unsafePercent} %`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>{t("cameras.evidence.noPolls")}</p>
        )}
        <h3>{t("cameras.evidence.measures")}</h3>
        {evidence.measures.length ? (
          <ul>
            {evidence.measures.map((m) => (
              <li key={m.id}>
                <Link to={`/personal/atgarder/${m.id}`}>{m.title}</Link>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("cameras.evidence.noMeasures")}</p>
        )}
      </section>
      <Form method="post" noValidate>
        <CsrfInput />
        <ErrorSummary errors={errors} />
        <TextField
          name="reviewedOn"
          type="date"
          label={t("cameras.review.reviewedOn")}
          hint={t("cameras.form.dateHint")}
          defaultValue={values.reviewedOn}
          error={errors.reviewedOn}
        />
        <Choice
          name="aimMatches"
          legend={t("cameras.review.aimMatches")}
          options={AIM_ANSWERS.map((a) => ({ value: a, label: t(`cameras.aim.${a}`) }))}
          value={values.aimMatches}
          error={errors.aimMatches}
        />
        <TextField
          name="photoDate"
          type="date"
          label={t("cameras.review.photoDate")}
          hint={t("cameras.review.photoDateHint")}
          defaultValue={values.photoDate}
          error={errors.photoDate}
        />
        {area("aimNotes", t("cameras.review.aimNotes"))}
        {area("incidentsBefore", t("cameras.review.incidentsBefore"))}
        {area("incidentsAfter", t("cameras.review.incidentsAfter"))}
        {area("perception", t("cameras.review.perception"))}
        {area("privacyIntrusion", t("cameras.review.privacyIntrusion"), t("cameras.review.privacyHint"))}
        <Choice
          name="decision"
          legend={t("cameras.review.decision")}
          options={REVIEW_DECISIONS.map((d) => ({ value: d, label: t(`cameras.decision.${d}`) }))}
          value={values.decision}
          error={errors.decision}
        />
        {area("reasoning", t("cameras.review.reasoning"))}
        {area("publicSummary", t("cameras.review.publicSummary"), t("cameras.review.publicSummaryHint"))}
        <button type="submit" className="primary">
          {t("cameras.review.submit")}
        </button>
      </Form>
    </>
  );
}
