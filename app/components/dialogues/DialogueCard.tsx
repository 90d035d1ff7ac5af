import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatSpan } from "~/domain/common/format";

export interface DialogueSummary {
  id: number;
  title: string;
  districtName: string;
  startsAt: string;
  endsAt: string;
  format: "in_person" | "digital" | "hybrid";
  status: string;
  placeAddress: string | null;
  feedbackPublishedAt: string | null;
}

export function DialogueCard({ d, past = false, headingLevel = 3 }: { d: DialogueSummary; past?: boolean; headingLevel?: 2 | 3 }) {
  const { t, i18n } = useTranslation();
  const H = headingLevel === 2 ? "h2" : "h3";
  return (
    <li className="card dialogue-card">
      <H className="card-title">
        <Link to={`/dialoger/${d.id}`}>{d.title}</Link>
      </H>
      <p>
        <time dateTime={d.startsAt}>{formatSpan(d.startsAt, d.endsAt, i18n.language)}</time>
      </p>
      <p>
        {d.districtName} · {t(`dialogues.format.${d.format}`)}
        {d.format !== "digital" && d.placeAddress ? ` · ${d.placeAddress}` : ""}
      </p>
      {past ? (
        <p>
          {d.feedbackPublishedAt ? (
            <Link to={`/dialoger/${d.id}/aterkoppling`}>
              {t("dialogues.list.feedbackLink")}
              <span className="visually-hidden">: {d.title}</span>
            </Link>
          ) : (
            t("dialogues.list.feedbackPending")
          )}
        </p>
      ) : d.status === "ongoing" ? (
        <p>
          <strong>{t("dialogues.status.ongoing")}</strong>
        </p>
      ) : null}
    </li>
  );
}
