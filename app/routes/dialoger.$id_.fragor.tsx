import type { HeadersFunction } from "@remix-run/node";
import { keepRetryAfter } from "~/http/errors";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { QaPanel, type AskResult, type VoteRefusal } from "~/components/qa/QaPanel";
import { getPublicDialogue } from "~/domain/dialogues/dialogues.server";
import { handleQaForm, loadQaPanel } from "~/http/qa.server";
import { idParam, notFound } from "~/http/not-found.server";
import { localeFromMatches, tFor } from "~/utils/i18n-helpers";
import { readFormData } from "~/http/request.server";
import { PollPanel } from "~/components/polls/PollPanel";
import { pollLinks } from "~/components/polls/styles";
import { loadPolls } from "~/http/polls.server";

export const links = pollLinks;

/** A refused post (429) keeps its Retry-After without JavaScript too. */
export const headers: HeadersFunction = (args) => keepRetryAfter(args);

const dialogueId = (params: { id?: string }): number => idParam("dialogue", params.id);

export async function loader({ params, context }: LoaderFunctionArgs) {
  const id = dialogueId(params);
  const dialogue = await getPublicDialogue(context.db, id);
  if (!dialogue) notFound("dialogue");
  return json({ dialogue: { id: dialogue.id, title: dialogue.title }, qa: await loadQaPanel(context, id), polls: await loadPolls(context, id) });
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  const id = dialogueId(params);
  const result = await handleQaForm(context, id, await readFormData(request));
  return json(result.body, { status: result.status, headers: "headers" in result ? result.headers : undefined });
}

export { liveShouldRevalidate as shouldRevalidate } from "~/utils/live-revalidation";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: `${tFor(localeFromMatches(matches))("qa.pageTitle", { title: data?.dialogue.title ?? "" })} – Tryggve` },
];

export default function QuestionsPage() {
  const { dialogue, qa, polls } = useLoaderData<typeof loader>();
  // Without JavaScript the forms post here and the page renders with the action's answer.
  // Its shape is the handler's (~/http/qa.server.ts): every answer names its intent.
  const answer = useActionData<typeof action>() as
    { intent?: "ask" | "vote"; ok: boolean; questionId?: number | null; errors?: Record<string, string> } | undefined;
  const formResult = answer?.intent === "ask" ? (answer as AskResult) : null;
  const voteRefusal: VoteRefusal | null =
    answer?.intent === "vote" && !answer.ok
      ? { questionId: answer.questionId ?? null, error: Object.values(answer.errors ?? {})[0] ?? "qa.errors.voteFailed" }
      : null;
  const { t } = useTranslation();
  return (
    <>
      <p>
        <Link to={`/dialoger/${dialogue.id}`}>{dialogue.title}</Link>
      </p>
      <h1>{t("qa.pageTitle", { title: dialogue.title })}</h1>
      <PollPanel data={polls} />
      <QaPanel data={qa} formResult={formResult} voteRefusal={voteRefusal} />
    </>
  );
}
