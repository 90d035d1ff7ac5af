/** Walk email texts: Swedish first, then English, in one message (as for dialogues). */
import type { TFunction } from "i18next";
import { serverT } from "~/i18n/i18n";
import { formatSpan } from "~/domain/common/format";
import type { Walk } from "~/domain/walks/walks.server";
import { tKey, type I18nKey } from "~/i18n/keys";

function bilingual(build: (t: TFunction, locale: "sv" | "en") => string): string {
  return `${build(serverT("sv"), "sv")}\n\n----- In English -----\n\n${build(serverT("en"), "en")}`;
}

function subject(key: I18nKey, w: Walk): string {
  return `${serverT("sv")(key, { title: w.title })} / ${serverT("en")(key, { title: w.title })}`;
}

function details(w: Walk, t: TFunction, locale: string, baseUrl: string): string {
  return [
    w.title,
    `${t("walks.fields.when")}: ${formatSpan(w.startsAt, w.endsAt, locale)} (${t("dialogues.timeZoneNote")})`,
    `${t("walks.fields.meetingPoint")}: ${w.meetingPoint}`,
    `${t("walks.fields.expectedLight")}: ${t(`walks.light.${w.expectedLight}`)}`,
    new URL(`/vandringar/${w.id}`, baseUrl).toString(),
  ].join("\n");
}

export function walkInvitationEmail(w: Walk, organisation: string, baseUrl: string, operator: string) {
  return {
    subject: subject("walks.email.invitationSubject", w),
    text: bilingual((t, l) =>
      [
        t("walks.email.greeting", { organisation }),
        "",
        t("walks.email.invitationBody", { district: w.districtName }),
        "",
        details(w, t, l, baseUrl),
        w.purpose ? `\n${t("walks.fields.purpose")}: ${w.purpose}` : "",
        "",
        t("walks.email.invitationReply"),
        t("walks.email.signature", { operator }),
      ].join("\n"),
    ),
  };
}

export interface ProtocolEmailItem {
  number: number;
  address: string | null;
  lat: number;
  lng: number;
  categories: string[];
  description: string | null;
  proposedMeasure: string | null;
  priority: string | null;
}

export function protocolEmail(w: Walk, organisation: string, items: ProtocolEmailItem[], baseUrl: string, operator: string) {
  return {
    subject: subject("walks.email.protocolSubject", w),
    text: bilingual((t, l) =>
      [
        t("walks.email.greeting", { organisation }),
        "",
        t("walks.email.protocolBody", { count: items.length, district: w.districtName }),
        "",
        details(w, t, l, baseUrl),
        "",
        ...items.flatMap((i) => [
          `#${i.number} ${i.address ?? ""} (${i.lat.toFixed(5)}, ${i.lng.toFixed(5)})`,
          `  ${t("walks.fields.categories")}: ${i.categories.map((c) => tKey(t, `walks.category.${c}`)).join(", ")}`,
          i.description ? `  ${t("walks.fields.description")}: ${i.description}` : "",
          i.proposedMeasure ? `  ${t("walks.protocol.proposedMeasure")}: ${i.proposedMeasure}` : "",
          i.priority ? `  ${t("walks.protocol.priority")}: ${tKey(t, `walks.priority.${i.priority}`)}` : "",
          "",
        ]),
        t("walks.email.protocolReply"),
        t("walks.email.signature", { operator }),
      ]
        .filter((line, idx, arr) => !(line === "" && arr[idx - 1] === ""))
        .join("\n"),
    ),
  };
}
