import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BarChart } from "~/components/measures/BarChart";
import { MeasureTable } from "~/components/measures/MeasureBits";
import { measureLinks } from "~/components/measures/styles";
import { getDistrictBySlug } from "~/domain/areas/districts.server";
import { districtDashboard } from "~/domain/measures/dashboard.server";
import { tFor, localeFromMatches } from "~/utils/i18n-helpers";
import { notFound } from "~/http/not-found.server";
import { tKey } from "~/i18n/keys";
import { SafetyPicture } from "~/components/indicators/SafetyPicture";
import { districtSafetyPicture } from "~/domain/indicators/indicators.server";

export const links: LinksFunction = measureLinks;
export const meta: MetaFunction<typeof loader> = ({ matches, data }) => [
  { title: `${tFor(localeFromMatches(matches))("measures.dashboard.title", { district: data?.district.name ?? "" })} – Tryggve` },
];

export async function loader({ params, context }: LoaderFunctionArgs) {
  const district = await getDistrictBySlug(context.db, params.slug ?? "");
  if (!district) notFound("district");
  return json({
    district,
    d: await districtDashboard(context.db, district.id, context.clock.now()),
    picture: await districtSafetyPicture(context.db, district.id),
  });
}

// Colours meet 3:1 against white (WCAG 1.4.11); the tables carry the same data.
const BLUE = "#0b4f8a";
const GREEN = "#1e6b34";

