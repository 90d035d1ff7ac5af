import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { CreatePollForm, StaffPollList } from "~/components/polls/StaffPolls";
import { pollLinks } from "~/components/polls/styles";
import { getDialogue } from "~/domain/dialogues/dialogues.server";
import { requireStaff, requireStaffForm } from "~/http/auth.server";
import { found, idParam } from "~/http/not-found.server";
import { handleStaffPollForm, loadStaffPolls } from "~/http/polls.server";
import { usePollsLive } from "~/realtime/use-polls-live";
import { localeFromMatches, tFor } from "~/utils/i18n-helpers";

export const links: LinksFunction = pollLinks;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requireStaff(request, context, "qa.moderate");
  const dialogue = found("dialogue", await getDialogue(context.db, idParam("dialogue", params.id)));
  return json({ dialogue: { id: dialogue.id, title: dialogue.title }, ...(await loadStaffPolls(context, dialogue.id)) });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { staff, form } = await requireStaffForm(request, context, "qa.moderate");
  const dialogue = found("dialogue", await getDialogue(context.db, idParam("dialogue", params.id)));
  const result = await handleStaffPollForm(context, staff, dialogue.id, form);
  return json(result.body, { status: result.status });
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: `${tFor(localeFromMatches(matches))("polls.pageTitle", { title: data?.dialogue.title ?? "" })} – Tryggve` },
];

export default function StaffPollsPage() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() ?? null;
  const { t } = useTranslation();
  const initial = useMemo(() => ({ polls: data.polls, mine: {} }), [data.polls]);
  // Live: answers arrive as coalesced results (staff see them before the reveal), other moderators' changes as a nudge.
  const { state } = usePollsLive(data.dialogue.id, initial, { staff: true });
  return (
    <>
      <p>
        <Link to={`/personal/dialoger/${data.dialogue.id}/fragor`}>← {t("qa.mod.title", { title: data.dialogue.title })}</Link>
      </p>
      <h1>{t("polls.pageTitle", { title: data.dialogue.title })}</h1>
      <p>{t("polls.staff.intro")}</p>
      <p>
        <Link to={`/dialoger/${data.dialogue.id}/skarm`}>{t("qa.present.title", { title: data.dialogue.title })}</Link>
      </p>
      <CreatePollForm result={result} />
      <StaffPollList polls={state.polls} result={result} />
    </>
  );
}
