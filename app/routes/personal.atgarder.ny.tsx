import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import leafletCss from "leaflet/dist/leaflet.css";
import { MeasureForm } from "~/components/measures/MeasureForm";
import { measureLinks } from "~/components/measures/styles";
import { listDistricts } from "~/domain/areas/districts.server";
import { MeasureFormSchema } from "~/domain/measures/measures.schema";
import { listOrganisations } from "~/domain/common/organisations.server";
import { createMeasure } from "~/domain/measures/measures.server";
import { prefillFromObservation, prefillFromQuestion } from "~/domain/measures/sources.server";
import { requireStaff, requireStaffForm } from "~/http/auth.server";
import { formValues, parseForm } from "~/http/forms";
import { parseId } from "~/domain/common/ids";
import { titleFor } from "~/utils/i18n-helpers";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: leafletCss }, ...measureLinks()];
export const meta: MetaFunction = ({ matches }) => titleFor(matches, "measures.staff.createTitle");

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireStaff(request, context, "measures.manage");
  const sp = new URL(request.url).searchParams;
  const questionId = parseId(sp.get("fraga"));
  const observationId = parseId(sp.get("observation"));
  const prefill = questionId
    ? { kind: "question" as const, ...(await prefillFromQuestion(context.db, questionId)) }
    : observationId
      ? { kind: "observation" as const, ...(await prefillFromObservation(context.db, observationId)) }
      : null;
  const [districts, organisations] = await Promise.all([listDistricts(context.db), listOrganisations(context.db)]);
  return json({
    prefill: prefill && prefill.values ? { kind: prefill.kind, text: prefill.text ?? "", values: prefill.values } : null,
    districts: districts.map((d) => ({ id: d.id, name: d.name, centre: d.centre })),
    organisations,
    map: { tileUrl: context.config.TILE_URL, attribution: context.config.TILE_ATTRIBUTION },
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { staff, form } = await requireStaffForm(request, context, "measures.manage");
  const parsed = parseForm(MeasureFormSchema, form);
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const result = await createMeasure(context.db, staff, parsed.data, { ip: context.clientIp, now: context.clock.now() });
  if (!result.ok) return json({ errors: result.errors, values: formValues(form) }, { status: 400 });
  return redirect(`/personal/atgarder/${result.id}?klart=skapad`);
}

export default function NewMeasure() {
  const { districts, organisations, prefill, map } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <>
      <h1>{t("measures.staff.createTitle")}</h1>
      {prefill ? (
        <p className="user-text">{t(prefill.kind === "question" ? "measures.staff.fromQuestion" : "measures.staff.fromObservation", { text: prefill.text })}</p>
      ) : null}
      <MeasureForm
        districts={districts}
        organisations={organisations}
        map={map}
        values={data?.values ?? prefill?.values ?? { priority: "normal" }}
        errors={data?.errors}
      />
    </>
  );
}
