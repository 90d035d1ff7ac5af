import { useTranslation } from "react-i18next";
import { MEASURE_CATEGORIES } from "~/domain/measures/measures.schema";
import { MEASURE_STATUSES } from "~/domain/measures/status";

/** Status, category and responsible-party filters shared by the public and the staff measure lists. */
export function MeasureFilterFields({
  filter,
  organisations,
}: {
  filter: { status?: string | null; category?: string | null; organisationId?: string | number | null };
  organisations: ReadonlyArray<{ id: number; name: string }>;
}) {
  const { t } = useTranslation();
  return (
    <>
      <div className="field">
        <label htmlFor="status">{t("measures.fields.status")}</label>
        <select id="status" name="status" defaultValue={filter.status ?? ""}>
          <option value="">{t("measures.public.all")}</option>
          {MEASURE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`measures.status.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="category">{t("measures.fields.category")}</label>
        <select id="category" name="category" defaultValue={filter.category ?? ""}>
          <option value="">{t("measures.public.all")}</option>
          {MEASURE_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {t(`measures.category.${c}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="organisationId">{t("measures.fields.responsible")}</label>
        <select id="organisationId" name="organisationId" defaultValue={filter.organisationId ?? ""}>
          <option value="">{t("measures.public.all")}</option>
          {organisations.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
      </div>
    </>
  );
}
