import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { MeasureTable } from "~/components/measures/MeasureBits";
import { MeasureFilterFields } from "~/components/measures/MeasureFilterFields";
import { measureLinks } from "~/components/measures/styles";
import { listDistricts } from "~/domain/areas/districts.server";
import { ListFilterSchema } from "~/domain/measures/measures.schema";
import { listOrganisations } from "~/domain/common/organisations.server";
import { listMeasures } from "~/domain/measures/measures.server";
import { nextStepFor } from "~/domain/measures/status";
import { requireStaff } from "~/http/auth.server";
import { titleFor } from "~/utils/i18n-helpers";

export const links: LinksFunction = measureLinks;
export const meta: MetaFunction = ({ matches }) => titleFor(matches, "measures.staffTitle");

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireStaff(request, context, "measures.manage");
  const sp = new URL(request.url).searchParams;
  const filter = ListFilterSchema.parse(Object.fromEntries(sp));
  const district = Number(sp.get("omrade")) || undefined;
  const overdueOnly = sp.get("forsenade") === "on";
  const [measures, districts, organisations] = await Promise.all([
    listMeasures(context.db, { ...filter, districtId: district, overdueOnly }, context.clock.now()),
    listDistricts(context.db),
    listOrganisations(context.db),
  ]);
  return json({ measures, districts, organisations, filter: { ...filter, district, overdueOnly } });
}

export default function StaffMeasures() {
  const { measures, districts, organisations, filter } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <h1>{t("measures.staffTitle")}</h1>
      <p className="inline-form">
        <Link to="/personal/atgarder/ny" className="button-link primary">
          {t("measures.staff.create")}
        </Link>
        <Link to="/personal/utkorg">{t("dialogues.staff.outbox")}</Link>
        <a href="/atgarder.csv">{t("measures.public.csv")}</a>
      </p>
      <Form method="get" className="measure-filters" aria-label={t("measures.public.filters")}>
        <div className="field">
          <label htmlFor="omrade">{t("measures.fields.district")}</label>
          <select id="omrade" name="omrade" defaultValue={filter.district ?? ""}>
            <option value="">{t("measures.public.all")}</option>
            {districts.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </div>
        <MeasureFilterFields filter={filter} organisations={organisations} />
        <div className="checkbox">
          <input type="checkbox" id="forsenade" name="forsenade" defaultChecked={filter.overdueOnly} />
          <label htmlFor="forsenade">{t("measures.staff.overdueOnly")}</label>
        </div>
        <button type="submit">{t("measures.public.apply")}</button>
      </Form>
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
