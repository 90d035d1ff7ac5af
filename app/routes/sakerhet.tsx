import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SecurityPolicyText } from "~/content/security";
import { securityContact } from "~/domain/common/security-txt";
import { useRootData } from "~/utils/root-data";
import { titleFor } from "~/utils/i18n-helpers";

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "securityPolicy.title");

export async function loader({ context }: LoaderFunctionArgs) {
  return json({ contact: securityContact(context.config) });
}

export default function SecurityPolicy() {
  const { contact } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const data = useRootData();
  return (
    <>
      <h1>{t("securityPolicy.title")}</h1>
      <SecurityPolicyText locale={data?.locale ?? "sv"} operator={data?.operator ?? ""} contact={contact} />
    </>
  );
}
