import type { Resources } from "~/i18n/sv";

// Swedish is the source of keys: every literal t("...") is checked against them, so a
// missing or misspelt key fails `tsc`. The values are widened to `string` (Resources),
// so t() returns string rather than one Swedish sentence as a literal type.
// Keys that only exist at runtime (codes in data, zod messages) go through ~/i18n/keys.
declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: Resources };
  }
}
