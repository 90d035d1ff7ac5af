import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDistrictBySlug } from "../domain/areas/districts.server";

export async function loader({ params, context }: LoaderFunctionArgs) {
  const district = await getDistrictBySlug(context.db, params.slug ?? "");
  if (!district) throw json({ error: "districts.notFound" }, { status: 404 });
  return json({ district });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.district.name ?? ""} – Tryggve` }];

export default function DistrictPage() {
  const { district } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <h1>{district.name}</h1>
      <p>{t("districts.intro", { name: district.name })}</p>
      <p>{t("districts.nothingYet")}</p>
    </>
  );
}
