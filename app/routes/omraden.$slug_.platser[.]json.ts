import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDistrictBySlug } from "~/domain/areas/districts.server";
import { mapData } from "~/domain/walks/observations.server";
import { notFound } from "~/http/not-found.server";

/**
 * Compact map data for every public observation in a district (see MapRow):
 * positions and the few properties the map filters on. Details come from the list.
 */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const district = await getDistrictBySlug(context.db, params.slug ?? "");
  if (!district) notFound("district");
  const started = performance.now();
  const rows = await mapData(context.db, { districtId: district.id });
  const ms = performance.now() - started;
  return new Response(JSON.stringify({ districtId: district.id, rows }), {
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-cache", "Server-Timing": `db;dur=${ms.toFixed(1)}` },
  });
}
