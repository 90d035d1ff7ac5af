/** Camera register email texts, Swedish then English in one message (as for measures). */
import type { TFunction } from "i18next";
import { serverT } from "~/i18n/i18n";

function bilingual(build: (t: TFunction) => string): string {
  return `${build(serverT("sv"))}\n\n----- In English -----\n\n${build(serverT("en"))}`;
}

/** To the owner organisation: the yearly review of a camera falls due (or is overdue). */
export function reviewReminderEmail(c: { id: number; name: string; owner: string; due: string; overdue: boolean }, baseUrl: string, operator: string) {
  const key = c.overdue ? "cameras.email.overdueSubject" : "cameras.email.dueSubject";
  return {
    subject: `${serverT("sv")(key, { name: c.name })} / ${serverT("en")(key, { name: c.name })}`,
    text: bilingual((t) =>
      [
        t("cameras.email.greeting", { organisation: c.owner }),
        "",
        t(c.overdue ? "cameras.email.overdueBody" : "cameras.email.dueBody", { name: c.name, due: c.due }),
        "",
        t("cameras.email.link", { url: new URL(`/personal/kameror/${c.id}/granskning`, baseUrl).toString() }),
        "",
        t("cameras.email.signature", { operator }),
      ].join("\n"),
    ),
  };
}
