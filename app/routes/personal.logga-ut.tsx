import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { requireStaffForm, signOut } from "~/http/auth.server";
import { signOutEverywhere } from "~/http/sign-out-everywhere.server";

export async function action({ request, context }: ActionFunctionArgs) {
  const { staff, form } = await requireStaffForm(request, context);
  // "Logga ut överallt" (the staff home): every session of this account, this one included.
  if (form.get("intent") === "everywhere") return signOutEverywhere(context, request, staff);
  const cookie = await signOut(context, request, staff);
  return redirect("/personal/logga-in?reason=signedOut", { headers: { "Set-Cookie": cookie } });
}

export async function loader() {
  return redirect("/personal");
}
