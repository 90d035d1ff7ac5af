import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput, Notice } from "~/components/forms";
import { measureLinks } from "~/components/measures/styles";
import { factsOf, findSource, getCamera } from "~/domain/cameras/cameras.server";
import { listReviews } from "~/domain/cameras/reviews.server";
import { allowedActions, missingForActivation } from "~/domain/cameras/state";
import { can } from "~/domain/staff/roles";
import { requireStaff, requireStaffForm } from "~/http/auth.server";
import { cameraStateFromForm } from "~/http/cameras.server";
import { idParam, notFound } from "~/http/not-found.server";
import { tKey } from "~/i18n/keys";

export const links: LinksFunction = measureLinks;
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.camera.name ?? ""} – Tryggve` }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, context, "cameras.manage");
  const camera = await getCamera(context.db, idParam("camera", params.id), context.clock.now());
  if (!camera) notFound("camera");
  const [reviews, source] = await Promise.all([
    listReviews(context.db, camera.id),
    camera.source ? findSource(context.db, camera.source.type, camera.source.id) : Promise.resolve(null),
  ]);
  return json({
    camera,
    reviews,
    source,
    actions: allowedActions(camera),
    missing: Object.values(missingForActivation(factsOf(camera))),
    canSeeFootage: can(staff.role, "cameras.footage"),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const id = idParam("camera", params.id);
  const { staff, form } = await requireStaffForm(request, context, "cameras.manage");
  const r = await cameraStateFromForm(context, staff, id, form);
  if (!r.ok && r.notFound) notFound("camera");
  if (!r.ok) return json({ ok: false as const, errors: r.errors }, { status: r.status });
  const due = (await getCamera(context.db, id, context.clock.now()))?.reviewDue ?? "";
  return json({ ok: true as const, message: r.message, due });
}

function Row({ label, value }: { label: string; value: string | number | null }) {
  const { t } = useTranslation();
  return (
    <>
      <dt>{label}</dt>
      <dd className="user-text">{value === null || value === "" ? t("cameras.page.noValue") : value}</dd>
    </>
  );
}

export default function CameraPage() {
  const { camera, reviews, source, actions, missing, canSeeFootage } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [search] = useSearchParams();
  const { t } = useTranslation();
  const running = camera.state === "active" || camera.state === "paused";
  return (
    <>
      <p>
        <Link to="/personal/kameror">{t("cameras.page.back")}</Link>
      </p>
      <h1>{camera.name}</h1>
      {search.get("klart") === "skapad" ? <Notice kind="success">{t("cameras.form.created")}</Notice> : null}
      {search.get("klart") === "sparad" ? <Notice kind="success">{t("cameras.form.saved")}</Notice> : null}
      {search.get("klart") === "granskad" ? <Notice kind="success">{t("cameras.review.done", { due: camera.reviewDue ?? "" })}</Notice> : null}
      {result?.ok ? <Notice kind="success">{tKey(t, result.message, { due: result.due })}</Notice> : null}
      {result && !result.ok ? (
        <div className="error-summary" role="alert" tabIndex={-1}>
          <ul>
            {Object.values(result.errors).map((e) => (
              <li key={e}>{tKey(t, e)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <p data-testid="camera-state">
        {t("cameras.page.state")}: <strong>{t(`cameras.state.${camera.state}`)}</strong>
        {running ? <> · {t(`cameras.flag.${camera.reviewFlag}`, { due: camera.reviewDue ?? "" })}</> : null}
      </p>
      <p className="inline-form">
        <Link to={`/personal/kameror/${camera.id}/redigera`}>{t("cameras.page.edit")}</Link>
        {running ? <Link to={`/personal/kameror/${camera.id}/granskning`}>{t("cameras.page.review")}</Link> : null}
        {canSeeFootage ? <Link to={`/personal/kameror/${camera.id}/material`}>{t("cameras.page.footage")}</Link> : null}
      </p>
      {camera.source ? (
        <p>
          {t("cameras.page.origin")}:{" "}
          {source ? (
            <Link to={source.href} data-testid="camera-origin">
              {t(source.type === "observation" ? "cameras.page.originObservation" : "cameras.page.originMeasure", { label: source.label })}
            </Link>
          ) : (
            t("cameras.page.originMissing")
          )}
        </p>
      ) : null}
      {actions.length ? (
        <section aria-labelledby="next-heading">
          <h2 id="next-heading">{t("cameras.page.nextStep")}</h2>
          {missing.length && (camera.state === "proposed" || camera.state === "balancing_documented") ? (
            <>
              <p>{t("cameras.page.missing")}</p>
              <ul>
                {missing.map((m) => (
                  <li key={m}>{tKey(t, m)}</li>
                ))}
              </ul>
            </>
          ) : null}
          <div className="inline-form">
            {actions.map((a) => (
              <Form method="post" key={a}>
                <CsrfInput />
                <input type="hidden" name="action" value={a} />
                <button type="submit" className={a === "remove" ? undefined : "primary"}>
                  {t(`cameras.action.${a}`)}
                </button>
              </Form>
            ))}
          </div>
        </section>
      ) : null}
      <section aria-labelledby="facts-heading">
        <h2 id="facts-heading">{t("cameras.page.facts")}</h2>
        <dl>
          <Row label={t("cameras.form.district")} value={camera.districtName} />
          <Row label={t("cameras.form.owner")} value={camera.ownerName} />
          <Row label={t("cameras.form.address")} value={camera.address} />
          <Row label={t("cameras.form.position")} value={`${camera.lat}, ${camera.lng}`} />
          <Row label={t("cameras.form.direction")} value={camera.direction} />
          <Row label={t("cameras.form.purpose")} value={camera.purpose} />
          <Row label={t("cameras.form.mode")} value={t(`cameras.mode.${camera.mode}`)} />
          <Row label={t("cameras.form.recordingHours")} value={camera.recordingHours} />
          <Row label={t("cameras.form.retentionDays")} value={camera.retentionDays} />
          <Row label={t("cameras.form.footageViewers")} value={camera.footageViewers} />
          <Row label={t("cameras.form.balancingDate")} value={camera.balancing.date} />
          <Row label={t("cameras.form.balancingDecidedBy")} value={camera.balancing.decidedBy} />
          <Row label={t("cameras.form.balancingIncidents")} value={camera.balancing.incidents} />
          <Row label={t("cameras.form.balancingAlternatives")} value={camera.balancing.alternatives} />
          <Row label={t("cameras.form.balancingConditions")} value={camera.balancing.conditions} />
          <Row label={t("cameras.form.imyPermitRef")} value={camera.imyPermit.ref} />
          <Row label={t("cameras.form.signText")} value={camera.sign.text} />
          <Row label={t("cameras.form.signTextEasy")} value={camera.sign.textEasy} />
          <Row label={t("cameras.form.contact")} value={camera.sign.contact} />
          <Row label={t("cameras.page.activatedAt")} value={camera.activatedAt ? camera.activatedAt.slice(0, 10) : null} />
        </dl>
      </section>
      <section aria-labelledby="reviews-heading">
        <h2 id="reviews-heading">{t("cameras.page.reviews")}</h2>
        {reviews.length === 0 ? (
          <p>{t("cameras.page.noReviews")}</p>
        ) : (
          <ul>
            {reviews.map((r) => (
              <li key={r.id}>
                <strong>{t("cameras.page.reviewedOn", { date: r.reviewedOn, decision: t(`cameras.decision.${r.decision}`) })}</strong>
                <p className="user-text">{r.reasoning}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
