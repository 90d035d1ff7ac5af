import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDistrictBySlug } from "~/domain/areas/districts.server";
import { publicRegister, registerGeoJson } from "~/domain/cameras/register.server";
import { exportLabels } from "~/http/cameras.server";
import { getLocale } from "~/i18n/locale.server";
import { serverT } from "~/i18n/i18n";

/** The district's public camera register as GeoJSON (the same cameras as the page). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const district = await getDistrictBySlug(context.db, params.slug ?? "");
  if (!district) throw new Response("Unknown district", { status: 404 });
  const cameras = await publicRegister(context.db, district.id, context.clock.now());
  const body = registerGeoJson(cameras, exportLabels(serverT(await getLocale(request))));
  return new Response(JSON.stringify(body), {
    headers: {
      "Content-Type": "application/geo+json; charset=utf-8",
      "Content-Disposition": `attachment; filename="kameror-${district.slug}.geojson"`,
      "Cache-Control": "no-store",
    },
  });
}
