import { Form } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { CATEGORIES, FOLLOWUP_STATUSES, QUICK_RATINGS } from "~/domain/walks/categories";
import { LIGHTS } from "~/domain/walks/lifecycle";
import type { PublicObservation } from "~/domain/walks/observations.server";
import type { ObservationFilter } from "~/domain/walks/walk.schema";

/** The filter form: a plain GET form, so it works without JavaScript and from the keyboard. */
export function ObservationFilters({ filter, anchor = "platser" }: { filter: ObservationFilter; anchor?: string }) {
  const { t } = useTranslation();
  return (
    <Form method="get" className="filter-form" preventScrollReset aria-label={t("walks.observations.filters")} action={`#${anchor}`}>
      <div className="field">
        <label htmlFor="f-kategori">{t("walks.fields.categories")}</label>
        <select id="f-kategori" name="kategori" defaultValue={filter.category ?? ""}>
          <option value="">{t("walks.observations.allCategories")}</option>
          {CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {t(`walks.category.${c}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-tid">{t("walks.fields.timeOfDay")}</label>
        <select id="f-tid" name="tid" defaultValue={filter.timeOfDay ?? ""}>
          <option value="">{t("walks.observations.allTimes")}</option>
          {LIGHTS.map((l) => (
            <option key={l} value={l}>
              {t(`walks.light.${l}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-status">{t("walks.observations.status")}</label>
        <select id="f-status" name="status" defaultValue={filter.status ?? ""}>
          <option value="">{t("walks.observations.allStatuses")}</option>
          {FOLLOWUP_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`walks.followup.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-sortera">{t("walks.observations.sort")}</label>
        <select id="f-sortera" name="sortera" defaultValue={filter.sort ?? "newest"}>
          <option value="newest">{t("walks.observations.sortNewest")}</option>
          <option value="oldest">{t("walks.observations.sortOldest")}</option>
          <option value="feeling">{t("walks.observations.sortFeeling")}</option>
          <option value="address">{t("walks.observations.sortAddress")}</option>
        </select>
      </div>
      <button type="submit">{t("walks.observations.apply")}</button>
    </Form>
  );
}

export function observationLabel(t: TFunction, o: Pick<PublicObservation, "id" | "categories" | "feeling" | "address">) {
  const place = o.address ? `${o.address}: ` : "";
  return `${place}${t("walks.map.marker", { n: o.id, categories: o.categories.map((c) => t(`walks.category.${c}`)).join(", "), feeling: o.feeling })}`;
}

export function ObservationTable({ items, total, onShow }: { items: PublicObservation[]; total: number; onShow?: (o: PublicObservation) => void }) {
  const { t } = useTranslation();
  return (
    <>
      <p aria-live="polite">{t("walks.observations.count", { count: total })}</p>
      {items.length === 0 ? (
        <p>{t("walks.observations.none")}</p>
      ) : (
        // A scrolling table must be reachable by keyboard (WCAG 2.1.1): the wrapper is a named, focusable region.
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t("walks.observations.heading")}>
          <table className="obs-list">
            <caption className="visually-hidden">{t("walks.observations.heading")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("walks.observations.number")}</th>
                <th scope="col">{t("walks.observations.place")}</th>
                <th scope="col">{t("walks.fields.categories")}</th>
                <th scope="col">{t("walks.observations.feeling")}</th>
                <th scope="col">{t("walks.fields.timeOfDay")}</th>
                <th scope="col">{t("walks.fields.description")}</th>
                <th scope="col">{t("walks.observations.status")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((o) => (
                <tr key={o.id} id={`plats-${o.id}`}>
                  <th scope="row">{o.id}</th>
                  <td>
                    {o.address ?? t("walks.observations.noAddress", { latitude: o.lat.toFixed(5), longitude: o.lng.toFixed(5) })}
                    {o.lampPost ? ` (${o.lampPost})` : ""}
                    <span className="tags">
                      {o.approximate ? ` · ${t("walks.observations.approximate")}` : ""}
                      {o.addedAfterwards ? ` · ${t("walks.observations.afterwards")}` : ""}
                    </span>
                    {onShow ? (
                      <>
                        {" "}
                        <button
                          type="button"
                          className="link-button"
                          onClick={() => onShow(o)}
                          aria-label={`${t("walks.observations.showOnMap")}: ${o.address ?? o.id}`}
                        >
                          {t("walks.observations.showOnMap")}
                        </button>
                      </>
                    ) : null}
                  </td>
                  <td>
                    {o.categories.map((c) => t(`walks.category.${c}`)).join(", ")}
                    {o.positive ? <span className="tags"> · {t("walks.observations.positive")}</span> : null}
                  </td>
                  <td>
                    {o.feeling}
                    {QUICK_RATINGS.some((r) => o.ratings[r] !== null) ? (
                      <span className="tags">
                        {" "}
                        (
                        {QUICK_RATINGS.filter((r) => o.ratings[r] !== null)
                          .map((r) => `${t(`walks.rating.${r}`)} ${o.ratings[r]}`)
                          .join(", ")}
                        )
                      </span>
                    ) : null}
                  </td>
                  <td>{t(`walks.light.${o.timeOfDay}`)}</td>
                  <td className="user-text">
                    {o.description ?? "–"}
                    {o.photoUrl ? (
                      <img src={o.photoUrl} alt={t("walks.observations.photoAlt", { place: o.address ?? `#${o.id}` })} className="obs-photo" loading="lazy" />
                    ) : null}
                  </td>
                  <td>{t(`walks.followup.${o.followupStatus}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
