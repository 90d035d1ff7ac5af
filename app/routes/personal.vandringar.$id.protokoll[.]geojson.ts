import type { LoaderFunctionArgs } from "@remix-run/node";
import { baseUrlFor } from "~/http/dialogues.server";
import { requireStaff } from "~/http/auth.server";
import { toGeoJson } from "~/domain/walks/export";
import { idParam, notFound } from "~/http/not-found.server";
import { exportItems, getProtocol } from "~/domain/walks/protocol.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requireStaff(request, context, "walks.manage");
  const p = await getProtocol(context.db, idParam("walk", params.id));
  if (!p) notFound("walk");
  const body = JSON.stringify(toGeoJson(exportItems(p, baseUrlFor(context, request)), { walkId: p.walk.id, title: p.walk.title }));
  return new Response(body, {
    headers: {
      "Content-Type": "application/geo+json; charset=utf-8",
      "Content-Disposition": `attachment; filename="vandring-${p.walk.id}.geojson"`,
      "Cache-Control": "no-store",
    },
  });
}
