import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput, ErrorSummary, Notice } from "~/components/forms";
import { walkLinks } from "~/components/walks/styles";
import { CameraLinks } from "~/components/cameras/CameraLinks";
import { camerasFromObservations } from "~/domain/cameras/cameras.server";
import { can } from "~/domain/staff/roles";
import { formatSpan, formatStamp } from "~/domain/common/format";
import { requireStaff, requireStaffForm } from "~/http/auth.server";
import { idParam, notFound } from "~/http/not-found.server";
import { PRIORITIES, QUICK_RATINGS } from "~/domain/walks/categories";
import { getProtocol } from "~/domain/walks/protocol.server";
import { handleWalkAction } from "~/http/walk-staff.server";
import { titleFor } from "~/utils/i18n-helpers";
import { tKey } from "~/i18n/keys";

export const links: LinksFunction = walkLinks;
export const meta: MetaFunction<typeof loader> = ({ matches, data }) => titleFor(matches, "walks.protocol.title", { title: data?.protocol.walk.title ?? "" });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, context, "walks.manage");
  const protocol = await getProtocol(context.db, idParam("walk", params.id));
  if (!protocol) notFound("walk");
  const cameras = await camerasFromObservations(
    context.db,
    protocol.items.map((o) => o.id),
  );
  return json({ protocol, cameras, canProposeCamera: can(staff.role, "cameras.manage") });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const id = idParam("walk", params.id);
  const { staff, form } = await requireStaffForm(request, context, "walks.manage");
  const intent = String(form.get("intent") ?? "");
  if (intent !== "protocolItem" && intent !== "sendProtocol")
    return json(
      { intent, ok: false as const, errors: { _form: "walks.errors.transitionNotAllowed" } as Record<string, string>, itemId: undefined },
      { status: 400 },
    );
  const result = await handleWalkAction(context, request, staff, id, form);
  if (!result) notFound("walk");
  return json(result, { status: result.ok ? 200 : 400 });
}

