import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRevalidator, useSearchParams } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { CsrfInput, ErrorSummary, Notice, TextField } from "~/components/forms";
import { StaffFollowUp } from "~/components/measures/FollowUp";
import { GroupsSection, InvitationsSection, ModerationSection } from "~/components/walks/StaffWalkSections";
import { walkLinks } from "~/components/walks/styles";
import { handleResolveCheck } from "~/http/measure-checks.server";
import { staffFollowUp } from "~/domain/measures/checks.server";
import { listOrganisations } from "~/domain/common/organisations.server";
import { formatSpan } from "~/domain/common/format";
import { requireStaff, requireStaffForm } from "~/http/auth.server";
import { requireWalk } from "~/http/walks.server";
import { idParam, notFound } from "~/http/not-found.server";
import { listWalkInvitations } from "~/domain/walks/invitations.server";
import { allowedWalkEvents, canEditWalk, canInvite, LIGHTS } from "~/domain/walks/lifecycle";
import { listStaffObservations, moderationQueue } from "~/domain/walks/observations.server";
import { handleWalkAction } from "~/http/walk-staff.server";
import { listGroups } from "~/domain/walks/walks.server";
import { useSocket } from "~/realtime/use-socket";
import { titleFor } from "~/utils/i18n-helpers";
import { tKey } from "~/i18n/keys";

