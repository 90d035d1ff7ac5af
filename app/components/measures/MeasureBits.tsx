import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatMediumDate } from "~/domain/common/format";
import type { MeasureStatus } from "~/domain/measures/status";
import { tKey } from "~/i18n/keys";

export function StatusBadge({ status }: { status: MeasureStatus }) {
  const { t } = useTranslation();
  return <span className={`measure-status measure-status-${status}`}>{t(`measures.status.${status}`)}</span>;
}

export interface MeasureRow {
  id: number;
  title: string;
  status: MeasureStatus;
  category: string;
  organisationName: string;
  districtName: string;
  address: string | null;
  dueDate: string | null;
  plannedDate: string | null;
  overdue: boolean;
}

/** The equal, accessible path next to every map: a plain table. */
export function MeasureTable({
  rows,
  caption,
  hrefFor,
  showDistrict = false,
  extra,
}: {
  rows: MeasureRow[];
  caption: string;
  hrefFor: (id: number) => string;
  showDistrict?: boolean;
  extra?: { heading: string; cell: (r: MeasureRow) => string };
}) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap">
      <table className="measure-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("measures.fields.title")}</th>
            <th scope="col">{t("measures.fields.status")}</th>
            <th scope="col">{t("measures.fields.category")}</th>
            <th scope="col">{t("measures.fields.responsible")}</th>
            {showDistrict ? <th scope="col">{t("measures.fields.district")}</th> : null}
            <th scope="col">{t("measures.fields.where")}</th>
            <th scope="col">{t("measures.fields.dueDate")}</th>
            {extra ? <th scope="col">{extra.heading}</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} className={r.overdue ? "measure-overdue" : undefined}>
              <td>
                <Link to={hrefFor(r.id)}>{r.title}</Link>
              </td>
              <td>
                <StatusBadge status={r.status} />
                {r.overdue ? <strong className="overdue-label"> · {t("measures.fields.overdue")}</strong> : null}
              </td>
              <td>{tKey(t, `measures.category.${r.category}`)}</td>
              <td>{r.organisationName}</td>
              {showDistrict ? <td>{r.districtName}</td> : null}
              <td>{r.address ?? "–"}</td>
              <td>{r.status === "planned" && r.plannedDate ? t("measures.public.plannedDate", { date: r.plannedDate }) : (r.dueDate ?? "–")}</td>
              {extra ? <td>{extra.cell(r)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export interface TimelineItem {
  id: number;
  at: string;
  kind: "created" | "status" | "reply";
  fromStatus: MeasureStatus | null;
  toStatus: MeasureStatus | null;
  who: string;
  comment: string | null;
}

export function Timeline({ items }: { items: TimelineItem[] }) {
  const { t, i18n } = useTranslation();
  const who = (w: string) => (w === "district" ? t("measures.timeline.district") : w);
  const status = (s: MeasureStatus | null) => (s ? t(`measures.status.${s}`) : "–");
  return (
    <ol className="measure-timeline">
      {items.map((e) => (
        <li key={e.id}>
          <time dateTime={e.at}>{formatMediumDate(e.at, i18n.language)}</time>{" "}
          <span>
            {e.kind === "created"
              ? t("measures.timeline.created", { who: who(e.who) })
              : e.kind === "reply"
                ? t("measures.timeline.reply", { who: who(e.who) })
                : t("measures.timeline.changed", { from: status(e.fromStatus), to: status(e.toStatus), who: who(e.who) })}
          </span>
          {e.comment ? <p className="user-text">{e.comment}</p> : null}
        </li>
      ))}
    </ol>
  );
}

export interface SourceItem {
  type: "question" | "observation";
  id: number;
  text: string;
  categories?: string[];
  address?: string | null;
  answer: string | null;
  answeredBy: string | null;
  contextTitle: string;
  href: string;
}

export function Sources({ sources }: { sources: SourceItem[] }) {
  const { t } = useTranslation();
  if (sources.length === 0) return <p>{t("measures.sources.none")}</p>;
  return (
    <ul className="measure-sources">
      {sources.map((s) => (
        <li key={`${s.type}-${s.id}`}>
          <p>
            <Link to={s.href}>{t(s.type === "question" ? "measures.sources.question" : "measures.sources.observation", { title: s.contextTitle })}</Link>
          </p>
          {s.categories?.length || s.address ? (
            <p className="muted">
              {[...new Set(s.categories ?? [])]
                .map((c) => tKey(t, `measures.category.${c}`))
                .concat(s.address ? [s.address] : [])
                .join(" · ")}
            </p>
          ) : null}
          {s.text ? <blockquote className="user-text">{s.text}</blockquote> : null}
          {s.answer ? (
            <p className="user-text">
              <strong>{s.answeredBy ? `${s.answeredBy}: ` : `${t("measures.sources.answer")}: `}</strong>
              {s.answer}
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