export default function Dashboard() {
  const { district, d, picture } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const csv = (table: string) => `/omraden/${district.slug}/oversikt.csv?tabell=${table}`;
  return (
    <>
      <p>
        <Link to={`/omraden/${district.slug}/atgarder`}>← {t("measures.public.listTitle", { district: district.name })}</Link>
      </p>
      <h1>{t("measures.dashboard.title", { district: district.name })}</h1>
      <p>{t("measures.dashboard.intro")}</p>
      <p>{t("measures.dashboard.total", { count: d.total })}</p>

      <SafetyPicture picture={picture} csvUrl={`/omraden/${district.slug}/trygghet.csv`} />

      <section aria-labelledby="by-status" className="dashboard-section">
        <h2 id="by-status">{t("measures.dashboard.byStatus")}</h2>
        <div className="dashboard-panel">
          <BarChart
            title={t("measures.dashboard.byStatus")}
            label={t("measures.dashboard.chartLabel", { title: t("measures.dashboard.byStatus") })}
            labels={d.byStatus.map((s) => t(`measures.status.${s.status}`))}
            series={[{ label: t("measures.dashboard.count"), colour: BLUE, values: d.byStatus.map((s) => s.count) }]}
          />
          <div className="table-wrap">
            <table>
              <caption>{t("measures.dashboard.byStatus")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("measures.fields.status")}</th>
                  <th scope="col">{t("measures.dashboard.count")}</th>
                </tr>
              </thead>
              <tbody>
                {d.byStatus.map((s) => (
                  <tr key={s.status}>
                    <th scope="row">{t(`measures.status.${s.status}`)}</th>
                    <td>{s.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p>
              <a href={csv("status")}>{t("measures.dashboard.csv")}</a>
            </p>
          </div>
        </div>
      </section>

      <section aria-labelledby="by-party" className="dashboard-section">
        <h2 id="by-party">{t("measures.dashboard.byParty")}</h2>
        <div className="dashboard-panel">
          <BarChart
            title={t("measures.dashboard.byParty")}
            label={t("measures.dashboard.chartLabel", { title: t("measures.dashboard.byParty") })}
            labels={d.byParty.map((p) => p.organisation)}
            series={[
              { label: t("measures.dashboard.open"), colour: BLUE, values: d.byParty.map((p) => p.open) },
              { label: t("measures.dashboard.done"), colour: GREEN, values: d.byParty.map((p) => p.done) },
            ]}
          />
          <div className="table-wrap">
            <table>
              <caption>{t("measures.dashboard.byParty")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("measures.fields.responsible")}</th>
                  <th scope="col">{t("measures.dashboard.open")}</th>
                  <th scope="col">{t("measures.dashboard.done")}</th>
                  <th scope="col">{t("measures.dashboard.declined")}</th>
                  <th scope="col">{t("measures.dashboard.overdueCol")}</th>
                </tr>
              </thead>
              <tbody>
                {d.byParty.map((p) => (
                  <tr key={p.organisation}>
                    <th scope="row">{p.organisation}</th>
                    <td>{p.open}</td>
                    <td>{p.done}</td>
                    <td>{p.declined}</td>
                    <td>{p.overdue}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p>
              <a href={csv("organisation")}>{t("measures.dashboard.csv")}</a>
            </p>
          </div>
        </div>
      </section>

      <section aria-labelledby="median" className="dashboard-section">
        <h2 id="median">{t("measures.dashboard.median")}</h2>
        <p data-testid="median-days">
          {d.medianDaysToDone === null
            ? t("measures.dashboard.medianNone")
            : t("measures.dashboard.medianValue", { days: d.medianDaysToDone, count: d.doneCount })}
        </p>
      </section>

      <section aria-labelledby="trend" className="dashboard-section">
        <h2 id="trend">{t("measures.dashboard.trend")}</h2>
        <div className="dashboard-panel">
          <BarChart
            title={t("measures.dashboard.trend")}
            label={t("measures.dashboard.chartLabel", { title: t("measures.dashboard.trend") })}
            labels={d.trend.map((m) => m.month)}
            series={[
              { label: t("measures.dashboard.proposed"), colour: BLUE, values: d.trend.map((m) => m.proposed) },
              { label: t("measures.dashboard.done"), colour: GREEN, values: d.trend.map((m) => m.done) },
            ]}
          />
          <div className="table-wrap">
            <table>
              <caption>{t("measures.dashboard.trend")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("measures.dashboard.month")}</th>
                  <th scope="col">{t("measures.dashboard.proposed")}</th>
                  <th scope="col">{t("measures.dashboard.done")}</th>
                </tr>
              </thead>
              <tbody>
                {d.trend.map((m) => (
                  <tr key={m.month}>
                    <th scope="row">{m.month}</th>
                    <td>{m.proposed}</td>
                    <td>{m.done}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p>
              <a href={csv("trend")}>{t("measures.dashboard.csv")}</a>
            </p>
          </div>
        </div>
      </section>

      <section aria-labelledby="overdue" className="dashboard-section">
        <h2 id="overdue">{t("measures.dashboard.overdue")}</h2>
        {d.overdue.length === 0 ? (
          <p>{t("measures.dashboard.overdueNone")}</p>
        ) : (
          <MeasureTable rows={d.overdue} caption={t("measures.dashboard.overdue")} hrefFor={(id) => `/atgarder/${id}`} />
        )}
        <p>
          <a href={csv("overdue")}>{t("measures.dashboard.csv")}</a>
        </p>
      </section>

      <section aria-labelledby="obs-category" className="dashboard-section">
        <h2 id="obs-category">{t("measures.dashboard.obsByCategory")}</h2>
        {d.observations.total === 0 ? (
          <p>{t("measures.dashboard.obsNone")}</p>
        ) : (
          <div className="dashboard-panel">
            <BarChart
              title={t("measures.dashboard.obsByCategory")}
              label={t("measures.dashboard.chartLabel", { title: t("measures.dashboard.obsByCategory") })}
              labels={d.observations.byCategory.map((c) => tKey(t, `walks.category.${c.category}`))}
              series={[{ label: t("measures.dashboard.count"), colour: BLUE, values: d.observations.byCategory.map((c) => c.count) }]}
            />
            <div className="table-wrap">
              <table>
                <caption>{t("measures.dashboard.obsByCategory")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("measures.dashboard.obsCategory")}</th>
                    <th scope="col">{t("measures.dashboard.count")}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.observations.byCategory.map((c) => (
                    <tr key={c.category}>
                      <th scope="row">{tKey(t, `walks.category.${c.category}`)}</th>
                      <td>{c.count}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p>
                <a href={csv("observation_category")}>{t("measures.dashboard.csv")}</a>
              </p>
            </div>
          </div>
        )}
      </section>

      {d.observations.total > 0 ? (
        <section aria-labelledby="obs-time" className="dashboard-section">
          <h2 id="obs-time">{t("measures.dashboard.obsByTime")}</h2>
          <div className="dashboard-panel">
            <BarChart
              title={t("measures.dashboard.obsByTime")}
              label={t("measures.dashboard.chartLabel", { title: t("measures.dashboard.obsByTime") })}
              labels={d.observations.byTimeOfDay.map((c) => t(`walks.light.${c.timeOfDay}`))}
              series={[{ label: t("measures.dashboard.count"), colour: BLUE, values: d.observations.byTimeOfDay.map((c) => c.count) }]}
            />
            <div className="table-wrap">
              <table>
                <caption>{t("measures.dashboard.obsByTime")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("measures.dashboard.obsTime")}</th>
                    <th scope="col">{t("measures.dashboard.count")}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.observations.byTimeOfDay.map((c) => (
                    <tr key={c.timeOfDay}>
                      <th scope="row">{t(`walks.light.${c.timeOfDay}`)}</th>
                      <td>{c.count}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p>
                <a href={csv("observation_time")}>{t("measures.dashboard.csv")}</a>
              </p>
            </div>
          </div>
        </section>
      ) : null}
    </>
  );
}