export const links: LinksFunction = walkLinks;
export const meta: MetaFunction<typeof loader> = ({ matches, data }) => titleFor(matches, "walks.staff.editTitle", { title: data?.walk.title ?? "" });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requireStaff(request, context, "walks.manage");
  const walk = await requireWalk(context.db, params.id);
  const [groups, invitations, organisations, queue, all, followUp] = await Promise.all([
    listGroups(context.db, walk.id),
    listWalkInvitations(context.db, walk.id),
    listOrganisations(context.db),
    moderationQueue(context.db, walk.id),
    listStaffObservations(context.db, walk.id),
    staffFollowUp(context.db, walk, context.clock.now()),
  ]);
  return json({
    walk,
    groups,
    invitations,
    organisations,
    queue,
    followUp,
    counts: { published: all.filter((o) => o.status === "published").length, pending: queue.observations.length },
    events: allowedWalkEvents(walk.status),
    canInvite: canInvite(walk.status),
    canEdit: canEditWalk(walk.status),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const id = idParam("walk", params.id);
  const { staff, form } = await requireStaffForm(request, context, "walks.manage");
  if (form.get("intent") === "resolveCheck") {
    const r = await handleResolveCheck(context, request, staff, id, form);
    return json(r, { status: r.ok ? 200 : 400 });
  }
  const result = await handleWalkAction(context, request, staff, id, form);
  if (!result) notFound("walk");
  return json(result, { status: result.ok ? 200 : 400 });
}

/** Joins the walk's staff room so new items in the queue reload the page data. */
function useQueueRefresh(walkId: number) {
  const { socket } = useSocket();
  const revalidator = useRevalidator();
  const [notice, setNotice] = useState(false);
  useEffect(() => {
    if (!socket) return;
    const join = () => socket.emit("walk:join", { walkId }, () => undefined);
    const onQueue = (p: { walkId: number }) => {
      if (p.walkId !== walkId) return;
      setNotice(true);
      revalidator.revalidate();
    };
    socket.on("connect", join);
    socket.on("walk:queue", onQueue);
    if (socket.connected) join();
    return () => {
      socket.off("connect", join);
      socket.off("walk:queue", onQueue);
    };
    // revalidator is a new object every render; the socket is what matters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [socket, walkId]);
  return notice;
}

export default function StaffWalk() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [search] = useSearchParams();
  const { t, i18n } = useTranslation();
  const { walk } = d;
  const errors = result && !result.ok ? result.errors : {};
  const queueNotice = useQueueRefresh(walk.id);
  const done = search.get("klart");
  return (
    <>
      <p>
        <Link to="/personal/vandringar">← {t("walks.staff.list")}</Link>
      </p>
      <h1>{walk.title}</h1>
      {done === "skapad" ? <Notice kind="success">{t("walks.staff.created")}</Notice> : null}
      {done === "sparad" ? <Notice kind="success">{t("walks.staff.saved")}</Notice> : null}
      {result?.ok ? (
        <Notice kind="success">
          {t(
            result.message,
            Object.fromEntries(Object.entries(result.vars ?? {}).map(([k, v]) => [k, typeof v === "string" && v.startsWith("walks.") ? tKey(t, v) : v])),
          )}
        </Notice>
      ) : null}
      {result && !result.ok && errors._form ? <ErrorSummary errors={{ _form: errors._form }} /> : null}
      <p>
        {walk.districtName} · {formatSpan(walk.startsAt, walk.endsAt, i18n.language)} · {t(`walks.light.${walk.expectedLight}`)}
      </p>
      <p className="inline-form">
        {d.canEdit ? <Link to="redigera">{t("walks.staff.edit")}</Link> : null}
        <Link to={`/vandringar/${walk.id}`}>{t("walks.staff.view")}</Link>
        <Link to={`/vandringar/${walk.id}/karta`}>{t("walks.public.mapLinkText")}</Link>
        <Link to="protokoll">{t("walks.staff.protocol")}</Link>
      </p>
      <p>{t("walks.staff.observationCount", d.counts)}</p>

      <section aria-labelledby="lifecycle-heading">
        <h2 id="lifecycle-heading">
          {t("walks.staff.lifecycle")}: {t(`walks.status.${walk.status}`)}
        </h2>
        <p className="hint">{t("walks.staff.lifecycleHint")}</p>
        {walk.weather ? (
          <p>{t("walks.public.actual", { weather: walk.weather, light: walk.actualLight ? t(`walks.light.${walk.actualLight}`) : "–" })}</p>
        ) : null}
        {d.events.map((e) =>
          e === "start" ? (
            <Form method="post" key={e} noValidate>
              <CsrfInput />
              <input type="hidden" name="intent" value="start" />
              <fieldset>
                <legend>{t("walks.staff.startLegend")}</legend>
                <TextField name="weather" label={t("walks.fields.weather")} error={result?.intent === "start" ? errors.weather : undefined} />
                <fieldset>
                  <legend>{t("walks.fields.actualLight")}</legend>
                  {result?.intent === "start" && errors.actualLight ? <p className="error-message">{tKey(t, errors.actualLight)}</p> : null}
                  {LIGHTS.map((l) => (
                    <div className="radio" key={l}>
                      <input type="radio" id={`actualLight-${l}`} name="actualLight" value={l} defaultChecked={l === walk.expectedLight} />
                      <label htmlFor={`actualLight-${l}`}>{t(`walks.light.${l}`)}</label>
                    </div>
                  ))}
                </fieldset>
                <button type="submit" className="primary">
                  {t("walks.staff.events.start")}
                </button>
              </fieldset>
            </Form>
          ) : (
            <Form method="post" key={e}>
              <CsrfInput />
              <input type="hidden" name="intent" value={e} />
              <button type="submit" className="primary">
                {t(`walks.staff.events.${e}`)}
              </button>
            </Form>
          ),
        )}
      </section>

      {queueNotice ? <Notice>{t("walks.staff.queueUpdated")}</Notice> : null}
      <ModerationSection queue={d.queue} />
      <GroupsSection groups={d.groups} errors={result?.intent === "addGroup" || result?.intent === "groupCount" ? errors : {}} />
      <InvitationsSection
        invitations={d.invitations}
        organisations={d.organisations}
        canInvite={d.canInvite}
        errors={result?.intent === "addInvitation" ? errors : {}}
      />
      <section aria-labelledby="followup-heading" id="uppfoljning">
        <h2 id="followup-heading">{t("measures.checks.staffHeading")}</h2>
        <p className="hint">{t("measures.checks.staffIntro")}</p>
        <StaffFollowUp
          items={d.followUp}
          failed={result && !result.ok && result.intent === "resolveCheck" ? { measureId: result.itemId ?? null, errors } : null}
        />
      </section>
    </>
  );
}
