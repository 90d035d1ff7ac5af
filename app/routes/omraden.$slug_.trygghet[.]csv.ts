import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDistrictBySlug } from "~/domain/areas/districts.server";
import { indicatorsCsvRows } from "~/domain/indicators/indicators.server";
import { csvResponse, toCsv } from "~/domain/measures/csv";

/** The district's indicator values as CSV, in the import format (docs/indicators.md). */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const district = await getDistrictBySlug(context.db, params.slug ?? "");
  if (!district) throw new Response("Unknown district", { status: 404 });
  const { header, rows } = await indicatorsCsvRows(context.db, district);
  return csvResponse(toCsv(header, rows), `trygghet-${district.slug}.csv`);
}
