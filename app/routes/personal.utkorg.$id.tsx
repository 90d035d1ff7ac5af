import { json, type LoaderFunctionArgs, type MetaFunction, type LinksFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { dialogueLinks } from "~/components/dialogues/styles";
import { formatStamp } from "~/domain/common/format";
import { idParam, notFound } from "~/http/not-found.server";
import { getOutboxMessage } from "~/domain/email/outbox.server";
import { requireStaff } from "~/http/auth.server";
import { titleFor } from "~/utils/i18n-helpers";

export const links: LinksFunction = dialogueLinks;
export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  titleFor(matches, "dialogues.outbox.messageTitle", { id: String(data?.message.id ?? "") });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requireStaff(request, context, "dialogues.manage");
  const message = await getOutboxMessage(context.db, idParam("message", params.id));
  if (!message) notFound("message");
  return json({ message });
}

export default function OutboxMessage() {
  const { message: m } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  return (
    <>
      <p>
        <Link to="/personal/utkorg">← {t("dialogues.outbox.back")}</Link>
      </p>
      <h1>{m.subject}</h1>
      <dl className="figures">
        <div>
          <dt>{t("dialogues.outbox.to")}</dt>
          <dd>{m.to}</dd>
        </div>
        <div>
          <dt>{t("dialogues.outbox.created")}</dt>
          <dd>{formatStamp(m.createdAt, i18n.language)}</dd>
        </div>
        <div>
          <dt>{t("dialogues.outbox.status")}</dt>
          <dd>{t(`dialogues.outbox.statuses.${m.status}`)}</dd>
        </div>
        <div>
          <dt>{t("dialogues.outbox.kind")}</dt>
          <dd>{m.kind}</dd>
        </div>
      </dl>
      <pre className="email-body user-text">{m.text}</pre>
      {m.icsContent ? (
        <>
          <h2>
            {t("dialogues.outbox.attachment")}: {m.icsFilename}
          </h2>
          <pre className="email-body">{m.icsContent}</pre>
        </>
      ) : null}
    </>
  );
}
