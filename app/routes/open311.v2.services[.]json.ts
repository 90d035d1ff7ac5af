import type { LoaderFunctionArgs } from "@remix-run/node";
import { open311Json, services } from "~/domain/measures/open311";
import { open311Locale } from "~/domain/measures/open311.server";
import { tFor } from "~/utils/i18n-helpers";

/** Open311 GeoReport v2 service list (read-only). */
export async function loader({ request }: LoaderFunctionArgs) {
  return open311Json(services(tFor(open311Locale(request))));
}
