import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { MeasureTable } from "~/components/measures/MeasureBits";
import { measureLinks } from "~/components/measures/styles";
import { findOrganisation } from "~/domain/common/organisations.server";
import { listMeasures } from "~/domain/measures/measures.server";
import { nextStepFor } from "~/domain/measures/status";
import { requireStaff } from "~/http/auth.server";
import { titleFor } from "~/utils/i18n-helpers";

export const links: LinksFunction = measureLinks;
export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  titleFor(matches, "measures.workListTitle", { organisation: data?.organisation?.name ?? "" });

/** The responsible party's work list: its open measures, overdue first. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, context, "measures.respond");
  const org = staff.organisationId ? await findOrganisation(context.db, staff.organisationId) : null;
  const organisation = org ? { id: org.id, name: org.name } : null;
  const measures = organisation ? await listMeasures(context.db, { organisationId: organisation.id, openOnly: true }, context.clock.now()) : [];
  // Not yet sent items are the district's business, not the party's.
  const todo = measures.filter((m) => m.status !== "proposed").sort((a, b) => Number(b.overdue) - Number(a.overdue));
  return json({ organisation, measures: todo });
}

export default function WorkList() {
  const { organisation, measures } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  if (!organisation) {
    return (
      <>
        <h1>{t("measures.staff.workList")}</h1>
        <p>{t("measures.workListNoOrganisation")}</p>
      </>
    );
  }
  return (
    <>
      <h1>{t("measures.workListTitle", { organisation: organisation.name })}</h1>
      {measures.length === 0 ? (
        <p>{t("measures.staff.none")}</p>
      ) : (
        <MeasureTable
          rows={measures}
          caption={t("measures.public.count", { count: measures.length })}
          hrefFor={(id) => `/personal/atgarder/${id}`}
          showDistrict
          extra={{ heading: t("measures.fields.next"), cell: (r) => t(`measures.nextStep.${nextStepFor(r.status)}`) }}
        />
      )}
    </>
  );
}
