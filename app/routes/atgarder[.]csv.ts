import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDistrictBySlug } from "~/domain/areas/districts.server";
import { measuresCsv } from "~/domain/measures/export.server";
import { csvResponse } from "~/domain/measures/csv";
import { ListFilterSchema } from "~/domain/measures/measures.schema";

/** CSV export of measures; ?omrade=<slug> and the list filters narrow it. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const sp = new URL(request.url).searchParams;
  const slug = sp.get("omrade");
  const district = slug ? await getDistrictBySlug(context.db, slug) : null;
  if (slug && !district) throw new Response("Unknown district", { status: 404 });
  const filter = ListFilterSchema.parse(Object.fromEntries(sp));
  return csvResponse(
    await measuresCsv(context.db, { ...filter, districtId: district?.id }, context.clock.now()),
    `atgarder${district ? `-${district.slug}` : ""}.csv`,
  );
}
