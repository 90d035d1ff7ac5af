import type { HeadersFunction } from "@remix-run/node";
import { keepRetryAfter } from "~/http/errors";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, type LinksFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { dialogueLinks } from "~/components/dialogues/styles";
import { DialogueDetails } from "~/components/dialogues/DialogueDetails";
import { RegistrationForm } from "~/components/dialogues/RegistrationForm";
import { Notice } from "~/components/forms";
import { RegistrationFormSchema } from "~/domain/dialogues/dialogue.schema";
import { getPublicDialogue } from "~/domain/dialogues/dialogues.server";
import { baseUrlFor, deliverSoon } from "~/http/dialogues.server";
import { idParam, notFound } from "~/http/not-found.server";
import { listInvitations } from "~/domain/dialogues/invitations.server";
import { registrationOpen } from "~/domain/dialogues/lifecycle";
import { deletionDate, register, seatsTaken } from "~/domain/dialogues/registrations.server";
import { readFormData } from "~/http/request.server";
import { parseForm } from "~/http/forms";
import { formGate, tooManyRequests } from "~/http/limits.server";

/** A refused post (429) keeps its Retry-After without JavaScript too. */
export const headers: HeadersFunction = (args) => keepRetryAfter(args);

export const links: LinksFunction = dialogueLinks;
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.dialogue.title ?? ""} – Tryggve` }];

export async function loader({ params, context }: LoaderFunctionArgs) {
  const dialogue = await getPublicDialogue(context.db, idParam("dialogue", params.id));
  if (!dialogue) notFound("dialogue");
  const now = context.clock.now();
  const taken = await seatsTaken(context.db, dialogue.id);
  const invitations = await listInvitations(context.db, dialogue.id);
  return json({
    dialogue,
    open: registrationOpen(dialogue, now),
    seatsLeft: dialogue.capacity === null ? null : Math.max(0, dialogue.capacity - taken),
    deleteAfter: deletionDate(dialogue, context.config.REGISTRATION_RETENTION_DAYS),
    // Only actors who said yes are named publicly; panelists by organisation, not by person.
    actors: invitations.filter((i) => i.status === "accepted").map((i) => i.organisationName),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const id = idParam("dialogue", params.id);
  const form = await readFormData(request);
  const parsed = parseForm(RegistrationFormSchema, form);
  if (!parsed.ok) return json({ ok: false as const, errors: parsed.errors as Record<string, string>, values: parsed.values }, { status: 400 });
  const typed = () => Object.fromEntries([...form.entries()].filter(([k, v]) => typeof v === "string" && !k.startsWith("_"))) as Record<string, string>;
  const result = await register(context.db, context.config, id, parsed.data, {
    baseUrl: baseUrlFor(context, request),
    now: context.clock.now(),
    gate: formGate(context, "dialogue.register"),
  });
  if (!result.ok && "notFound" in result) notFound("dialogue");
  if (!result.ok && "retryAfterSeconds" in result) return tooManyRequests({ ok: false as const, errors: result.errors, values: typed() }, result);
  if (!result.ok) return json({ ok: false as const, errors: result.errors, values: typed() }, { status: 400 });
  deliverSoon(context);
  return json({
    ok: true as const,
    status: result.status,
    cancelUrl: result.cancelUrl,
    emailed: result.emailed,
    errors: null,
    values: {} as Record<string, string>,
  });
}

export default function DialoguePage() {
  const { dialogue: d, open, seatsLeft, deleteAfter, actors } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <>
      <DialogueDetails d={d} actors={actors} seatsLeft={seatsLeft} />
      <section aria-labelledby="register-heading" className="register-section">
        <h2 id="register-heading">{t("dialogues.register.heading")}</h2>
        {result?.ok ? (
          <div className="notice notice-success" role="status">
            <p>
              <strong>{result.status === "waitlisted" ? t("dialogues.register.waitlistedTitle") : t("dialogues.register.confirmedTitle")}</strong>
            </p>
            {result.status === "waitlisted" ? <p>{t("dialogues.register.waitlistedBody")}</p> : null}
            <p>{t("dialogues.register.cancelInfo")}</p>
            <p>
              <a href={result.cancelUrl} className="break-all">
                {result.cancelUrl}
              </a>
            </p>
            <p>{result.emailed ? t("dialogues.register.emailed") : t("dialogues.register.noEmail")}</p>
          </div>
        ) : open ? (
          <>
            <p>{t("dialogues.register.intro")}</p>
            <RegistrationForm
              format={d.format}
              full={seatsLeft === 0}
              deleteAfter={deleteAfter}
              values={result?.values ?? {}}
              errors={result && !result.ok ? result.errors : null}
            />
          </>
        ) : (
          <Notice>{t("dialogues.register.closed")}</Notice>
        )}
      </section>
      <p>
        <Link to="/dialoger">{t("dialogues.list.upcomingLink")}</Link>
      </p>
    </>
  );
}
