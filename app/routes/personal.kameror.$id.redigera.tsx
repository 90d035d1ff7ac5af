import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import leafletCss from "leaflet/dist/leaflet.css";
import { CameraForm } from "~/components/cameras/CameraForm";
import { measureLinks } from "~/components/measures/styles";
import { listDistricts } from "~/domain/areas/districts.server";
import { listOrganisations } from "~/domain/common/organisations.server";
import { cameraFormValues, getCamera } from "~/domain/cameras/cameras.server";
import { requireStaff, requireStaffForm } from "~/http/auth.server";
import { updateCameraFromForm } from "~/http/cameras.server";
import { idParam, notFound } from "~/http/not-found.server";
import { titleFor } from "~/utils/i18n-helpers";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: leafletCss }, ...measureLinks()];
export const meta: MetaFunction<typeof loader> = ({ matches, data }) => titleFor(matches, "cameras.form.editTitle", { name: data?.camera.name ?? "" });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requireStaff(request, context, "cameras.manage");
  const camera = await getCamera(context.db, idParam("camera", params.id), context.clock.now());
  if (!camera) notFound("camera");
  const [districts, organisations] = await Promise.all([listDistricts(context.db), listOrganisations(context.db)]);
  return json({
    camera: { id: camera.id, name: camera.name },
    values: cameraFormValues(camera),
    districts: districts.map((d) => ({ id: d.id, name: d.name, centre: d.centre })),
    organisations,
    map: { tileUrl: context.config.TILE_URL, attribution: context.config.TILE_ATTRIBUTION },
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const id = idParam("camera", params.id);
  const { staff, form } = await requireStaffForm(request, context, "cameras.manage");
  const r = await updateCameraFromForm(context, staff, id, form);
  if (!r.ok && r.notFound) notFound("camera");
  if (!r.ok) return json({ errors: r.errors, values: r.values ?? {} }, { status: r.status });
  return redirect(`/personal/kameror/${id}?klart=sparad`);
}

export default function EditCamera() {
  const { camera, values, districts, organisations, map } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <>
      <p>
        <Link to={`/personal/kameror/${camera.id}`}>← {camera.name}</Link>
      </p>
      <h1>{t("cameras.form.editTitle", { name: camera.name })}</h1>
      <CameraForm districts={districts} organisations={organisations} map={map} values={data?.values ?? values} errors={data?.errors} />
    </>
  );
}
