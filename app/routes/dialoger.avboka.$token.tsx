import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, type LinksFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { dialogueLinks } from "~/components/dialogues/styles";
import { Notice } from "~/components/forms";
import { getDialogue } from "~/domain/dialogues/dialogues.server";
import { baseUrlFor, deliverSoon } from "~/http/dialogues.server";
import { cancelRegistration, findByToken } from "~/domain/dialogues/registrations.server";
import { titleFor } from "~/utils/i18n-helpers";

export const links: LinksFunction = dialogueLinks;
export const meta: MetaFunction = ({ matches }) => [...titleFor(matches, "dialogues.cancel.title"), { name: "robots", content: "noindex" }];

// GET only shows the question: link scanners in mail clients must not cancel anything.
export async function loader({ params, context }: LoaderFunctionArgs) {
  const reg = await findByToken(context.db, params.token ?? "");
  const dialogue = reg ? await getDialogue(context.db, reg.dialogueId) : null;
  return json({
    state: !reg || !dialogue ? ("not_found" as const) : reg.status === "cancelled" ? ("already" as const) : ("open" as const),
    title: dialogue?.title ?? "",
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const result = await cancelRegistration(context.db, context.config, params.token ?? "", { baseUrl: baseUrlFor(context, request), now: context.clock.now() });
  deliverSoon(context);
  return json({ result });
}

export default function Cancel() {
  const { state, title } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="narrow">
      <h1>{t("dialogues.cancel.title")}</h1>
      {data?.result === "cancelled" ? (
        <Notice kind="success">{t("dialogues.cancel.done")}</Notice>
      ) : data?.result === "already" || state === "already" ? (
        <Notice>{t("dialogues.cancel.already")}</Notice>
      ) : data?.result === "not_found" || state === "not_found" ? (
        <Notice kind="warning">{t("dialogues.cancel.notFound")}</Notice>
      ) : (
        <Form method="post">
          <p>{t("dialogues.cancel.body", { title })}</p>
          <button type="submit" className="primary">
            {t("dialogues.cancel.submit")}
          </button>
        </Form>
      )}
    </div>
  );
}
