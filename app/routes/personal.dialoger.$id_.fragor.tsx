import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useFetcher, useLoaderData } from "@remix-run/react";
import { useEffect, useMemo, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { tKey } from "~/i18n/keys";
import { CsrfInput } from "~/components/forms";
import { ModerationQueue, type ModerationResult } from "~/components/qa/ModerationQueue";
import { ModerationLiveContext, type ModerationLive } from "~/components/qa/moderation-live";
import { applyClaim, applyQueueDelta } from "~/domain/questions/live-state";
import type { QueueItem } from "~/domain/questions/qa.server";
import type { QueuePageInfo } from "~/realtime/qa.events";
import { parseId } from "~/domain/common/ids";
import { ackErrors } from "~/http/errors";
import { PublishedModeration } from "~/components/qa/PublishedModeration";
import { getDialogue } from "~/domain/dialogues/dialogues.server";
import { handleModerationForm, loadModeration } from "~/http/moderation.server";
import { found, idParam } from "~/http/not-found.server";
import { requireStaff, requireStaffForm } from "~/http/auth.server";
import { useQaLive } from "~/realtime/use-qa-live";
import { localeFromMatches, tFor } from "~/utils/i18n-helpers";
import { useRootData } from "~/utils/root-data";

async function dialogueFor(params: { id?: string }, db: Parameters<typeof getDialogue>[0]) {
  return found("dialogue", await getDialogue(db, idParam("dialogue", params.id)));
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, context, "qa.moderate");
  const dialogue = await dialogueFor(params, context.db);
  // The queue is read in pages with its total (`?efter=<question id>`), so no waiting question is out of reach.
  const queueAfter = parseId(new URL(request.url).searchParams.get("efter"));
  const data = await loadModeration(context.db, dialogue.id, context.clock.now(), queueAfter);
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

export { liveShouldRevalidate as shouldRevalidate } from "~/utils/live-revalidation";

export default function ModeratePage() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const root = useRootData();
  const toggle = useFetcher<ModerationResult>();
  const [queue, setQueue] = useState<QueueItem[]>(data.queue);
  const [toggleError, setToggleError] = useState<string | null>(null);
  const [queuePage, setQueuePage] = useState<QueuePageInfo>(data.queuePage);
  useEffect(() => setQueue(data.queue), [data.queue]);
  useEffect(() => setQueuePage(data.queuePage), [data.queuePage]);
  // Live: public changes arrive as sequenced events, the queue as deltas (and its page with every rejoin), claims as they happen.
  const live = useQaLive(data.snapshot, [], {
    queueAfter: queuePage.afterId,
    onQueueSnapshot: (q, page) => {
      setQueue(q);
      if (page) setQueuePage(page);
    },
    onQueue: (u) => setQueue((q) => applyQueueDelta(q, u)),
    onClaimed: (c) => setQueue((q) => applyClaim(q, c)),
  });
  const { state, connected, applyEvents } = live;
  const moderationLive = useMemo<ModerationLive>(
    () => ({
      dialogueId: data.dialogue.id,
      connected,
      moderate: live.moderate,
      claim: live.claim,
      applyFallback: (r) => {
        if (r.queue) setQueue((q) => applyQueueDelta(q, r.queue!));
        if (r.events) applyEvents(r.events);
      },
    }),
    [data.dialogue.id, connected, live.moderate, live.claim, applyEvents],
  );
  useEffect(() => {
    if (toggle.state === "idle" && toggle.data?.ok && toggle.data.events) applyEvents(toggle.data.events);
  }, [toggle.state, toggle.data, applyEvents]);
  const onToggle = async (e: FormEvent<HTMLFormElement>) => {
    if (!connected) return; // the fetcher posts the form instead
    e.preventDefault();
    const res = await live.setSubmissions(!state.submissionsOpen);
    setToggleError(res.ok ? null : (ackErrors(res)._form ?? "qa.errors.internal"));
  };
  const published = Object.values(state.questions);
  return (
    <ModerationLiveContext.Provider value={moderationLive}>
      <p>
        <Link to={`/personal/dialoger/${data.dialogue.id}`}>{data.dialogue.title}</Link> ·{" "}
        <Link to={`/dialoger/${data.dialogue.id}/fragor`}>{t("qa.mod.residentView")}</Link> ·{" "}
        <Link to={`/dialoger/${data.dialogue.id}/skarm`}>{t("qa.mod.presentMode")}</Link> ·{" "}
        <Link to={`/personal/dialoger/${data.dialogue.id}/omrostningar`}>{t("polls.staff.manageLink")}</Link> ·{" "}
        <Link to="/personal/fragor/skriftliga">{t("qa.mod.writtenTitle")}</Link>
      </p>
      <h1>{t("qa.mod.title", { title: data.dialogue.title })}</h1>
      <p className="muted">{connected ? t("qa.live") : ""}</p>
      <toggle.Form method="post" className="inline-form" onSubmit={onToggle}>
        <CsrfInput />
        <input type="hidden" name="intent" value="submissions" />
        <input type="hidden" name="open" value={state.submissionsOpen ? "false" : "true"} />
        <span role="status">{state.submissionsOpen ? t("qa.mod.submissionsOpen") : t("qa.mod.submissionsPaused")}</span>
        <button type="submit">{state.submissionsOpen ? t("qa.mod.pause") : t("qa.mod.reopen")}</button>
        {toggleError ? (
          <p className="error-message" role="alert">
            {tKey(t, toggleError)}
          </p>
        ) : null}
      </toggle.Form>
      <div className="mod-columns">
        <section aria-labelledby="queue-heading">
          <QueuePager dialogueId={data.dialogue.id} page={queuePage} shown={queue.length} waiting={live.counts?.waiting ?? queuePage.total} />
          <ModerationQueue data={{ ...data, queue, published }} lang={root?.locale ?? "sv"} />
        </section>
        <section>
          <PublishedModeration data={{ ...data, queue, published }} currentId={state.currentQuestionId} />
        </section>
      </div>
    </ModerationLiveContext.Provider>
  );
}

/** Where this page of the queue lies, and the links to the next page and back to the start (plain links: they work without JavaScript). */
function QueuePager({ dialogueId, page, shown, waiting }: { dialogueId: number; page: QueuePageInfo; shown: number; waiting: number }) {
  const { t } = useTranslation();
  if (page.afterId === null && page.nextAfterId === null) return null;
  const base = `/personal/dialoger/${dialogueId}/fragor`;
  return (
    <nav aria-label={t("limits.queuePages")} className="queue-pager">
      <p role="status">
        {t("limits.queueShowing", { from: shown ? page.before + 1 : page.before, to: page.before + shown, total: Math.max(waiting, page.before + shown) })}
      </p>
      <p className="inline-form">
        {page.nextAfterId !== null ? <Link to={`${base}?efter=${page.nextAfterId}`}>{t("limits.queueNext")}</Link> : null}
        {page.afterId !== null ? <Link to={base}>{t("limits.queueFirst")}</Link> : null}
      </p>
    </nav>
  );
}
