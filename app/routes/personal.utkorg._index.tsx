import { json, type LoaderFunctionArgs, type MetaFunction, type LinksFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { dialogueLinks } from "~/components/dialogues/styles";
import { Notice } from "~/components/forms";
import { formatStamp } from "~/domain/common/format";
import { listOutbox } from "~/domain/email/outbox.server";
import { requireStaff } from "~/http/auth.server";
import { titleFor } from "~/utils/i18n-helpers";

export const links: LinksFunction = dialogueLinks;
export const meta: MetaFunction = ({ matches }) => titleFor(matches, "dialogues.outbox.title");

const PAGE = 50;

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireStaff(request, context, "dialogues.manage");
  const before = Number(new URL(request.url).searchParams.get("fore") ?? "") || undefined;
  const items = await listOutbox(context.db, { before, limit: PAGE });
  return json({ items, smtp: Boolean(context.config.SMTP_URL), more: items.length === PAGE ? items[items.length - 1].id : null });
}

export default function Outbox() {
  const { items, smtp, more } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  return (
    <>
      <h1>{t("dialogues.outbox.title")}</h1>
      <p>{t("dialogues.outbox.intro")}</p>
      <Notice kind={smtp ? "info" : "warning"}>{smtp ? t("dialogues.outbox.smtpOn") : t("dialogues.outbox.smtpOff")}</Notice>
      {items.length === 0 ? (
        <p>{t("dialogues.outbox.none")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("dialogues.outbox.created")}</th>
                <th scope="col">{t("dialogues.outbox.to")}</th>
                <th scope="col">{t("dialogues.outbox.subject")}</th>
                <th scope="col">{t("dialogues.outbox.status")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((m) => (
                <tr key={m.id}>
                  <td>{formatStamp(m.createdAt, i18n.language)}</td>
                  <td>{m.to}</td>
                  <td>
                    <Link to={`/personal/utkorg/${m.id}`}>{m.subject}</Link>
                  </td>
                  <td>{t(`dialogues.outbox.statuses.${m.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {more ? (
        <p>
          <Link to={`?fore=${more}`}>{t("dialogues.outbox.older")}</Link>
        </p>
      ) : null}
    </>
  );
}
