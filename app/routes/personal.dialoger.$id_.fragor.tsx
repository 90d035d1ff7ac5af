import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useFetcher, useLoaderData, useRevalidator } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/forms";
import { ModerationQueue } from "~/components/qa/ModerationQueue";
import { PublishedModeration } from "~/components/qa/PublishedModeration";
import { getDialogue } from "~/domain/dialogues/dialogues.server";
import { handleModerationForm, loadModeration } from "~/http/moderation.server";
import { idSchema } from "~/domain/questions/questions.schema";
import { requireStaff, requireStaffForm } from "~/http/auth.server";
import { useQaLive } from "~/realtime/use-qa-live";
import { localeFromMatches, tFor } from "~/utils/i18n-helpers";
import { useRootData } from "~/utils/root-data";

async function dialogueFor(params: { id?: string }, db: Parameters<typeof getDialogue>[0]) {
  const parsed = idSchema.safeParse(params.id);
  const dialogue = parsed.success ? await getDialogue(db, parsed.data) : null;
  if (!dialogue) throw json({ error: "errors.notFound" }, { status: 404 });
  return dialogue;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, context, "qa.moderate");
  const dialogue = await dialogueFor(params, context.db);
  const data = await loadModeration(context.db, dialogue.id);
  return json({ dialogue: { id: dialogue.id, title: dialogue.title, status: dialogue.status }, meId: staff.id, ...data });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { staff, form } = await requireStaffForm(request, context, "qa.moderate");
  const dialogue = await dialogueFor(params, context.db);
  const result = await handleModerationForm(context, staff, dialogue.id, form);
  return json(result.body, { status: result.status });
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: `${tFor(localeFromMatches(matches))("qa.mod.title", { title: data?.dialogue.title ?? "" })} – Tryggve` },
];

export default function ModeratePage() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const root = useRootData();
  const revalidator = useRevalidator();
  const toggle = useFetcher();
  // Live: published changes arrive as events; queue and claim changes trigger a reload of this page's data.
  const { state, connected } = useQaLive(data.snapshot, [], {
    onQueue: () => revalidator.state === "idle" && revalidator.revalidate(),
    onClaimed: () => revalidator.state === "idle" && revalidator.revalidate(),
  });
  const published = Object.values(state.questions);
  return (
    <>
      <p>
        <Link to={`/personal/dialoger/${data.dialogue.id}`}>{data.dialogue.title}</Link> ·{" "}
        <Link to={`/dialoger/${data.dialogue.id}/fragor`}>{t("qa.mod.residentView")}</Link> ·{" "}
        <Link to={`/dialoger/${data.dialogue.id}/skarm`}>{t("qa.mod.presentMode")}</Link> ·{" "}
        <Link to="/personal/fragor/skriftliga">{t("qa.mod.writtenTitle")}</Link>
      </p>
      <h1>{t("qa.mod.title", { title: data.dialogue.title })}</h1>
      <p className="muted">{connected ? t("qa.live") : ""}</p>
      <toggle.Form method="post" className="inline-form">
        <CsrfInput />
        <input type="hidden" name="intent" value="submissions" />
        <input type="hidden" name="open" value={state.submissionsOpen ? "false" : "true"} />
        <span role="status">{state.submissionsOpen ? t("qa.mod.submissionsOpen") : t("qa.mod.submissionsPaused")}</span>
        <button type="submit">{state.submissionsOpen ? t("qa.mod.pause") : t("qa.mod.reopen")}</button>
      </toggle.Form>
      <div className="mod-columns">
        <section aria-labelledby="queue-heading">
          <ModerationQueue data={{ ...data, published }} lang={root?.locale ?? "sv"} />
        </section>
        <section>
          <PublishedModeration data={{ ...data, published }} currentId={state.currentQuestionId} />
        </section>
      </div>
    </>
  );
}
