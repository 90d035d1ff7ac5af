import type { LoaderFunctionArgs } from "@remix-run/node";
import { baseUrlFor } from "~/http/dialogues.server";
import { open311Error, open311Json } from "~/domain/measures/open311";
import { getServiceRequest, open311Locale } from "~/domain/measures/open311.server";
import { tFor } from "~/utils/i18n-helpers";

/** Open311 GeoReport v2 single request: /open311/v2/requests/measure-12.json (an array of one, per the spec). */
export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const m = /^(.+)\.json$/.exec(params.file ?? "");
  if (!m) return open311Error(404, "only .json is supported");
  const r = await getServiceRequest(context.db, m[1], tFor(open311Locale(request)), baseUrlFor(context, request), context.clock.now());
  return r ? open311Json([r]) : open311Error(404, "service request not found");
}
