import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDistrictBySlug } from "~/domain/areas/districts.server";
import { publicRegister, registerCsv } from "~/domain/cameras/register.server";
import { csvResponse } from "~/domain/measures/csv";
import { exportLabels } from "~/http/cameras.server";
import { getLocale } from "~/i18n/locale.server";
import { serverT } from "~/i18n/i18n";

/** The district's public camera register as CSV (the same cameras as the page). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const district = await getDistrictBySlug(context.db, params.slug ?? "");
  if (!district) throw new Response("Unknown district", { status: 404 });
  const cameras = await publicRegister(context.db, district.id, context.clock.now());
  return csvResponse(registerCsv(cameras, exportLabels(serverT(await getLocale(request)))), `kameror-${district.slug}.csv`);
}
