import { json, type LoaderFunctionArgs, type MetaFunction, type LinksFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { dialogueLinks } from "~/components/dialogues/styles";
import { listForStaff } from "~/domain/dialogues/dialogues.server";
import { formatSpan } from "~/domain/common/format";
import { requireStaff } from "~/http/auth.server";
import { titleFor } from "~/utils/i18n-helpers";

export const links: LinksFunction = dialogueLinks;
export const meta: MetaFunction = ({ matches }) => titleFor(matches, "dialogues.staffTitle");

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireStaff(request, context, "dialogues.manage");
  return json({ dialogues: await listForStaff(context.db) });
}

export default function StaffDialogues() {
  const { dialogues } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  return (
    <>
      <h1>{t("dialogues.staffTitle")}</h1>
      <p className="inline-form">
        <Link to="/personal/dialoger/ny" className="button-link primary">
          {t("dialogues.staff.create")}
        </Link>
        <Link to="/personal/utkorg">{t("dialogues.staff.outbox")}</Link>
      </p>
      {dialogues.length === 0 ? (
        <p>{t("dialogues.staff.none")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("dialogues.staff.list")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("dialogues.fields.title")}</th>
                <th scope="col">{t("dialogues.fields.district")}</th>
                <th scope="col">{t("dialogues.fields.when")}</th>
                <th scope="col">{t("dialogues.staff.lifecycle")}</th>
              </tr>
            </thead>
            <tbody>
              {dialogues.map((d) => (
                <tr key={d.id}>
                  <td>
                    <Link to={`/personal/dialoger/${d.id}`}>{d.title}</Link>
                  </td>
                  <td>{d.districtName}</td>
                  <td>{formatSpan(d.startsAt, d.endsAt, i18n.language)}</td>
                  <td>{t(`dialogues.status.${d.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
