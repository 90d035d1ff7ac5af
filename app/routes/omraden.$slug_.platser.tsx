import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DistrictMap } from "~/components/walks/DistrictMap";
import { ObservationFilters, ObservationTable } from "~/components/walks/ObservationList";
import { walkLinks } from "~/components/walks/styles";
import { getDistrictBySlug } from "~/domain/areas/districts.server";
import { filterFromSearch } from "~/domain/walks/list";
import { listPublicObservations } from "~/domain/walks/observations.server";
import { ObservationFilterSchema } from "~/domain/walks/walk.schema";
import { notFound } from "~/http/not-found.server";

export const links: LinksFunction = walkLinks;
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.district.name ?? ""} – Tryggve` }];

const PAGE = 100;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const district = await getDistrictBySlug(context.db, params.slug ?? "");
  if (!district) notFound("district");
  const url = new URL(request.url);
  const filter = ObservationFilterSchema.parse(filterFromSearch(url.searchParams));
  const page = Math.max(0, Math.min(10_000, Number(url.searchParams.get("sida") ?? 0) || 0));
  const { items, total } = await listPublicObservations(context.db, { districtId: district.id }, filter, { limit: PAGE, offset: page * PAGE });
  return json({
    district,
    filter,
    items,
    total,
    page,
    pages: Math.ceil(total / PAGE),
    map: { tileUrl: context.config.TILE_URL, attribution: context.config.TILE_ATTRIBUTION },
  });
}

export default function DistrictPlaces() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const params = (page: number) => {
    const p = new URLSearchParams();
    if (d.filter.category) p.set("kategori", d.filter.category);
    if (d.filter.timeOfDay) p.set("tid", d.filter.timeOfDay);
    if (d.filter.status) p.set("status", d.filter.status);
    if (d.filter.sort) p.set("sortera", d.filter.sort);
    p.set("sida", String(page));
    return `?${p.toString()}#platser`;
  };
  return (
    <>
      <p>
        <Link to={`/omraden/${d.district.slug}`}>← {d.district.name}</Link>
      </p>
      <h1>{t("walks.list.districtMap", { district: d.district.name })}</h1>
      <DistrictMap slug={d.district.slug} centre={d.district.centre} filter={d.filter} map={d.map} />
      <section aria-labelledby="list-heading" id="platser">
        <h2 id="list-heading">{t("walks.observations.heading")}</h2>
        <ObservationFilters filter={d.filter} />
        <ObservationTable items={d.items} total={d.total} />
        {d.page + 1 < d.pages ? (
          <p>
            <Link to={params(d.page + 1)}>{t("walks.observations.more")}</Link>
          </p>
        ) : null}
      </section>
    </>
  );
}
