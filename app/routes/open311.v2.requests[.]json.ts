import type { LoaderFunctionArgs } from "@remix-run/node";
import { baseUrlFor } from "~/http/dialogues.server";
import { open311Error, open311Json } from "~/domain/measures/open311";
import { listServiceRequests, open311Locale, parseRequestsQuery } from "~/domain/measures/open311.server";
import { tFor } from "~/utils/i18n-helpers";

/** Open311 GeoReport v2 service requests: service_request_id, service_code, status, start_date, end_date. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const parsed = parseRequestsQuery(new URL(request.url).searchParams);
  if (!parsed.ok) return open311Error(400, parsed.error);
  return open311Json(await listServiceRequests(context.db, parsed.query, tFor(open311Locale(request)), baseUrlFor(context, request), context.clock.now()));
}
