import type { HeadersFunction } from "@remix-run/node";
import { keepRetryAfter } from "~/http/errors";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useCallback, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Notice } from "~/components/forms";
import { RevisitList } from "~/components/measures/FollowUp";
import { ObservationForm, errorsFromMessage } from "~/components/walks/ObservationForm";
import { ObservationFilters, ObservationTable, observationLabel } from "~/components/walks/ObservationList";
import { walkLinks } from "~/components/walks/styles";
import { WalkMapLazy } from "~/components/walks/WalkMapLazy";
import { formatStamp } from "~/domain/common/format";
import { filterFromSearch, matchesFilter, sortObservations } from "~/domain/walks/list";
import { ObservationFilterSchema, ObservationSchema, type ObservationPayload } from "~/domain/walks/walk.schema";
import { handleWalkMapPost, loadWalkMap } from "~/http/walk-map.server";
import { useWalkLive } from "~/realtime/use-walk-live";
import { tKey } from "~/i18n/keys";

/** A refused post (429) keeps its Retry-After without JavaScript too. */
export const headers: HeadersFunction = (args) => keepRetryAfter(args);

export const links: LinksFunction = walkLinks;
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.walk.title ?? ""} – Tryggve` }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  return loadWalkMap(request, context, params.id);
}

/** The no-JavaScript path: the same schema and domain function as the socket event. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  return handleWalkMapPost(request, context, params.id);
}

export default function WalkMapPage() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [search] = useSearchParams();
  const { t, i18n } = useTranslation();
  const [point, setPoint] = useState<{ lat: number; lng: number } | null>(null);
  const [tilesFailed, setTilesFailed] = useState(false);
  const [announce, setAnnounce] = useState("");
  const [formKey, setFormKey] = useState(d.idempotencyKey);
  const [formErrors, setFormErrors] = useState<Record<string, string> | null>(null);
  const [message, setMessage] = useState<{ kind: "success" | "warning" | "info"; text: string } | null>(null);
  const [draft, setDraft] = useState<ObservationPayload | null>(null);
  const [busy, setBusy] = useState(false);
  const [focus, setFocus] = useState<{ lat: number; lng: number; seq: number } | null>(null);
  const walk = d.walk;
  const live = useWalkLive(
    walk.id,
    { observations: d.observations, mine: d.mine },
    {
      onArrive: (o) => setAnnounce(t("walks.map.newObservation", { categories: o.categories.map((c) => t(`walks.category.${c}`)).join(", ") })),
    },
  );
  const filter = ObservationFilterSchema.parse(filterFromSearch(search));
  const visible = useMemo(
    () =>
      sortObservations(
        live.observations.filter((o) => matchesFilter(o, filter)),
        filter.sort,
      ),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- filter is re-parsed every render; its fields are the dependencies
    [live.observations, filter.category, filter.timeOfDay, filter.status, filter.sort],
  );
  const points = useMemo(
    () => visible.map((o) => ({ id: o.id, lat: o.lat, lng: o.lng, positive: o.positive, feeling: o.feeling, label: observationLabel(t, o) })),
    [visible, t],
  );

  const onSubmit = useCallback(
    async (payload: ObservationPayload, photo: File | null) => {
      const check = ObservationSchema.safeParse(payload);
      if (!check.success) {
        const errors: Record<string, string> = {};
        for (const i of check.error.issues) errors[String(i.path[0] ?? "_form")] ??= i.message;
        setFormErrors(errors);
        return errors;
      }
      setBusy(true);
      const r = await live.submit(payload, photo);
      setBusy(false);
      if (r.kind === "rejected") {
        const errors = errorsFromMessage(r.error);
        setFormErrors(errors);
        setDraft(payload);
        await live.discard(payload.idempotencyKey);
        return errors;
      }
      setFormErrors(null);
      setDraft(null);
      setPoint(null);
      setFormKey(crypto.randomUUID());
      setMessage(
        r.kind === "queued"
          ? { kind: "warning", text: t("walks.observe.queued") }
          : { kind: "success", text: t(r.observation.status === "published" ? "walks.observe.saved" : "walks.observe.savedPending") },
      );
      return null;
    },
    [live, t],
  );

  const waiting = live.queue.filter((q) => q.state !== "rejected").length;
  const rejected = live.queue.filter((q) => q.state === "rejected");
  const saved = search.get("sparad");
  return (
    <>
      <p>
        <Link to={`/vandringar/${walk.id}`}>← {walk.title}</Link>
      </p>
      <h1>{t("walks.map.title", { title: walk.title })}</h1>
      <p role="status" className="queue-status">
        {live.connected ? t("walks.map.connected") : t("walks.map.disconnected")}
        {waiting > 0 ? ` ${t("walks.observe.waiting", { count: waiting })}` : ""}
      </p>
      <div aria-live="polite" className="visually-hidden">
        {announce}
      </div>
      {tilesFailed ? <Notice kind="warning">{t("walks.map.tilesFailed")}</Notice> : null}
      <WalkMapLazy
        label={t("walks.map.label")}
        fallback={t("walks.map.loading")}
        tileUrl={d.map.tileUrl}
        attribution={d.map.attribution}
        centre={walk.meetingLat !== null && walk.meetingLng !== null ? { lat: walk.meetingLat, lng: walk.meetingLng } : walk.centre}
        route={walk.route}
        routeLabel={t("walks.map.route")}
        meeting={
          walk.meetingLat !== null && walk.meetingLng !== null
            ? { lat: walk.meetingLat, lng: walk.meetingLng, label: t("walks.map.meetingPoint", { place: walk.meetingPoint }) }
            : null
        }
        points={points}
        picked={point}
        pickedLabel={t("walks.map.markerMine")}
        onPick={d.window.open ? (lat, lng) => setPoint({ lat, lng }) : undefined}
        onTilesFailed={() => setTilesFailed(true)}
        onSelect={(id) => document.getElementById(`plats-${id}`)?.scrollIntoView({ block: "center" })}
        focus={focus}
        clusterLabel={(count) => t("walks.map.cluster", { count })}
      />

      <section aria-labelledby="observe-heading">
        <h2 id="observe-heading">{t("walks.observe.heading")}</h2>
        {saved ? <Notice kind="success">{t(saved === "published" ? "walks.observe.saved" : "walks.observe.savedPending")}</Notice> : null}
        {message ? <Notice kind={message.kind}>{message.text}</Notice> : null}
        {live.upload ? (
          <div role="status">
            {live.upload.error ? (
              <p className="error-message">{t("walks.observe.uploadFailed", { error: tKey(t, live.upload.error) })}</p>
            ) : live.upload.done ? (
              <p>{t("walks.observe.uploadDone")}</p>
            ) : (
              <>
                <label htmlFor="upload-progress">{t("walks.observe.uploadProgress", { percent: live.upload.percent })}</label>
                <progress id="upload-progress" max={100} value={live.upload.percent} />
              </>
            )}
          </div>
        ) : null}
        {rejected.length ? (
          <div className="notice notice-warning" role="alert">
            <p>{t("walks.observe.rejectedHeading")}</p>
            <ul>
              {rejected.map((q) => {
                const [, key] =
                  (q.error ?? "").includes(":") && !(q.error ?? "").startsWith("walks.") ? (q.error ?? "").split(":") : ["", q.error ?? "walks.errors.generic"];
                const summary =
                  (q.payload.description as string | null | undefined) || (q.payload.address as string | null | undefined) || q.payload.categories.join(", ");
                return (
                  <li key={q.key}>
                    {t("walks.observe.rejectedItem", { summary, error: tKey(t, key) })}{" "}
                    <button
                      type="button"
                      onClick={() => {
                        setDraft(q.payload);
                        setFormErrors(errorsFromMessage(q.error ?? "walks.errors.generic"));
                        setFormKey(crypto.randomUUID());
                        void live.discard(q.key);
                      }}
                    >
                      {t("walks.observe.edit")}
                    </button>{" "}
                    <button type="button" onClick={() => void live.discard(q.key)}>
                      {t("walks.observe.discard")}
                    </button>
                  </li>
                );
              })}
            </ul>
          </div>
        ) : null}
        {d.window.open ? (
          <>
            {d.window.afterwards ? <p>{t("walks.observe.afterwards", { date: formatStamp(d.closesAt, i18n.language) })}</p> : <p>{t("walks.observe.intro")}</p>}
            <ObservationForm
              walkId={walk.id}
              idempotencyKey={formKey}
              defaultTimeOfDay={walk.actualLight ?? walk.expectedLight}
              landmarks={d.landmarks}
              groups={d.groups}
              point={point}
              onPoint={setPoint}
              errors={formErrors ?? (actionData && "errors" in actionData ? actionData.errors : undefined)}
              // Without JavaScript a refused post sends back what was typed.
              draft={draft ?? (actionData && "draft" in actionData ? (actionData.draft as ObservationPayload) : null)}
              onSubmit={onSubmit}
              busy={busy}
            />
          </>
        ) : (
          <Notice>{t(d.window.reason)}</Notice>
        )}
      </section>

      {live.mine.length ? (
        <section aria-labelledby="mine-heading">
          <h2 id="mine-heading">{t("walks.observations.mine")}</h2>
          <ul>
            {live.mine.map((o) => (
              <li key={o.id}>
                #{o.id} {o.address ?? `${o.lat.toFixed(5)}, ${o.lng.toFixed(5)}`} · {o.categories.map((c) => t(`walks.category.${c}`)).join(", ")}
                {o.status !== "published" ? ` · ${t(o.status === "pending" ? "walks.observations.pending" : "walks.observations.rejected")}` : ""}
                {o.photoStatus === "pending" ? ` · ${t("walks.observations.photoPending")}` : ""}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {d.followUp.show ? (
        <section aria-labelledby="followup-heading" id="uppfoljning">
          <h2 id="followup-heading">{t("measures.checks.revisitHeading")}</h2>
          {search.get("svar") === "sparat" ? <Notice kind="success">{t("measures.checks.saved")}</Notice> : null}
          <p>{t(d.followUp.canAnswer ? "measures.checks.revisitIntro" : "measures.checks.revisitBeforeStart")}</p>
          <RevisitList
            items={d.followUp.items}
            mine={d.followUp.mine}
            canAnswer={d.followUp.canAnswer}
            failed={actionData && "check" in actionData ? actionData.check : null}
          />
        </section>
      ) : null}

      <section aria-labelledby="list-heading" id="platser">
        <h2 id="list-heading">{t("walks.observations.heading")}</h2>
        <ObservationFilters filter={filter} />
        <ObservationTable items={visible} total={visible.length} onShow={(o) => setFocus({ lat: o.lat, lng: o.lng, seq: Date.now() })} />
      </section>
    </>
  );
}
