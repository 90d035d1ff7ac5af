import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import leafletCss from "leaflet/dist/leaflet.css";
import { RegisterMapLazy } from "~/components/cameras/CameraMapsLazy";
import { measureLinks } from "~/components/measures/styles";
import { getDistrictBySlug } from "~/domain/areas/districts.server";
import { publicRegister } from "~/domain/cameras/register.server";
import { notFound } from "~/http/not-found.server";
import { localeFromMatches, tFor } from "~/utils/i18n-helpers";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: leafletCss }, ...measureLinks()];
export const meta: MetaFunction<typeof loader> = ({ matches, data }) => [
  { title: `${tFor(localeFromMatches(matches))("cameras.public.title", { district: data?.district.name ?? "" })} – Tryggve` },
];

export async function loader({ params, context }: LoaderFunctionArgs) {
  const district = await getDistrictBySlug(context.db, params.slug ?? "");
  if (!district) notFound("district");
  return json({
    district,
    cameras: await publicRegister(context.db, district.id, context.clock.now()),
    map: { tileUrl: context.config.TILE_URL, attribution: context.config.TILE_ATTRIBUTION },
  });
}

function Fact({ label, value }: { label: string; value: string | null }) {
  if (!value) return null;
  return (
    <>
      <dt>{label}</dt>
      <dd className="user-text">{value}</dd>
    </>
  );
}

export default function DistrictCameras() {
  const { district, cameras, map } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const points = cameras.map((c) => ({
    id: c.id,
    name: c.name,
    detail: c.purpose ?? "",
    lat: c.lat,
    lng: c.lng,
    area: c.area ? c.area.coordinates[0].map(([lng, lat]) => [lat, lng] as [number, number]) : null,
    href: `#kamera-${c.id}`,
    linkLabel: t("cameras.public.listHeading"),
  }));
  return (
    <>
      <p>
        <Link to={`/omraden/${district.slug}`}>{t("cameras.public.back", { district: district.name })}</Link>
      </p>
      <h1>{t("cameras.public.title", { district: district.name })}</h1>
      <p>{t("cameras.public.intro", { district: district.name })}</p>
      <section aria-labelledby="easy-heading" className="card">
        <h2 id="easy-heading">{t("cameras.public.easyHeading")}</h2>
        <p>{t("cameras.public.easyIntro")}</p>
      </section>
      <p>{t("cameras.public.supervisor")}</p>
      <p className="inline-form">
        <a href={`/omraden/${district.slug}/kameror.geojson`}>{t("cameras.public.geojson")}</a>
        <a href={`/omraden/${district.slug}/kameror.csv`}>{t("cameras.public.csv")}</a>
      </p>
      <section aria-labelledby="map-heading">
        <h2 id="map-heading">{t("cameras.public.mapHeading")}</h2>
        <p className="hint">{t("cameras.public.mapNote")}</p>
        <RegisterMapLazy
          fallback={t("cameras.public.mapLoading")}
          tileUrl={map.tileUrl}
          attribution={map.attribution}
          centre={district.centre}
          points={points}
          label={t("cameras.public.mapHeading")}
        />
      </section>
      <section aria-labelledby="list-heading">
        <h2 id="list-heading">{t("cameras.public.listHeading")}</h2>
        {cameras.length === 0 ? (
          <p>{t("cameras.public.none", { district: district.name })}</p>
        ) : (
          <ul className="card-list" data-testid="camera-list">
            {cameras.map((c) => (
              <li key={c.id} id={`kamera-${c.id}`} className="card" tabIndex={-1}>
                <h3>{c.name}</h3>
                <p>
                  {c.address ?? `${c.lat}, ${c.lng}`} · {t(`cameras.state.${c.state}`)}
                  {c.area ? ` · ${t("cameras.public.area")}` : ""}
                </p>
                <dl>
                  <Fact label={t("cameras.public.purpose")} value={c.purpose} />
                  <Fact label={t("cameras.public.owner")} value={c.owner} />
                  <Fact
                    label={t("cameras.public.legalBasis")}
                    value={
                      c.legalBasis.kind === "imy_permit"
                        ? t("cameras.public.legalPermit", { ref: c.legalBasis.ref, date: c.legalBasis.date ?? "" })
                        : t("cameras.public.legalBalancing", { date: c.legalBasis.date ?? "" })
                    }
                  />
                  <Fact label={t("cameras.public.mode")} value={t(`cameras.mode.${c.mode}`)} />
                  <Fact label={t("cameras.public.hours")} value={c.recordingHours} />
                  <Fact label={t("cameras.public.retention")} value={c.retentionDays ? t("cameras.public.retentionDays", { count: c.retentionDays }) : null} />
                  <Fact label={t("cameras.public.contact")} value={c.contact} />
                  <Fact label={t("cameras.public.signText")} value={c.signText} />
                  <Fact label={t("cameras.public.signTextEasy")} value={c.signTextEasy} />
                  <Fact label={t("cameras.public.languages")} value={c.signLanguages} />
                  <dt>{t("cameras.public.latestReview")}</dt>
                  <dd className="user-text">
                    {c.latestReview
                      ? `${t("cameras.public.reviewSummary", { date: c.latestReview.reviewedOn, decision: t(`cameras.decision.${c.latestReview.decision}`) })}${
                          c.latestReview.summary ? ` – ${c.latestReview.summary}` : ""
                        }`
                      : t("cameras.public.noReview")}
                  </dd>
                </dl>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
