import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { measureLinks } from "~/components/measures/styles";
import { listCameras } from "~/domain/cameras/cameras.server";
import { requireStaff } from "~/http/auth.server";
import { titleFor } from "~/utils/i18n-helpers";

export const links: LinksFunction = measureLinks;
export const meta: MetaFunction = ({ matches }) => titleFor(matches, "cameras.staffTitle");

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireStaff(request, context, "cameras.manage");
  const overdueOnly = new URL(request.url).searchParams.get("forsenade") === "1";
  const all = await listCameras(context.db, {}, context.clock.now());
  const overdue = all.filter((c) => c.reviewFlag === "overdue").length;
  return json({ cameras: overdueOnly ? all.filter((c) => c.reviewFlag === "overdue") : all, overdue, overdueOnly });
}

export default function StaffCameras() {
  const { cameras, overdue, overdueOnly } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <h1>{t("cameras.staffTitle")}</h1>
      <p>{t("cameras.staffIntro")}</p>
      {overdue > 0 ? (
        <p className="notice notice-warning" data-testid="overdue-count">
          {t("cameras.list.overdueCount", { count: overdue })}
        </p>
      ) : null}
      <p className="inline-form">
        <Link to="/personal/kameror/ny" className="button-link primary">
          {t("cameras.list.new")}
        </Link>
        {overdueOnly ? (
          <Link to="/personal/kameror">{t("cameras.list.showAll")}</Link>
        ) : (
          <Link to="/personal/kameror?forsenade=1">{t("cameras.list.overdueOnly")}</Link>
        )}
      </p>
      {cameras.length === 0 ? (
        <p>{t("cameras.list.none")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption>{t("cameras.list.caption", { count: cameras.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("cameras.list.name")}</th>
                <th scope="col">{t("cameras.list.district")}</th>
                <th scope="col">{t("cameras.list.owner")}</th>
                <th scope="col">{t("cameras.list.state")}</th>
                <th scope="col">{t("cameras.list.review")}</th>
              </tr>
            </thead>
            <tbody>
              {cameras.map((c) => (
                <tr key={c.id} id={`kamera-${c.id}`}>
                  <th scope="row">
                    <Link to={`/personal/kameror/${c.id}`}>{c.name}</Link>
                  </th>
                  <td>{c.districtName}</td>
                  <td>{c.ownerName ?? t("cameras.page.noValue")}</td>
                  <td>{t(`cameras.state.${c.state}`)}</td>
                  <td className={c.reviewFlag === "overdue" ? "overdue-label" : undefined}>{t(`cameras.flag.${c.reviewFlag}`, { due: c.reviewDue ?? "" })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
