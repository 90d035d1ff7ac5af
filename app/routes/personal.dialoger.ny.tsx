import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { dialogueLinks } from "~/components/dialogues/styles";
import leafletCss from "leaflet/dist/leaflet.css";
import { DialogueForm } from "~/components/dialogues/DialogueForm";
import { DialogueFormSchema } from "~/domain/dialogues/dialogue.schema";
import { createDialogue } from "~/domain/dialogues/dialogues.server";
import { listDistricts } from "~/domain/areas/districts.server";
import { requireStaff, requireStaffForm } from "~/http/auth.server";
import { formValues, parseForm } from "~/http/forms";
import { titleFor } from "~/utils/i18n-helpers";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: leafletCss }, ...dialogueLinks()];
export const meta: MetaFunction = ({ matches }) => titleFor(matches, "dialogues.staff.createTitle");

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireStaff(request, context, "dialogues.manage");
  const districts = await listDistricts(context.db);
  return json({
    districts: districts.map((d) => ({ id: d.id, name: d.name, centre: d.centre })),
    map: { tileUrl: context.config.TILE_URL, attribution: context.config.TILE_ATTRIBUTION },
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { staff, form } = await requireStaffForm(request, context, "dialogues.manage");
  const parsed = parseForm(DialogueFormSchema, form);
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const result = await createDialogue(context.db, staff, parsed.data, { ip: context.clientIp, now: context.clock.now() });
  if (!result.ok) return json({ errors: result.errors, values: formValues(form) }, { status: 400 });
  return redirect(`/personal/dialoger/${result.id}?klart=skapad`);
}

export default function NewDialogue() {
  const { districts, map } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <>
      <h1>{t("dialogues.staff.createTitle")}</h1>
      <DialogueForm
        districts={districts}
        map={map}
        values={data?.values ?? { format: "hybrid" }}
        errors={data?.errors}
        submitLabel={t("dialogues.staff.save")}
      />
    </>
  );
}
