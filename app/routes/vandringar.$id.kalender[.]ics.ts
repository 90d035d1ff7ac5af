import type { LoaderFunctionArgs } from "@remix-run/node";
import { baseUrlFor } from "~/http/dialogues.server";
import { icsResponse } from "~/domain/dialogues/ical.server";
import { requireWalk } from "~/http/walks.server";
import { walkIcs } from "~/domain/walks/ical.server";
import { getLocale } from "~/i18n/locale.server";
import { serverT } from "~/i18n/i18n";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const w = await requireWalk(context.db, params.id);
  return icsResponse(walkIcs(w, baseUrlFor(context, request), serverT(await getLocale(request))), `trygghetsvandring-${w.id}.ics`);
}
