/**
 * Measure email texts, Swedish then English in one message (as for dialogues):
 * we do not know the reader's language and ask for no more data than we need.
 */
import type { TFunction } from "i18next";
import { serverT } from "~/i18n/i18n";
import type { I18nKey } from "~/i18n/keys";
import type { MeasureStatus } from "~/domain/measures/status";

type Builder = (t: TFunction) => string;

function bilingual(build: Builder): string {
  return `${build(serverT("sv"))}\n\n----- In English -----\n\n${build(serverT("en"))}`;
}

function subject(key: I18nKey, vars: Record<string, string | number> = {}): string {
  return `${serverT("sv")(key, vars)} / ${serverT("en")(key, vars)}`;
}

export interface SentItem {
  id: number;
  title: string;
  districtName: string;
  dueDate: string | null;
}

/** One email per responsible party listing its new items, with links to its work list. */
export function sentToPartyEmail(organisationName: string, items: SentItem[], baseUrl: string, operator: string) {
  return {
    subject: subject("measures.email.sentSubject", { count: items.length }),
    text: bilingual((t) =>
      [
        t("measures.email.sentGreeting", { organisation: organisationName }),
        "",
        t("measures.email.sentBody", { count: items.length }),
        "",
        ...items.flatMap((m) => [
          `- ${m.title} (${m.districtName})${m.dueDate ? ` – ${t("measures.fields.dueDate")}: ${m.dueDate}` : ""}`,
          `  ${new URL(`/personal/atgarder/${m.id}`, baseUrl).toString()}`,
        ]),
        "",
        t("measures.email.sentWorkList", { url: new URL("/personal/atgarder/mina", baseUrl).toString() }),
        t("measures.email.signature", { operator }),
      ].join("\n"),
    ),
  };
}

export function followConfirmEmail(title: string, confirmUrl: string, operator: string) {
  return {
    subject: subject("measures.email.confirmSubject", { title }),
    text: bilingual((t) =>
      [t("measures.email.confirmBody", { title }), "", confirmUrl, "", t("measures.email.confirmIgnore"), t("measures.email.signature", { operator })].join(
        "\n",
      ),
    ),
  };
}

export function followUpdateEmail(
  m: { id: number; title: string },
  status: MeasureStatus,
  comment: string | null,
  closed: boolean,
  urls: { page: string; unsubscribe: string },
  operator: string,
) {
  return {
    subject: subject("measures.email.updateSubject", { title: m.title }),
    text: bilingual((t) =>
      [
        t("measures.email.updateBody", { title: m.title, status: t(`measures.status.${status}`) }),
        comment ? `\n${comment}` : "",
        "",
        urls.page,
        "",
        closed ? t("measures.email.updateClosed") : t("measures.email.unsubscribe", { url: urls.unsubscribe }),
        t("measures.email.signature", { operator }),
      ].join("\n"),
    ),
  };
}
