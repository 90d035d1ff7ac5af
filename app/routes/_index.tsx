import { type MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useRootData } from "~/utils/root-data";
import { titleFor } from "~/utils/i18n-helpers";

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "app.tagline");

export default function Index() {
  const { t } = useTranslation();
  const data = useRootData();
  return (
    <>
      <h1>{t("home.heading")}</h1>
      <p className="lead">{t("home.lead")}</p>
      <p>{t("home.anonymous")}</p>
      <section aria-labelledby="districts-heading">
        <h2 id="districts-heading">{t("home.districtsHeading")}</h2>
        <ul className="card-list">
          {data?.districts.map((d) => (
            <li key={d.slug} className="card">
              <Link to={`/omraden/${d.slug}`}>{d.name}</Link>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
