import { json, type LoaderFunctionArgs, type MetaFunction, type LinksFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { dialogueLinks } from "~/components/dialogues/styles";
import { z } from "zod";
import { DialogueCard } from "~/components/dialogues/DialogueCard";
import { Notice } from "~/components/forms";
import { listDistricts } from "~/domain/areas/districts.server";
import { DIALOGUE_FORMATS } from "~/domain/dialogues/dialogue.schema";
import { listUpcoming } from "~/domain/dialogues/dialogues.server";
import { addDays, isIsoDate, localToUtc } from "~/domain/common/time";
import { titleFor } from "~/utils/i18n-helpers";

export const links: LinksFunction = dialogueLinks;
export const meta: MetaFunction = ({ matches }) => titleFor(matches, "dialogues.title");

const FilterSchema = z.object({
  omrade: z.string().max(64).optional(),
  form: z.enum(DIALOGUE_FORMATS).optional(),
  fran: z.string().refine(isIsoDate).optional(),
  till: z.string().refine(isIsoDate).optional(),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const raw = Object.fromEntries([...url.searchParams.entries()].filter(([, v]) => v !== ""));
  const parsed = FilterSchema.safeParse(raw);
  const filter = parsed.success ? parsed.data : {};
  const districts = await listDistricts(context.db);
  const district = filter.omrade ? districts.find((d) => d.slug === filter.omrade) : undefined;
  const dialogues = await listUpcoming(
    context.db,
    {
      districtId: district?.id,
      format: filter.form,
      from: filter.fran ? localToUtc(filter.fran, "00:00")?.toISOString() : undefined,
      to: filter.till ? addDays(localToUtc(filter.till, "00:00") ?? new Date(0), 1).toISOString() : undefined,
    },
    context.clock.now(),
  );
  return json({
    dialogues,
    districts: districts.map((d) => ({ slug: d.slug, name: d.name })),
    filter,
    invalid: !parsed.success || Boolean(filter.omrade && !district),
  });
}

export default function Dialogues() {
  const { dialogues, districts, filter, invalid } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <h1>{t("dialogues.title")}</h1>
      <p className="lead">{t("dialogues.list.intro")}</p>
      <Form method="get" className="filter-form" aria-label={t("dialogues.list.filters")}>
        <div className="field">
          <label htmlFor="filter-district">{t("dialogues.fields.district")}</label>
          <select id="filter-district" name="omrade" defaultValue={filter.omrade ?? ""}>
            <option value="">{t("dialogues.list.allDistricts")}</option>
            {districts.map((d) => (
              <option key={d.slug} value={d.slug}>
                {d.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-format">{t("dialogues.fields.format")}</label>
          <select id="filter-format" name="form" defaultValue={filter.form ?? ""}>
            <option value="">{t("dialogues.list.allFormats")}</option>
            {DIALOGUE_FORMATS.map((f) => (
              <option key={f} value={f}>
                {t(`dialogues.format.${f}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-from">{t("dialogues.list.from")}</label>
          <input id="filter-from" name="fran" type="date" defaultValue={filter.fran ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="filter-to">{t("dialogues.list.to")}</label>
          <input id="filter-to" name="till" type="date" defaultValue={filter.till ?? ""} />
        </div>
        <button type="submit">{t("dialogues.list.apply")}</button>
      </Form>
      {invalid ? <Notice kind="warning">{t("dialogues.list.invalidFilter")}</Notice> : null}
      <h2>{t("dialogues.list.upcoming")}</h2>
      {dialogues.length === 0 ? <p>{t("dialogues.list.none")}</p> : null}
      <ul className="card-list">
        {dialogues.map((d) => (
          <DialogueCard key={d.id} d={d} />
        ))}
      </ul>
      <p>
        <Link to="/dialoger/tidigare">{t("dialogues.list.pastLink")}</Link>
      </p>
    </>
  );
}
