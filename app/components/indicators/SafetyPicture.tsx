/**
 * The district page's safety picture (docs/indicators.md): perceived insecurity and reported
 * crime over time side by side, each chart with a table of the same data, its source and period
 * and a caveat; the standard safety question's answers in dialogues and the measures done.
 */
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { BarChart } from "~/components/measures/BarChart";
import type { SeriesPoint } from "~/domain/indicators/indicators.server";
import { formatDay } from "~/domain/common/format";

// Colours meet 3:1 against white (WCAG 1.4.11); the tables carry the same data.
const BLUE = "#0b4f8a";
const RED = "#8a1c1c";
const GREEN = "#1e6b34";

/** A table that may scroll sideways on a phone: a named region reachable by keyboard (WCAG 2.1.1). */
export function TableRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
    <div className="table-wrap" tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}

interface Picture {
  perceived: SeriesPoint[];
  crime: SeriesPoint[];
  polls: Array<{ dialogueId: number; title: string; date: string; total: number; unsafePercent: number | null }>;
  measuresDone: Array<{ year: string; count: number }>;
  walkFeeling: Array<{ year: string; count: number; mean: number }>;
}

function Sources({ points }: { points: SeriesPoint[] }) {
  const { t } = useTranslation();
  const sources = [...new Map(points.map((p) => [p.sourceName, p.sourceUrl])).entries()];
  const periods = points.map((p) => p.period).sort();
  return (
    <p>
      {t("indicators.public.source")}:{" "}
      {sources.map(([name, url], i) => (
        <span key={name}>
          {i > 0 ? "; " : ""}
          <a href={url} rel="noopener noreferrer">
            {name}
          </a>
        </span>
      ))}{" "}
      ({periods[0]}–{periods[periods.length - 1]})
    </p>
  );
}

/** Sums categories per period (a total row, category '', is used as it is when present). */
function totals(points: SeriesPoint[]): Array<{ period: string; value: number }> {
  const byPeriod = new Map<string, { total: number | null; sum: number }>();
  for (const p of points) {
    const e = byPeriod.get(p.period) ?? { total: null, sum: 0 };
    if (p.category === "") e.total = p.value;
    else e.sum += p.value;
    byPeriod.set(p.period, e);
  }
  return [...byPeriod.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([period, e]) => ({ period, value: e.total ?? Math.round(e.sum * 100) / 100 }));
}

