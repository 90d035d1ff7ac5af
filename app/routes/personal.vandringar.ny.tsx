import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { walkLinks } from "~/components/walks/styles";
import { WalkForm } from "~/components/walks/WalkForm";
import { listDistricts } from "~/domain/areas/districts.server";
import { requireStaff, requireStaffForm } from "~/http/auth.server";
import { WalkFormSchema } from "~/domain/walks/walk.schema";
import { createWalk, linkableDialogues } from "~/domain/walks/walks.server";
import { formValues, parseForm } from "~/http/forms";
import { titleFor } from "~/utils/i18n-helpers";

export const links: LinksFunction = walkLinks;
export const meta: MetaFunction = ({ matches }) => titleFor(matches, "walks.staff.createTitle");

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireStaff(request, context, "walks.manage");
  const [districts, dialogues] = await Promise.all([listDistricts(context.db), linkableDialogues(context.db)]);
  return json({
    districts: districts.map((d) => ({ id: d.id, name: d.name, centre: d.centre })),
    dialogues,
    map: { tileUrl: context.config.TILE_URL, attribution: context.config.TILE_ATTRIBUTION },
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { staff, form } = await requireStaffForm(request, context, "walks.manage");
  const parsed = parseForm(WalkFormSchema, form);
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const result = await createWalk(context.db, staff, parsed.data, { ip: context.clientIp, now: context.clock.now() });
  if (!result.ok) return json({ errors: result.errors, values: formValues(form) }, { status: 400 });
  return redirect(`/personal/vandringar/${result.id}?klart=skapad`);
}

export default function NewWalk() {
  const { districts, dialogues, map } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <>
      <h1>{t("walks.staff.createTitle")}</h1>
      <WalkForm
        districts={districts}
        dialogues={dialogues}
        map={map}
        values={data?.values ?? { expectedLight: "dusk" }}
        errors={data?.errors}
        submitLabel={t("walks.staff.save")}
      />
    </>
  );
}
