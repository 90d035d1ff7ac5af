import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { walkLinks } from "~/components/walks/styles";
import { listWalks } from "~/domain/walks/walks.server";
import { WalkCards } from "~/components/walks/WalkCards";
import { titleFor } from "~/utils/i18n-helpers";

export const links: LinksFunction = walkLinks;
export const meta: MetaFunction = ({ matches }) => titleFor(matches, "walks.title");

export async function loader({ context }: LoaderFunctionArgs) {
  const now = context.clock.now();
  const [upcoming, past] = await Promise.all([listWalks(context.db, { when: "upcoming" }, now), listWalks(context.db, { when: "past" }, now, 50)]);
  return json({ upcoming, past });
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
