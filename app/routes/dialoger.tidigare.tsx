import { json, type LoaderFunctionArgs, type MetaFunction, type LinksFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { dialogueLinks } from "~/components/dialogues/styles";
import { DialogueCard } from "~/components/dialogues/DialogueCard";
import { getDistrictBySlug } from "~/domain/areas/districts.server";
import { listPast } from "~/domain/dialogues/dialogues.server";
import { titleFor } from "~/utils/i18n-helpers";

export const links: LinksFunction = dialogueLinks;
export const meta: MetaFunction = ({ matches }) => titleFor(matches, "dialogues.list.past");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const slug = new URL(request.url).searchParams.get("omrade");
  const district = slug ? await getDistrictBySlug(context.db, slug) : null;
  return json({
    dialogues: await listPast(context.db, { districtId: district?.id }, context.clock.now()),
    district: district ? { name: district.name } : null,
  });
}

export default function PastDialogues() {
  const { dialogues, district } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <h1>
        {t("dialogues.list.past")}
        {district ? ` – ${district.name}` : ""}
      </h1>
      {dialogues.length === 0 ? <p>{t("dialogues.list.nonePast")}</p> : null}
      <ul className="card-list">
        {dialogues.map((d) => (
          <DialogueCard key={d.id} d={d} past headingLevel={2} />
        ))}
      </ul>
      <p>
        <Link to="/dialoger">{t("dialogues.list.upcomingLink")}</Link>
      </p>
    </>
  );
}
