import type { MetaFunction } from "@remix-run/node";
import { useTranslation } from "react-i18next";
import { PrivacyText } from "~/content/privacy";
import { useRootData } from "~/utils/root-data";
import { titleFor } from "~/utils/i18n-helpers";

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "privacy.title");

export default function Privacy() {
  const { t } = useTranslation();
  const data = useRootData();
  return (
    <>
      <h1>{t("privacy.title")}</h1>
      <PrivacyText locale={data?.locale ?? "sv"} operator={data?.operator ?? ""} contactEmail={data?.contactEmail ?? ""} />
    </>
  );
}
