/**
 * Email texts. Swedish first, then English, in one message: we do not know the
 * reader's language and ask for no more data than we need.
 */
import type { TFunction } from "i18next";
import { serverT } from "~/i18n/i18n";
import type { Dialogue } from "~/domain/dialogues/dialogues.server";
import { formatDay, formatSpan } from "~/domain/common/format";
import type { I18nKey } from "~/i18n/keys";

type Builder = (t: TFunction, locale: "sv" | "en") => string;

function bilingual(build: Builder): string {
  return `${build(serverT("sv"), "sv")}\n\n----- In English -----\n\n${build(serverT("en"), "en")}`;
}

function subject(key: I18nKey, d: Dialogue): string {
  return `${serverT("sv")(key, { title: d.title })} / ${serverT("en")(key, { title: d.title })}`;
}

function where(d: Dialogue, t: TFunction, baseUrl: string): string {
  const parts: string[] = [];
  if (d.format !== "digital" && d.placeAddress) parts.push(`${t("dialogues.fields.place")}: ${d.placeAddress}`);
  if (d.format !== "in_person") parts.push(`${t("dialogues.join.title")}: ${new URL(`/dialoger/${d.id}/delta`, baseUrl)}`);
  return parts.join("\n");
}

function details(d: Dialogue, t: TFunction, locale: string, baseUrl: string): string {
  return [
    d.title,
    `${t("dialogues.fields.when")}: ${formatSpan(d.startsAt, d.endsAt, locale)} (${t("dialogues.timeZoneNote")})`,
    `${t("dialogues.fields.format")}: ${t(`dialogues.format.${d.format}`)}`,
    where(d, t, baseUrl),
    `${new URL(`/dialoger/${d.id}`, baseUrl)}`,
  ]
    .filter(Boolean)
    .join("\n");
}

export function invitationEmail(d: Dialogue, organisationName: string, baseUrl: string, operator: string) {
  return {
    subject: subject("dialogues.email.invitationSubject", d),
    text: bilingual((t, l) =>
      [
        t("dialogues.email.invitationGreeting", { organisation: organisationName }),
        "",
        t("dialogues.email.invitationBody", { district: d.districtName }),
        "",
        details(d, t, l, baseUrl),
        "",
        d.purpose ? `${t("dialogues.fields.purpose")}: ${d.purpose}` : "",
        d.ladderLevel ? `${t("dialogues.fields.ladderLevel")}: ${t(`dialogues.ladder.${d.ladderLevel}`)}` : "",
        "",
        t("dialogues.email.invitationReply"),
        t("dialogues.email.signature", { operator }),
      ].join("\n"),
    ),
  };
}

export function registrationEmail(
  d: Dialogue,
  r: { status: "confirmed" | "waitlisted"; mode: "in_person" | "remote"; cancelUrl: string; deleteAfter: string },
  baseUrl: string,
  operator: string,
) {
  return {
    subject: subject(r.status === "waitlisted" ? "dialogues.email.waitlistSubject" : "dialogues.email.confirmSubject", d),
    text: bilingual((t, l) =>
      [
        t(r.status === "waitlisted" ? "dialogues.email.waitlistBody" : "dialogues.email.confirmBody", { mode: t(`dialogues.register.mode.${r.mode}`) }),
        "",
        details(d, t, l, baseUrl),
        "",
        t("dialogues.email.cancel", { url: r.cancelUrl }),
        t("dialogues.email.deletion", { date: formatDay(r.deleteAfter, l) }),
        t("dialogues.email.signature", { operator }),
      ].join("\n"),
    ),
  };
}

export function promotedEmail(d: Dialogue, r: { cancelUrl: string; deleteAfter: string }, baseUrl: string, operator: string) {
  return {
    subject: subject("dialogues.email.promotedSubject", d),
    text: bilingual((t, l) =>
      [
        t("dialogues.email.promotedBody"),
        "",
        details(d, t, l, baseUrl),
        "",
        t("dialogues.email.cancel", { url: r.cancelUrl }),
        t("dialogues.email.deletion", { date: formatDay(r.deleteAfter, l) }),
        t("dialogues.email.signature", { operator }),
      ].join("\n"),
    ),
  };
}

export function reminderEmail(d: Dialogue, r: { mode: "in_person" | "remote"; deleteAfter: string }, baseUrl: string, operator: string) {
  return {
    subject: subject("dialogues.email.reminderSubject", d),
    text: bilingual((t, l) =>
      [
        t("dialogues.email.reminderBody", { mode: t(`dialogues.register.mode.${r.mode}`) }),
        "",
        details(d, t, l, baseUrl),
        "",
        t("dialogues.email.deletion", { date: formatDay(r.deleteAfter, l) }),
        t("dialogues.email.signature", { operator }),
      ].join("\n"),
    ),
  };
}

export function feedbackEmail(d: Dialogue, baseUrl: string, operator: string) {
  return {
    subject: subject("dialogues.email.feedbackSubject", d),
    text: bilingual((t) =>
      [
        t("dialogues.email.feedbackBody", { title: d.title }),
        "",
        `${t("dialogues.feedback.summary")}:`,
        d.feedbackSummary ?? "",
        "",
        `${t("dialogues.feedback.nextSteps")}:`,
        d.feedbackNextSteps ?? "",
        "",
        new URL(`/dialoger/${d.id}/aterkoppling`, baseUrl).toString(),
        "",
        t("dialogues.email.feedbackLast"),
        t("dialogues.email.signature", { operator }),
      ].join("\n"),
    ),
  };
}
