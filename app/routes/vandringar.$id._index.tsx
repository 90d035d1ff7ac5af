import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import QRCode from "qrcode";
import { useTranslation } from "react-i18next";
import { MeasureTable } from "~/components/measures/MeasureBits";
import { ObservationTable } from "~/components/walks/ObservationList";
import { walkLinks } from "~/components/walks/styles";
import { formatSpan, formatStamp } from "~/domain/common/format";
import { baseUrlFor } from "~/http/dialogues.server";
import { listMeasures } from "~/domain/measures/measures.server";
import { measureIdsForWalk } from "~/domain/measures/sources.server";
import { requireWalk } from "~/http/walks.server";
import { observationWindow, windowClosesAt } from "~/domain/walks/lifecycle";
import { listPublicObservations } from "~/domain/walks/observations.server";
import { acceptedActors } from "~/domain/walks/public.server";

export const links: LinksFunction = walkLinks;
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.walk.title ?? ""} – Tryggve` }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const walk = await requireWalk(context.db, params.id);
  const mapUrl = new URL(`/vandringar/${walk.id}/karta`, baseUrlFor(context, request)).toString();
  const [qrSvg, actors, obs, dialogue, measures] = await Promise.all([
    QRCode.toString(mapUrl, { type: "svg", margin: 1, errorCorrectionLevel: "M" }),
    acceptedActors(context.db, walk.id),
    listPublicObservations(context.db, { walkId: walk.id }, {}, { limit: 200 }),
    walk.dialogueId
      ? context.db.selectFrom("dialogues").select(["id", "title", "status"]).where("id", "=", walk.dialogueId).executeTakeFirst()
      : Promise.resolve(undefined),
    // Always the current status: read from the measures themselves on every request.
    measureIdsForWalk(context.db, walk.id).then((ids) => listMeasures(context.db, { ids })),
  ]);
  const now = context.clock.now();
  const win = observationWindow(walk, now, context.config.WALK_LATE_WINDOW_DAYS);
  return json({
    walk,
    mapUrl,
    qrSvg,
    actors,
    observations: obs.items,
    total: obs.total,
    measures,
    dialogue: dialogue && dialogue.status !== "draft" ? { id: dialogue.id, title: dialogue.title } : null,
    afterwardsUntil: win.open && win.afterwards ? windowClosesAt(walk.endsAt, context.config.WALK_LATE_WINDOW_DAYS) : null,
  });
}

export default function WalkPage() {
  const d = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const w = d.walk;
  return (
    <>
      <h1>{w.title}</h1>
      <p className="status">{t(`walks.status.${w.status}`)}</p>
      <dl className="figures">
        <dt>{t("walks.public.when")}</dt>
        <dd>{formatSpan(w.startsAt, w.endsAt, i18n.language)}</dd>
        <dt>{t("walks.public.meetingPoint")}</dt>
        <dd>{w.meetingPoint}</dd>
        <dt>{t("walks.fields.district")}</dt>
        <dd>
          <Link to={`/omraden/${w.districtSlug}`}>{w.districtName}</Link>
        </dd>
        <dt>{t("walks.fields.expectedLight")}</dt>
        <dd>{t(`walks.light.${w.expectedLight}`)}</dd>
      </dl>
      {w.purpose ? (
        <>
          <h2>{t("walks.fields.purpose")}</h2>
          <p className="user-text">{w.purpose}</p>
        </>
      ) : null}
      {w.weather ? <p>{t("walks.public.actual", { weather: w.weather, light: w.actualLight ? t(`walks.light.${w.actualLight}`) : "–" })}</p> : null}
      {d.actors.length ? (
        <p>
          {t("walks.public.actors")}: {d.actors.join(", ")}
        </p>
      ) : null}
      {d.dialogue ? (
        <p>
          {t("walks.public.dialogue")}: <Link to={`/dialoger/${d.dialogue.id}`}>{d.dialogue.title}</Link>
        </p>
      ) : null}
      <p className="inline-form">
        <Link to={`/vandringar/${w.id}/karta`} className="button-link primary">
          {t("walks.public.mapLink")}
        </Link>
        <a href={`/vandringar/${w.id}/kalender.ics`}>{t("walks.public.calendar")}</a>
      </p>
      {d.afterwardsUntil ? <p>{t("walks.public.afterwardsOpen", { date: formatStamp(d.afterwardsUntil, i18n.language) })}</p> : null}
      <figure className="qr">
        {/* SVG produced by the qrcode library from our own URL, no user input */}
        <div role="img" aria-label={t("walks.public.qrLabel")} dangerouslySetInnerHTML={{ __html: d.qrSvg }} />
        <figcaption>
          {t("walks.public.qrHint")} <span className="break-all">{d.mapUrl}</span>
        </figcaption>
      </figure>
      <section aria-labelledby="walk-measures" id="atgarder" data-slot="linked-measures">
        <h2 id="walk-measures">{t("measures.checks.linkedHeading")}</h2>
        {d.measures.length ? (
          <>
            <p>{t("measures.checks.linkedIntro")}</p>
            <MeasureTable rows={d.measures} caption={t("measures.checks.linkedCaption")} hrefFor={(id) => `/atgarder/${id}`} />
          </>
        ) : (
          <p>{t("measures.checks.linkedNone")}</p>
        )}
      </section>
      <section aria-labelledby="walk-observations" id="platser">
        <h2 id="walk-observations">{t("walks.public.observationsHeading")}</h2>
        <ObservationTable items={d.observations} total={d.total} />
      </section>
    </>
  );
}
