import type { LoaderFunctionArgs } from "@remix-run/node";
import { getPublicDialogue } from "~/domain/dialogues/dialogues.server";
import { baseUrlFor } from "~/http/dialogues.server";
import { idParam, notFound } from "~/http/not-found.server";
import { dialogueIcs, icsResponse } from "~/domain/dialogues/ical.server";
import { getLocale } from "~/i18n/locale.server";
import { serverT } from "~/i18n/i18n";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const d = await getPublicDialogue(context.db, idParam("dialogue", params.id));
  if (!d) notFound("dialogue");
  const t = serverT(await getLocale(request));
  return icsResponse(dialogueIcs(d, baseUrlFor(context, request), t), `trygghetsdialog-${d.id}.ics`);
}