export default function ProtocolPage() {
  const { protocol: p, cameras, canProposeCamera } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const w = p.walk;
  const errors = result && !result.ok ? result.errors : {};
  const accepted = p.invitations.filter((i) => i.status === "accepted").map((i) => i.organisationName);
  return (
    <>
      <p className="no-print">
        <Link to={`/personal/vandringar/${w.id}`}>← {w.title}</Link>
      </p>
      <h1>{t("walks.protocol.title", { title: w.title })}</h1>
      {result?.ok ? <Notice kind="success">{t(result.message, result.vars ?? {})}</Notice> : null}
      {result && !result.ok && errors._form ? <ErrorSummary errors={{ _form: errors._form }} /> : null}
      <p className="inline-form no-print">
        <button type="button" onClick={() => window.print()}>
          {t("walks.protocol.print")}
        </button>
        <a href={`/personal/vandringar/${w.id}/protokoll.csv`}>{t("walks.protocol.csv")}</a>
        <a href={`/personal/vandringar/${w.id}/protokoll.geojson`}>{t("walks.protocol.geojson")}</a>
      </p>
      <section aria-labelledby="protocol-header">
        <h2 id="protocol-header">{t("walks.protocol.header")}</h2>
        <dl className="figures">
          <dt>{t("walks.protocol.district")}</dt>
          <dd>{w.districtName}</dd>
          <dt>{t("walks.protocol.when")}</dt>
          <dd>{formatSpan(w.startsAt, w.endsAt, i18n.language)}</dd>
          <dt>{t("walks.fields.meetingPoint")}</dt>
          <dd>{w.meetingPoint}</dd>
          <dt>{t("walks.protocol.route")}</dt>
          <dd>{w.route ? t("walks.protocol.routePoints", { count: w.route.length }) : t("walks.protocol.noRoute")}</dd>
          <dt>{t("walks.protocol.light")}</dt>
          <dd>
            {t(`walks.light.${w.expectedLight}`)}
            {w.actualLight ? ` → ${t(`walks.light.${w.actualLight}`)}` : ""}
          </dd>
          <dt>{t("walks.protocol.weather")}</dt>
          <dd>{w.weather ?? "–"}</dd>
          <dt>{t("walks.protocol.organisers")}</dt>
          <dd>{w.organisers ?? "–"}</dd>
          <dt>{t("walks.protocol.organisations")}</dt>
          <dd>{accepted.length ? accepted.join(", ") : "–"}</dd>
          <dt>{t("walks.protocol.participants")}</dt>
          <dd>
            {p.groups.map((g) => `${g.name}${g.leader ? ` (${g.leader})` : ""}: ${g.participants}`).join("; ") || "–"} ·{" "}
            {t("walks.protocol.participantsTotal", { count: p.participants })}
          </dd>
        </dl>
      </section>
      <section aria-labelledby="protocol-items">
        <h2 id="protocol-items">{t("walks.protocol.items")}</h2>
        {p.items.length === 0 ? <p>{t("walks.protocol.none")}</p> : null}
        {p.items.map((o) => {
          const itemErrors = result && !result.ok && result.itemId === o.id ? result.errors : {};
          const f = (name: string) => `item-${o.id}-${name}`;
          return (
            <article key={o.id} className="protocol-item" aria-labelledby={f("h")}>
              <h3 id={f("h")}>
                {t("walks.observations.number")} {o.number}:{" "}
                {o.address ?? t("walks.observations.noAddress", { latitude: o.lat.toFixed(5), longitude: o.lng.toFixed(5) })}
              </h3>
              <dl>
                <dt>{t("walks.protocol.position")}</dt>
                <dd>
                  {o.lat.toFixed(6)}, {o.lng.toFixed(6)}
                  {o.approximate ? ` (${t("walks.observations.approximate")})` : ""}
                  {o.lampPost ? ` · ${t("walks.fields.lampPost")}: ${o.lampPost}` : ""}
                </dd>
                <dt>{t("walks.fields.categories")}</dt>
                <dd>{o.categories.map((c) => t(`walks.category.${c}`)).join(", ")}</dd>
                <dt>{t("walks.protocol.ratings")}</dt>
                <dd>
                  {t("walks.rating.feeling")} {o.feeling}
                  {QUICK_RATINGS.filter((r) => o.ratings[r] !== null).map((r) => ` · ${t(`walks.rating.${r}`)} ${o.ratings[r]}`)}
                </dd>
                <dt>{t("walks.fields.timeOfDay")}</dt>
                <dd>
                  {t(`walks.light.${o.timeOfDay}`)}
                  {o.addedAfterwards ? ` · ${t("walks.observations.afterwards")}` : ""}
                  {o.status === "pending" ? ` · ${t("walks.observations.pending")}` : ""}
                </dd>
                <dt>{t("walks.fields.description")}</dt>
                <dd className="user-text">{o.description ?? "–"}</dd>
                {o.raisedBy ? (
                  <>
                    <dt>{t("walks.fields.raisedBy")}</dt>
                    <dd>{o.raisedBy}</dd>
                  </>
                ) : null}
                <dt>{t("walks.observations.status")}</dt>
                <dd>
                  {t(`walks.followup.${o.followupStatus}`)}
                  {o.feedbackAt ? ` (${formatStamp(o.feedbackAt, i18n.language)})` : ""}
                </dd>
              </dl>
              <CameraLinks
                cameras={cameras[o.id] ?? []}
                proposeHref={canProposeCamera && o.status === "published" ? `/personal/kameror/ny?observation=${o.id}` : null}
                proposeLabel={`${t("cameras.links.proposeFromObservation")}: ${t("walks.observations.number")} ${o.number}`}
                headingLevel={4}
              />
              {o.staffPhotoUrl ? (
                <img src={o.staffPhotoUrl} alt={t("walks.observations.photoAlt", { place: o.address ?? `#${o.number}` })} className="obs-photo" />
              ) : null}
              <Form method="post" noValidate>
                <CsrfInput />
                <input type="hidden" name="intent" value="protocolItem" />
                <input type="hidden" name="observationId" value={o.id} />
                <input type="hidden" name="number" value={o.number} />
                <div className="field">
                  <label htmlFor={f("measure")}>{t("walks.protocol.proposedMeasure")}</label>
                  <textarea id={f("measure")} name="proposedMeasure" rows={2} defaultValue={o.proposedMeasure ?? ""} />
                </div>
                <div className="field-row">
                  <div className={`field${itemErrors.responsibleOrganisationId ? " field-error" : ""}`}>
                    <label htmlFor={f("resp")}>{t("walks.protocol.responsible")}</label>
                    {itemErrors.responsibleOrganisationId ? <p className="error-message">{tKey(t, itemErrors.responsibleOrganisationId)}</p> : null}
                    <select id={f("resp")} name="responsibleOrganisationId" defaultValue={o.responsibleOrganisationId ?? ""}>
                      <option value="">{t("walks.protocol.chooseResponsible")}</option>
                      {p.organisations.map((org) => (
                        <option key={org.id} value={org.id}>
                          {org.name}
                        </option>
                      ))}
                    </select>
                  </div>
                  <div className="field">
                    <label htmlFor={f("prio")}>{t("walks.protocol.priority")}</label>
                    <select id={f("prio")} name="priority" defaultValue={o.priority ?? ""}>
                      <option value="">{t("walks.protocol.choosePriority")}</option>
                      {PRIORITIES.map((pr) => (
                        <option key={pr} value={pr}>
                          {t(`walks.priority.${pr}`)}
                        </option>
                      ))}
                    </select>
                  </div>
                </div>
                <div className="field">
                  <label htmlFor={f("reply")}>{t("walks.protocol.partyReply")}</label>
                  <textarea id={f("reply")} name="partyReply" rows={2} defaultValue={o.partyReply ?? ""} />
                </div>
                <details className="no-print">
                  <summary>{t("walks.protocol.refine")}</summary>
                  <div className="field-row">
                    <div className={`field${itemErrors.lat ? " field-error" : ""}`}>
                      <label htmlFor={f("lat")}>{t("walks.observe.lat")}</label>
                      {itemErrors.lat ? <p className="error-message">{tKey(t, itemErrors.lat)}</p> : null}
                      <input id={f("lat")} name="lat" inputMode="decimal" defaultValue="" />
                    </div>
                    <div className="field">
                      <label htmlFor={f("lng")}>{t("walks.observe.lng")}</label>
                      <input id={f("lng")} name="lng" inputMode="decimal" defaultValue="" />
                    </div>
                    <div className="field">
                      <label htmlFor={f("addr")}>{t("walks.fields.address")}</label>
                      <input id={f("addr")} name="address" defaultValue="" />
                    </div>
                  </div>
                </details>
                <button type="submit">{t("walks.protocol.saveItem", { n: o.number })}</button>
              </Form>
            </article>
          );
        })}
      </section>
      <section aria-labelledby="protocol-send" className="no-print">
        <h2 id="protocol-send">{t("walks.protocol.send")}</h2>
        <p className="hint">{t("walks.protocol.sendHint")}</p>
        {w.protocolSentAt ? <p>{t("walks.protocol.sentAt", { date: formatStamp(w.protocolSentAt, i18n.language) })}</p> : null}
        <Form method="post">
          <CsrfInput />
          <input type="hidden" name="intent" value="sendProtocol" />
          <button type="submit" className="primary">
            {t("walks.protocol.send")}
          </button>
        </Form>
      </section>
    </>
  );
}
