import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatSpan } from "~/domain/common/format";
import type { Dialogue } from "~/domain/dialogues/dialogues.server";

export function DialogueDetails({ d, actors, seatsLeft }: { d: Dialogue; actors: string[]; seatsLeft: number | null }) {
  const { t, i18n } = useTranslation();
  const a = d.accessibility;
  const a11y = [
    a.hearingLoop && t("dialogues.fields.a11yHearingLoop"),
    a.signLanguage && t("dialogues.fields.a11ySignLanguage"),
    a.stepFree && t("dialogues.fields.a11yStepFree"),
  ].filter(Boolean) as string[];
  return (
    <article className="dialogue-detail">
      <h1>{d.title}</h1>
      <p className="status-line">
        <span className={`status status-${d.status}`}>{t(`dialogues.status.${d.status}`)}</span> · {d.districtName} · {t(`dialogues.format.${d.format}`)}
      </p>
      <dl className="figures">
        <div>
          <dt>{t("dialogues.fields.when")}</dt>
          <dd>
            <time dateTime={d.startsAt}>{formatSpan(d.startsAt, d.endsAt, i18n.language)}</time> ({t("dialogues.timeZoneNote")})
          </dd>
        </div>
        {d.format !== "digital" && d.placeAddress ? (
          <div>
            <dt>{t("dialogues.fields.place")}</dt>
            <dd>
              {d.placeAddress}
              {d.lat !== null && d.lng !== null ? (
                <>
                  {" "}
                  (<a href={`https://www.openstreetmap.org/?mlat=${d.lat}&mlon=${d.lng}#map=17/${d.lat}/${d.lng}`}>{t("dialogues.detail.mapLink")}</a>)
                </>
              ) : null}
            </dd>
          </div>
        ) : null}
        {seatsLeft !== null && d.format !== "digital" ? (
          <div>
            <dt>{t("dialogues.fields.capacity")}</dt>
            <dd>{seatsLeft > 0 ? t("dialogues.detail.seatsLeft", { count: seatsLeft }) : t("dialogues.detail.seatsFull")}</dd>
          </div>
        ) : null}
      </dl>
      <p className="inline-form">
        <a href={`/dialoger/${d.id}/kalender.ics`} download>
          {t("dialogues.detail.addToCalendar")}
        </a>
        {d.format !== "in_person" && (d.status === "published" || d.status === "ongoing") ? (
          <Link to={`/dialoger/${d.id}/delta`} className="button-link primary">
            {t("dialogues.detail.join")}
          </Link>
        ) : null}
        {d.status === "published" || d.status === "ongoing" ? (
          <Link to={`/dialoger/${d.id}/fragor`}>{t(d.status === "published" ? "qa.askInAdvance" : "qa.title")}</Link>
        ) : null}
        {d.feedbackPublishedAt ? <Link to={`/dialoger/${d.id}/aterkoppling`}>{t("dialogues.list.feedbackLink")}</Link> : null}
      </p>

      <section aria-labelledby="skr-heading">
        <h2 id="skr-heading">{t("dialogues.detail.skrHeading")}</h2>
        <dl className="skr">
          <dt>{t("dialogues.fields.purpose")}</dt>
          <dd className="user-text">{d.purpose ?? "–"}</dd>
          <dt>{t("dialogues.fields.ladderLevel")}</dt>
          <dd>{d.ladderLevel ? t(`dialogues.ladder.${d.ladderLevel}`) : "–"}</dd>
          <dt>{t("dialogues.fields.influenceOpen")}</dt>
          <dd className="user-text">{d.influenceOpen ?? "–"}</dd>
          <dt>{t("dialogues.fields.influenceClosed")}</dt>
          <dd className="user-text">{d.influenceClosed ?? "–"}</dd>
        </dl>
      </section>

      <section aria-labelledby="agenda-heading">
        <h2 id="agenda-heading">{t("dialogues.fields.agenda")}</h2>
        {d.agenda.length ? (
          <ol>
            {d.agenda.map((item, i) => (
              <li key={i}>{item}</li>
            ))}
          </ol>
        ) : (
          <p>{t("dialogues.detail.agendaNone")}</p>
        )}
      </section>

      {actors.length ? (
        <section aria-labelledby="actors-heading">
          <h2 id="actors-heading">{t("dialogues.detail.panelists")}</h2>
          <ul>
            {actors.map((name) => (
              <li key={name}>{name}</li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="a11y-heading">
        <h2 id="a11y-heading">{t("dialogues.fields.accessibility")}</h2>
        {a11y.length || a.interpretation || a.notes ? (
          <ul>
            {a11y.map((x) => (
              <li key={x}>{x}</li>
            ))}
            {a.interpretation ? (
              <li>
                {t("dialogues.fields.a11yInterpretation")}: {a.interpretation}
              </li>
            ) : null}
            {a.notes ? <li className="user-text">{a.notes}</li> : null}
          </ul>
        ) : (
          <p>{t("dialogues.detail.accessibilityNone")}</p>
        )}
      </section>
    </article>
  );
}
