import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import leafletCss from "leaflet/dist/leaflet.css";
import { CameraForm } from "~/components/cameras/CameraForm";
import { measureLinks } from "~/components/measures/styles";
import { listDistricts } from "~/domain/areas/districts.server";
import { listOrganisations } from "~/domain/common/organisations.server";
import { parseId } from "~/domain/common/ids";
import { prefillFromSource } from "~/domain/cameras/cameras.server";
import { requireStaff, requireStaffForm } from "~/http/auth.server";
import { createCameraFromForm } from "~/http/cameras.server";
import { titleFor } from "~/utils/i18n-helpers";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: leafletCss }, ...measureLinks()];
export const meta: MetaFunction = ({ matches }) => titleFor(matches, "cameras.form.newTitle");

const DEFAULTS = { mode: "recorded", locationPublic: "1", signPictogram: "1" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireStaff(request, context, "cameras.manage");
  const sp = new URL(request.url).searchParams;
  const observationId = parseId(sp.get("observation"));
  const measureId = parseId(sp.get("atgard"));
  const prefill = observationId
    ? await prefillFromSource(context.db, "observation", observationId)
    : measureId
      ? await prefillFromSource(context.db, "measure", measureId)
      : null;
  const [districts, organisations] = await Promise.all([listDistricts(context.db), listOrganisations(context.db)]);
  return json({
    prefill,
    districts: districts.map((d) => ({ id: d.id, name: d.name, centre: d.centre })),
    organisations,
    map: { tileUrl: context.config.TILE_URL, attribution: context.config.TILE_ATTRIBUTION },
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { staff, form } = await requireStaffForm(request, context, "cameras.manage");
  const r = await createCameraFromForm(context, staff, form);
  if (!r.ok) return json({ errors: r.errors, values: r.values ?? {} }, { status: r.status });
  return redirect(`/personal/kameror/${r.id}?klart=skapad`);
}

export default function NewCamera() {
  const { districts, organisations, prefill, map } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <>
      <h1>{t("cameras.form.newTitle")}</h1>
      {prefill ? (
        <p className="user-text">
          {t(prefill.source.type === "observation" ? "cameras.form.fromObservation" : "cameras.form.fromMeasure", { label: prefill.source.label })}
        </p>
      ) : null}
      <CameraForm
        districts={districts}
        organisations={organisations}
        map={map}
        values={data?.values ?? { ...DEFAULTS, ...(prefill?.values ?? {}) }}
        errors={data?.errors}
      />
    </>
  );
}
