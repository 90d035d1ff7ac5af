import type { LoaderFunctionArgs } from "@remix-run/node";
import { baseUrlFor } from "~/http/dialogues.server";
import { requireStaff } from "~/http/auth.server";
import { CSV_COLUMNS, protocolCsv } from "~/domain/walks/export";
import { idParam, notFound } from "~/http/not-found.server";
import { exportItems, getProtocol } from "~/domain/walks/protocol.server";
import { getLocale } from "~/i18n/locale.server";
import { serverT } from "~/i18n/i18n";
import { tKey } from "~/i18n/keys";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requireStaff(request, context, "walks.manage");
  const p = await getProtocol(context.db, idParam("walk", params.id));
  if (!p) notFound("walk");
  const t = serverT(await getLocale(request));
  const csv = protocolCsv(
    exportItems(p, baseUrlFor(context, request)),
    CSV_COLUMNS.map((c) => t(`walks.protocol.csvHeader.${c}`)),
    { yes: t("walks.protocol.yes"), no: t("walks.protocol.no"), category: (c) => tKey(t, `walks.category.${c}`), light: (l) => tKey(t, `walks.light.${l}`) },
  );
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="vandring-${p.walk.id}-protokoll.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
