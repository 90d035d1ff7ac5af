import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { walkLinks } from "~/components/walks/styles";
import { formatSpan } from "~/domain/common/format";
import { requireStaff } from "~/http/auth.server";
import { listWalks } from "~/domain/walks/walks.server";
import { titleFor } from "~/utils/i18n-helpers";

export const links: LinksFunction = walkLinks;
export const meta: MetaFunction = ({ matches }) => titleFor(matches, "walks.staffTitle");

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireStaff(request, context, "walks.manage");
  return json({ walks: await listWalks(context.db, { when: "all" }, context.clock.now(), 300) });
}

export default function StaffWalks() {
  const { walks } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  return (
    <>
      <h1>{t("walks.staffTitle")}</h1>
      <p className="inline-form">
        <Link to="/personal/vandringar/ny" className="button-link primary">
          {t("walks.staff.new")}
        </Link>
      </p>
      {walks.length === 0 ? (
        <p>{t("walks.staff.none")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("walks.staff.list")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("walks.fields.title")}</th>
                <th scope="col">{t("walks.fields.district")}</th>
                <th scope="col">{t("walks.fields.when")}</th>
                <th scope="col">{t("walks.staff.lifecycle")}</th>
              </tr>
            </thead>
            <tbody>
              {walks.map((w) => (
                <tr key={w.id}>
                  <td>
                    <Link to={`/personal/vandringar/${w.id}`}>{w.title}</Link>
                  </td>
                  <td>{w.districtName}</td>
                  <td>{formatSpan(w.startsAt, w.endsAt, i18n.language)}</td>
                  <td>{t(`walks.status.${w.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
