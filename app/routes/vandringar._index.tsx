import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { walkLinks } from "../components/walks/styles";
import { formatSpan } from "../domain/dialogues/format";
import { listWalks, type Walk } from "../domain/walks/walks.server";
import { titleFor } from "../utils/i18n-helpers";

export const links: LinksFunction = walkLinks;
export const meta: MetaFunction = ({ matches }) => titleFor(matches, "walks.title");

export async function loader({ context }: LoaderFunctionArgs) {
  const now = new Date();
  const [upcoming, past] = await Promise.all([listWalks(context.db, { when: "upcoming" }, now), listWalks(context.db, { when: "past" }, now, 50)]);
  return json({ upcoming, past });
}

export function WalkCards({ walks }: { walks: Walk[] }) {
  const { t, i18n } = useTranslation();
  return (
    <ul className="card-list">
      {walks.map((w) => (
        <li key={w.id} className="card">
          <h3 className="card-title">
            <Link to={`/vandringar/${w.id}`}>{w.title}</Link>
          </h3>
          <p>
            {w.districtName} · {formatSpan(w.startsAt, w.endsAt, i18n.language)} · {t(`walks.light.${w.expectedLight}`)} · {t(`walks.status.${w.status}`)}
          </p>
        </li>
      ))}
    </ul>
  );
}

export default function Walks() {
  const { upcoming, past } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <h1>{t("walks.list.heading")}</h1>
      <section aria-labelledby="walks-upcoming">
        <h2 id="walks-upcoming">{t("walks.list.upcoming")}</h2>
        {upcoming.length ? <WalkCards walks={upcoming} /> : <p>{t("walks.list.none")}</p>}
      </section>
      <section aria-labelledby="walks-past">
        <h2 id="walks-past">{t("walks.list.past")}</h2>
        {past.length ? <WalkCards walks={past} /> : <p>{t("walks.list.none")}</p>}
      </section>
    </>
  );
}
