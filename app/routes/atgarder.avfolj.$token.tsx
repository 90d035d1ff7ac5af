import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Notice } from "~/components/forms";
import { findFollowerByUnsubscribeToken, unsubscribe } from "~/domain/measures/followers.server";
import { titleFor } from "~/utils/i18n-helpers";

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "measures.follow.unsubscribeTitle");

export async function loader({ params, context }: LoaderFunctionArgs) {
  const row = await findFollowerByUnsubscribeToken(context.db, context.config.SESSION_SECRET, params.token ?? "");
  return json({ title: row?.title ?? null });
}

export async function action({ params, context }: ActionFunctionArgs) {
  const r = await unsubscribe(context.db, context.config.SESSION_SECRET, params.token ?? "", context.clock.now());
  return json({ ok: Boolean(r) }, { status: r ? 200 : 404 });
}

export default function Unsubscribe() {
  const { title } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <>
      <h1>{t("measures.follow.unsubscribeTitle")}</h1>
      {result?.ok ? (
        <Notice kind="success">{t("measures.follow.unsubscribed")}</Notice>
      ) : title && result?.ok !== false ? (
        <Form method="post">
          <p>{title}</p>
          <button type="submit" className="primary">
            {t("measures.follow.unsubscribeButton")}
          </button>
        </Form>
      ) : (
        <p>{t("measures.follow.invalid")}</p>
      )}
    </>
  );
}
