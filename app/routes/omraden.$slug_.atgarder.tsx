import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import leafletCss from "leaflet/dist/leaflet.css";
import { MeasureTable } from "~/components/measures/MeasureBits";
import { MeasureFilterFields } from "~/components/measures/MeasureFilterFields";
import { MeasuresMapLazy } from "~/components/measures/MeasuresMapLazy";
import { measureLinks } from "~/components/measures/styles";
import { getDistrictBySlug } from "~/domain/areas/districts.server";
import { ListFilterSchema } from "~/domain/measures/measures.schema";
import { listMeasures, organisationsWithMeasures } from "~/domain/measures/measures.server";
import { tFor, localeFromMatches } from "~/utils/i18n-helpers";
import { notFound } from "~/http/not-found.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: leafletCss }, ...measureLinks()];
export const meta: MetaFunction<typeof loader> = ({ matches, data }) => [
  { title: `${tFor(localeFromMatches(matches))("measures.public.listTitle", { district: data?.district.name ?? "" })} – Tryggve` },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const district = await getDistrictBySlug(context.db, params.slug ?? "");
  if (!district) notFound("district");
  const sp = new URL(request.url).searchParams;
  const filter = ListFilterSchema.parse(Object.fromEntries(sp));
  const [measures, organisations] = await Promise.all([
    listMeasures(context.db, { ...filter, districtId: district.id }, context.clock.now()),
    organisationsWithMeasures(context.db, district.id),
  ]);
  return json({
    district,
    measures,
    organisations,
    filter,
    query: sp.toString(),
    map: { tileUrl: context.config.TILE_URL, attribution: context.config.TILE_ATTRIBUTION },
  });
}

export default function DistrictMeasures() {
  const { district, measures, organisations, filter, query, map } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const points = measures.flatMap((m) =>
    m.lat !== null && m.lng !== null
      ? [{ id: m.id, title: m.title, statusLabel: t(`measures.status.${m.status}`), lat: m.lat, lng: m.lng, href: `/atgarder/${m.id}` }]
      : [],
  );
  const csvQuery = new URLSearchParams(query);
  csvQuery.set("omrade", district.slug);
  return (
    <>
      <p>
        <Link to={`/omraden/${district.slug}`}>← {t("measures.public.backToDistrict", { district: district.name })}</Link>
      </p>
      <h1>{t("measures.public.listTitle", { district: district.name })}</h1>
      <p>{t("measures.public.intro")}</p>
      <p className="inline-form">
        <Link to={`/omraden/${district.slug}/oversikt`}>{t("measures.public.dashboardLink")}</Link>
        <a href={`/atgarder.csv?${csvQuery.toString()}`}>{t("measures.public.csv")}</a>
        <a href="/open311/v2/services.json">{t("measures.public.open311")}</a>
      </p>
      <Form method="get" className="measure-filters" aria-label={t("measures.public.filters")}>
        <MeasureFilterFields filter={filter} organisations={organisations} />
        <button type="submit">{t("measures.public.apply")}</button>
      </Form>
      <section aria-labelledby="map-heading">
        <h2 id="map-heading">{t("measures.public.mapHeading")}</h2>
        <p className="hint">{t("measures.public.mapNote")}</p>
        <MeasuresMapLazy
          fallback={t("measures.public.mapLoading")}
          tileUrl={map.tileUrl}
          attribution={map.attribution}
          centre={district.centre}
          points={points}
        />
      </section>
      <section aria-labelledby="list-heading">
        <h2 id="list-heading">{t("measures.public.listHeading")}</h2>
        {measures.length === 0 ? (
          <p>{t("measures.public.none")}</p>
        ) : (
          <MeasureTable rows={measures} caption={t("measures.public.count", { count: measures.length })} hrefFor={(id) => `/atgarder/${id}`} />
        )}
      </section>
    </>
  );
}
