import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PollPanel } from "~/components/polls/PollPanel";
import { pollLinks } from "~/components/polls/styles";
import { getPublicDialogue } from "~/domain/dialogues/dialogues.server";
import { idParam, notFound } from "~/http/not-found.server";
import { handlePollAnswerForm, loadPolls } from "~/http/polls.server";
import { readFormData } from "~/http/request.server";
import { localeFromMatches, tFor } from "~/utils/i18n-helpers";

export const links: LinksFunction = pollLinks;

export async function loader({ params, context }: LoaderFunctionArgs) {
  const dialogue = await getPublicDialogue(context.db, idParam("dialogue", params.id));
  if (!dialogue) notFound("dialogue");
  return json({ dialogue: { id: dialogue.id, title: dialogue.title }, polls: await loadPolls(context, dialogue.id) });
}

/** The poll answer without JavaScript (and when the socket is down): the same domain function as `poll:answer`. */
export async function action({ params, request, context }: ActionFunctionArgs) {
  const result = await handlePollAnswerForm(context, idParam("dialogue", params.id), await readFormData(request));
  return json(result.body, { status: result.status, headers: result.headers });
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: `${tFor(localeFromMatches(matches))("polls.pageTitle", { title: data?.dialogue.title ?? "" })} – Tryggve` },
];

export default function PollsPage() {
  const { dialogue, polls } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <>
      <p>
        <Link to={`/dialoger/${dialogue.id}`}>{dialogue.title}</Link>
      </p>
      <h1>{t("polls.pageTitle", { title: dialogue.title })}</h1>
      <PollPanel data={polls} formResult={answer ?? null} />
      <p>
        <Link to={`/dialoger/${dialogue.id}/delta`}>{t("dialogues.join.title")}</Link>
      </p>
    </>
  );
}
