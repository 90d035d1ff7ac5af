import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Notice } from "~/components/forms";
import { confirmFollow, findPendingFollow } from "~/domain/measures/followers.server";
import { titleFor } from "~/utils/i18n-helpers";

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "measures.follow.confirmTitle");

// GET only shows a button: link scanners in mail clients must not confirm on the resident's behalf.
export async function loader({ params, context }: LoaderFunctionArgs) {
  const row = await findPendingFollow(context.db, params.token ?? "");
  return json({ found: row ? { measureId: row.measure_id, title: row.title, confirmed: Boolean(row.confirmed_at) } : null });
}

export async function action({ params, context }: ActionFunctionArgs) {
  const r = await confirmFollow(context.db, params.token ?? "", context.clock.now());
  return json({ ok: Boolean(r) }, { status: r ? 200 : 404 });
}

export default function ConfirmFollow() {
  const { found } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <>
      <h1>{t("measures.follow.confirmTitle")}</h1>
      {!found || result?.ok === false ? (
        <p>{t("measures.follow.invalid")}</p>
      ) : result?.ok || found.confirmed ? (
        <Notice kind="success">{t("measures.follow.confirmed")}</Notice>
      ) : (
        <Form method="post">
          <p>{found.title}</p>
          <button type="submit" className="primary">
            {t("measures.follow.confirmButton")}
          </button>
        </Form>
      )}
      {found ? (
        <p>
          <Link to={`/atgarder/${found.measureId}`}>{found.title}</Link>
        </p>
      ) : null}
    </>
  );
}
