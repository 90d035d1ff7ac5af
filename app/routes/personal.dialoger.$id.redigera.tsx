import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { dialogueLinks } from "~/components/dialogues/styles";
import leafletCss from "leaflet/dist/leaflet.css";
import { DialogueForm } from "~/components/dialogues/DialogueForm";
import { Notice } from "~/components/forms";
import { DialogueFormSchema } from "~/domain/dialogues/dialogue.schema";
import { getDialogue, updateDialogue } from "~/domain/dialogues/dialogues.server";
import { dialogueFormValues } from "~/domain/dialogues/form-values";
import { idParam, notFound } from "~/http/not-found.server";
import { canEditDetails } from "~/domain/dialogues/lifecycle";
import { listDistricts } from "~/domain/areas/districts.server";
import { requireStaff, requireStaffForm } from "~/http/auth.server";
import { formValues, parseForm } from "~/http/forms";
import { titleFor } from "~/utils/i18n-helpers";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: leafletCss }, ...dialogueLinks()];
export const meta: MetaFunction<typeof loader> = ({ matches, data }) => titleFor(matches, "dialogues.staff.editTitle", { title: data?.dialogue.title ?? "" });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requireStaff(request, context, "dialogues.manage");
  const dialogue = await getDialogue(context.db, idParam("dialogue", params.id));
  if (!dialogue) notFound("dialogue");
  const districts = await listDistricts(context.db);
  return json({
    dialogue,
    editable: canEditDetails(dialogue.status),
    values: dialogueFormValues(dialogue),
    districts: districts.map((d) => ({ id: d.id, name: d.name, centre: d.centre })),
    map: { tileUrl: context.config.TILE_URL, attribution: context.config.TILE_ATTRIBUTION },
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const id = idParam("dialogue", params.id);
  const { staff, form } = await requireStaffForm(request, context, "dialogues.manage");
  const parsed = parseForm(DialogueFormSchema, form);
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const result = await updateDialogue(context.db, staff, id, parsed.data, { ip: context.clientIp, now: context.clock.now() });
  if (!result) notFound("dialogue");
  if (!result.ok) return json({ errors: result.errors, values: formValues(form) }, { status: 400 });
  return redirect(`/personal/dialoger/${id}?klart=sparad`);
}

export default function EditDialogue() {
  const { dialogue, editable, values, districts, map } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <>
      <p>
        <Link to={`/personal/dialoger/${dialogue.id}`}>← {t("dialogues.staff.overview")}</Link>
      </p>
      <h1>{t("dialogues.staff.editTitle", { title: dialogue.title })}</h1>
      {editable ? (
        <DialogueForm districts={districts} map={map} values={data?.values ?? values} errors={data?.errors} submitLabel={t("dialogues.staff.save")} />
      ) : (
        <Notice kind="warning">{t("dialogues.errors.notEditable")}</Notice>
      )}
    </>
  );
}
