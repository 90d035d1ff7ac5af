import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { getDistrictBySlug } from "~/domain/areas/districts.server";
import { mapData } from "~/domain/walks/observations.server";

/**
 * Compact map data for every public observation in a district (see MapRow):
 * positions and the few properties the map filters on. Details come from the list.
 */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const district = await getDistrictBySlug(context.db, params.slug ?? "");
  if (!district) throw json({ error: "districts.notFound" }, { status: 404 });
  const started = performance.now();
  const rows = await mapData(context.db, { districtId: district.id });
  const ms = performance.now() - started;
  return new Response(JSON.stringify({ districtId: district.id, rows }), {
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-cache", "Server-Timing": `db;dur=${ms.toFixed(1)}` },
  });
}
