import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDistrictBySlug } from "~/domain/areas/districts.server";
import { csvResponse } from "~/domain/measures/csv";
import { districtDashboard } from "~/domain/measures/dashboard.server";
import { dashboardCsv, DASHBOARD_TABLES, type DashboardTable } from "~/domain/measures/export.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const district = await getDistrictBySlug(context.db, params.slug ?? "");
  if (!district) throw new Response("Unknown district", { status: 404 });
  const table = new URL(request.url).searchParams.get("tabell") ?? "status";
  if (!(DASHBOARD_TABLES as readonly string[]).includes(table)) throw new Response("Unknown table", { status: 400 });
  const d = await districtDashboard(context.db, district.id, context.clock.now());
  return csvResponse(dashboardCsv(d, table as DashboardTable), `oversikt-${district.slug}-${table}.csv`);
}
