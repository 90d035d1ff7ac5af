import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { isLocale } from "~/i18n/i18n";
import { localeCookie } from "~/i18n/locale.server";
import { readFormData, safeRedirectPath } from "~/http/request.server";

export async function action({ request }: ActionFunctionArgs) {
  const form = await readFormData(request);
  const lng = form.get("lng");
  const to = safeRedirectPath(form.get("redirectTo"));
  if (!isLocale(lng)) return redirect(to);
  return redirect(to, { headers: { "Set-Cookie": await localeCookie.serialize(lng) } });
}

export async function loader() {
  return redirect("/");
}
