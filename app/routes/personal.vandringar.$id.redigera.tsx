import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { walkLinks } from "~/components/walks/styles";
import { WalkForm } from "~/components/walks/WalkForm";
import { listDistricts } from "~/domain/areas/districts.server";
import { requireStaff, requireStaffForm } from "~/http/auth.server";
import { requireWalk, walkFormValues } from "~/http/walks.server";
import { idParam, notFound } from "~/http/not-found.server";
import { WalkFormSchema } from "~/domain/walks/walk.schema";
import { linkableDialogues, updateWalk } from "~/domain/walks/walks.server";
import { formValues, parseForm } from "~/http/forms";
import { titleFor } from "~/utils/i18n-helpers";

export const links: LinksFunction = walkLinks;
export const meta: MetaFunction<typeof loader> = ({ matches, data }) => titleFor(matches, "walks.staff.editTitle", { title: data?.walk.title ?? "" });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requireStaff(request, context, "walks.manage");
  const walk = await requireWalk(context.db, params.id);
  const [districts, dialogues] = await Promise.all([listDistricts(context.db), linkableDialogues(context.db)]);
  return json({
    walk,
    values: walkFormValues(walk),
    districts: districts.map((d) => ({ id: d.id, name: d.name, centre: d.centre })),
    dialogues,
    map: { tileUrl: context.config.TILE_URL, attribution: context.config.TILE_ATTRIBUTION },
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const id = idParam("walk", params.id);
  const { staff, form } = await requireStaffForm(request, context, "walks.manage");
  const parsed = parseForm(WalkFormSchema, form);
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const result = await updateWalk(context.db, staff, id, parsed.data, { ip: context.clientIp, now: context.clock.now() });
  if (!result) notFound("walk");
  if (!result.ok) return json({ errors: result.errors, values: formValues(form) }, { status: 400 });
  return redirect(`/personal/vandringar/${id}?klart=sparad`);
}

export default function EditWalk() {
  const d = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <>
      <p>
        <Link to={`/personal/vandringar/${d.walk.id}`}>← {d.walk.title}</Link>
      </p>
      <h1>{t("walks.staff.editTitle", { title: d.walk.title })}</h1>
      <WalkForm
        districts={d.districts}
        dialogues={d.dialogues}
        map={d.map}
        values={data?.values ?? d.values}
        errors={data?.errors}
        submitLabel={t("walks.staff.save")}
      />
    </>
  );
}
