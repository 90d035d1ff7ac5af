import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DialogueCard } from "~/components/dialogues/DialogueCard";
import { dialogueLinks } from "~/components/dialogues/styles";
import { getDistrictBySlug } from "~/domain/areas/districts.server";
import { listPast, listUpcoming } from "~/domain/dialogues/dialogues.server";
import { baseUrlFor } from "~/http/dialogues.server";
import { listWalks } from "~/domain/walks/walks.server";
import { WalkCards } from "~/components/walks/WalkCards";
import { districtMeasureCounts } from "~/domain/measures/measures.server";
import { notFound } from "~/http/not-found.server";

export const links: LinksFunction = dialogueLinks;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const district = await getDistrictBySlug(context.db, params.slug ?? "");
  if (!district) notFound("district");
  const now = context.clock.now();
  const [upcoming, past, walks] = await Promise.all([
    listUpcoming(context.db, { districtId: district.id }, now),
    listPast(context.db, { districtId: district.id }, now, 5),
    listWalks(context.db, { districtId: district.id, when: "all" }, now, 10),
  ]);
  const feedUrl = new URL(`/omraden/${district.slug}/kalender.ics`, baseUrlFor(context, request)).toString();
  return json({ district, upcoming, past, feedUrl, walks, measureCounts: await districtMeasureCounts(context.db, district.id) });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.district.name ?? ""} – Tryggve` }];

export default function DistrictPage() {
  const { district, upcoming, past, feedUrl, walks, measureCounts } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <h1>{district.name}</h1>
      <p>{t("districts.intro", { name: district.name })}</p>
      <section aria-labelledby="district-dialogues">
        <h2 id="district-dialogues">{t("dialogues.list.districtHeading", { district: district.name })}</h2>
        {upcoming.length === 0 ? <p>{t("dialogues.list.none")}</p> : null}
        <ul className="card-list">
          {upcoming.map((d) => (
            <DialogueCard key={d.id} d={d} />
          ))}
        </ul>
        <p>
          <a href={feedUrl}>{t("dialogues.list.calendarFeed", { district: district.name })}</a>
        </p>
        <p className="hint">{t("dialogues.list.calendarFeedHint")}</p>
        <p>
          <Link to={`/dialoger?omrade=${district.slug}`}>{t("dialogues.list.districtAll", { district: district.name })}</Link>
        </p>
      </section>
      {past.length ? (
        <section aria-labelledby="district-past">
          <h2 id="district-past">{t("dialogues.list.past")}</h2>
          <ul className="card-list">
            {past.map((d) => (
              <DialogueCard key={d.id} d={d} past />
            ))}
          </ul>
          <p>
            <Link to={`/dialoger/tidigare?omrade=${district.slug}`}>{t("dialogues.list.pastLink")}</Link>
          </p>
        </section>
      ) : null}
      <section aria-labelledby="district-measures">
        <h2 id="district-measures">{t("measures.public.districtHeading")}</h2>
        <p>{t("measures.public.districtSummary", measureCounts)}</p>
        <p className="inline-form">
          <Link to={`/omraden/${district.slug}/atgarder`}>{t("measures.public.districtLink", { district: district.name })}</Link>
          <Link to={`/omraden/${district.slug}/oversikt`}>{t("measures.public.dashboardLink")}</Link>
          <Link to={`/omraden/${district.slug}/kameror`}>{t("cameras.public.districtLink")}</Link>
        </p>
      </section>
      <section aria-labelledby="district-walks">
        <h2 id="district-walks">{t("walks.list.districtHeading", { district: district.name })}</h2>
        {walks.length ? <WalkCards walks={walks} /> : <p>{t("walks.list.none")}</p>}
        <p>
          <Link to={`/omraden/${district.slug}/platser`}>{t("walks.list.districtMap", { district: district.name })}</Link>
        </p>
      </section>
    </>
  );
}
