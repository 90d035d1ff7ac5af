import type { HeadersFunction } from "@remix-run/node";
import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Notice, TextField } from "~/components/forms";
import { Sources, StatusBadge, Timeline } from "~/components/measures/MeasureBits";
import { measureLinks } from "~/components/measures/styles";
import { baseUrlFor, deliverSoon } from "~/http/dialogues.server";
import { idParam, notFound } from "~/http/not-found.server";
import { requestFollow } from "~/domain/measures/followers.server";
import { FollowSchema } from "~/domain/measures/measures.schema";
import { getMeasure } from "~/domain/measures/measures.server";
import { isClosed } from "~/domain/measures/status";
import { parseForm } from "~/http/forms";
import { readFormData } from "~/http/request.server";
import { BUDGET_ERROR, EMAIL_CAP_ERROR, keepRetryAfter } from "~/http/errors";
import { formGate, tooManyRequests } from "~/http/limits.server";

/** A refused post (429) keeps its Retry-After without JavaScript too. */
export const headers: HeadersFunction = (args) => keepRetryAfter(args);

export const links: LinksFunction = measureLinks;
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.measure.title ?? ""} – Tryggve` }];

export async function loader({ params, context }: LoaderFunctionArgs) {
  const measure = await getMeasure(context.db, idParam("measure", params.id), context.clock.now());
  if (!measure) notFound("measure");
  return json({ measure });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const id = idParam("measure", params.id);
  const form = await readFormData(request);
  // What was typed comes back with every refusal, so the form keeps it.
  const values = { email: String(form.get("email") ?? "") };
  const parsed = parseForm(FollowSchema, form);
  if (!parsed.ok) return json({ ok: false as const, errors: parsed.errors, values }, { status: 400 });
  const r = await requestFollow(context.db, context.config, id, parsed.data.email, {
    baseUrl: baseUrlFor(context, request),
    now: context.clock.now(),
    gate: formGate(context, "measure.follow"),
  });
  if (r === "not_found") notFound("measure");
  if (r === "closed") return json({ ok: false as const, errors: { email: "measures.follow.closed" } as Record<string, string>, values }, { status: 400 });
  if (typeof r === "object") {
    const key = "tooMany" in r ? BUDGET_ERROR.key : EMAIL_CAP_ERROR.key;
    return tooManyRequests({ ok: false as const, errors: { email: key } as Record<string, string>, values }, r);
  }
  deliverSoon(context);
  return json({ ok: true as const, errors: {} as Record<string, string>, values });
}

export default function PublicMeasure() {
  const { measure: m } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <article className="prose">
      <p>
        <Link to={`/omraden/${m.districtSlug}/atgarder`}>← {t("measures.public.listTitle", { district: m.districtName })}</Link>
      </p>
      <h1>{m.title}</h1>
      <p data-testid="measure-status">
        <StatusBadge status={m.status} /> {m.overdue ? <strong className="overdue-label">{t("measures.fields.overdue")}</strong> : null}
      </p>
      <p>{t("measures.public.pageIntro", { district: m.districtName, organisation: m.organisationName })}</p>
      <dl className="facts">
        <dt>{t("measures.fields.category")}</dt>
        <dd>{t(`measures.category.${m.category}`)}</dd>
        <dt>{t("measures.fields.where")}</dt>
        <dd>
          {m.address ?? m.districtName}
          {m.lat !== null && m.lng !== null ? ` (${m.lat}, ${m.lng})` : ""}
        </dd>
        {m.dueDate ? (
          <>
            <dt>{t("measures.fields.dueDate")}</dt>
            <dd>{m.dueDate}</dd>
          </>
        ) : null}
        {m.plannedDate ? (
          <>
            <dt>{t("measures.fields.plannedDate")}</dt>
            <dd>{m.plannedDate}</dd>
          </>
        ) : null}
        {m.declineReason ? (
          <>
            <dt>{t("measures.status.declined")}</dt>
            <dd className="user-text">{t("measures.public.declineReason", { reason: m.declineReason })}</dd>
          </>
        ) : null}
      </dl>
      <p className="user-text">{m.description}</p>
      <section aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">{t("measures.timeline.heading")}</h2>
        <Timeline items={m.timeline} />
      </section>
      <section aria-labelledby="sources-heading">
        <h2 id="sources-heading">{t("measures.sources.heading")}</h2>
        <Sources sources={m.sources} />
      </section>
      {!isClosed(m.status) ? (
        <section aria-labelledby="follow-heading">
          <h2 id="follow-heading">{t("measures.follow.heading")}</h2>
          <p>{t("measures.follow.intro")}</p>
          {result?.ok ? (
            <Notice kind="success">{t("measures.follow.sent")}</Notice>
          ) : (
            <Form method="post" className="inline-form" noValidate>
              <TextField
                name="email"
                type="email"
                autoComplete="email"
                label={t("measures.fields.email")}
                error={result?.errors.email}
                defaultValue={result?.values.email}
              />
              <button type="submit">{t("measures.follow.submit")}</button>
            </Form>
          )}
        </section>
      ) : null}
    </article>
  );
}