export function SafetyPicture({ picture, csvUrl }: { picture: Picture; csvUrl: string }) {
  const { t, i18n } = useTranslation();
  const { perceived, crime, polls, measuresDone, walkFeeling } = picture;
  const illustrative = [...perceived, ...crime].some((p) => p.illustrative);
  const crimeTotals = totals(crime);
  const chartLabel = (title: string) => t("measures.dashboard.chartLabel", { title });
  return (
    <section aria-labelledby="safety-picture" className="dashboard-section" data-testid="safety-picture">
      <h2 id="safety-picture">{t("indicators.public.heading")}</h2>
      <p>{t("indicators.public.intro")}</p>
      {illustrative ? <p className="notice notice-warning">{t("indicators.public.illustrative")}</p> : null}
      {perceived.length === 0 && crime.length === 0 ? (
        <p>{t("indicators.public.none")}</p>
      ) : (
        <p>
          <a href={csvUrl}>{t("indicators.public.csv")}</a>
        </p>
      )}
      <div className="dashboard-panel">
        {perceived.length > 0 ? (
          <section aria-labelledby="perceived" data-testid="perceived-series">
            <h3 id="perceived">{t("indicators.public.perceivedHeading")}</h3>
            <BarChart
              title={t("indicators.public.perceivedHeading")}
              label={chartLabel(t("indicators.public.perceivedHeading"))}
              labels={perceived.map((p) => p.period)}
              series={[{ label: perceived[0]!.unit, colour: BLUE, values: perceived.map((p) => p.value) }]}
            />
            <TableRegion label={t("indicators.public.perceivedHeading")}>
              <table>
                <caption>{t("indicators.public.perceivedHeading")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("indicators.public.period")}</th>
                    <th scope="col">{t("indicators.public.value")}</th>
                    <th scope="col">{t("indicators.public.source")}</th>
                  </tr>
                </thead>
                <tbody>
                  {perceived.map((p) => (
                    <tr key={`${p.period}-${p.sourceName}`}>
                      <th scope="row">{p.period}</th>
                      <td>
                        {p.value} {p.unit}
                      </td>
                      <td>{p.sourceName}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableRegion>
            <Sources points={perceived} />
            <p className="muted">{t("indicators.public.caveatPerceived")}</p>
          </section>
        ) : null}
        {crime.length > 0 ? (
          <section aria-labelledby="crime" data-testid="crime-series">
            <h3 id="crime">{t("indicators.public.crimeHeading")}</h3>
            <BarChart
              title={t("indicators.public.crimeHeading")}
              label={chartLabel(t("indicators.public.crimeHeading"))}
              labels={crimeTotals.map((p) => p.period)}
              series={[{ label: crime[0]!.unit, colour: RED, values: crimeTotals.map((p) => p.value) }]}
            />
            <TableRegion label={t("indicators.public.crimeHeading")}>
              <table>
                <caption>{t("indicators.public.crimeHeading")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("indicators.public.period")}</th>
                    <th scope="col">{t("indicators.public.category")}</th>
                    <th scope="col">{t("indicators.public.value")}</th>
                    <th scope="col">{t("indicators.public.source")}</th>
                  </tr>
                </thead>
                <tbody>
                  {crime.map((p) => (
                    <tr key={`${p.period}-${p.category}-${p.sourceName}`}>
                      <th scope="row">{p.period}</th>
                      <td>{p.category || t("indicators.public.total")}</td>
                      <td>
                        {p.value} {p.unit}
                      </td>
                      <td>{p.sourceName}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableRegion>
            <Sources points={crime} />
            <p className="muted">{t("indicators.public.caveatCrime")}</p>
          </section>
        ) : null}
      </div>
      {polls.length > 0 ? (
        <section aria-labelledby="poll-series" data-testid="poll-series">
          <h3 id="poll-series">{t("indicators.public.pollsHeading")}</h3>
          <BarChart
            title={t("indicators.public.pollsHeading")}
            label={chartLabel(t("indicators.public.pollsHeading"))}
            labels={polls.map((p) => formatDay(p.date, i18n.language))}
            series={[{ label: t("indicators.public.unsafeShare"), colour: GREEN, values: polls.map((p) => p.unsafePercent ?? 0) }]}
          />
          <TableRegion label={t("indicators.public.pollsHeading")}>
            <table>
              <caption>{t("indicators.public.pollsHeading")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("indicators.public.dialogue")}</th>
                  <th scope="col">{t("indicators.public.answers")}</th>
                  <th scope="col">{t("indicators.public.unsafeShare")}</th>
                </tr>
              </thead>
              <tbody>
                {polls.map((p) => (
                  <tr key={`${p.dialogueId}-${p.date}`}>
                    <th scope="row">
                      {p.title}, {formatDay(p.date, i18n.language)}
                    </th>
                    <td>{p.total}</td>
                    <td>{p.unsafePercent ?? "–"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
          <p className="muted">{t("polls.caveat")}</p>
        </section>
      ) : null}
      {walkFeeling.length > 0 ? (
        <section aria-labelledby="walk-feeling" data-testid="walk-feeling">
          <h3 id="walk-feeling">{t("indicators.public.walkHeading")}</h3>
          <TableRegion label={t("indicators.public.walkHeading")}>
            <table>
              <caption>{t("indicators.public.walkHeading")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("indicators.public.year")}</th>
                  <th scope="col">{t("indicators.public.places")}</th>
                  <th scope="col">{t("indicators.public.feelingMean")}</th>
                </tr>
              </thead>
              <tbody>
                {walkFeeling.map((w) => (
                  <tr key={w.year}>
                    <th scope="row">{w.year}</th>
                    <td>{w.count}</td>
                    <td>{w.mean}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
          <p className="muted">{t("indicators.public.walkCaveat")}</p>
        </section>
      ) : null}
      {measuresDone.length > 0 ? (
        <section aria-labelledby="measures-done">
          <h3 id="measures-done">{t("indicators.public.measuresHeading")}</h3>
          <TableRegion label={t("indicators.public.measuresHeading")}>
            <table>
              <caption>{t("indicators.public.measuresHeading")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("indicators.public.year")}</th>
                  <th scope="col">{t("indicators.public.done")}</th>
                </tr>
              </thead>
              <tbody>
                {measuresDone.map((m) => (
                  <tr key={m.year}>
                    <th scope="row">{m.year}</th>
                    <td>{m.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        </section>
      ) : null}
    </section>
  );
}
