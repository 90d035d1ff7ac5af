import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { requireStaffForm, signOut } from "~/http/auth.server";

export async function action({ request, context }: ActionFunctionArgs) {
  const { staff } = await requireStaffForm(request, context);
  const cookie = await signOut(context, request, staff);
  return redirect("/personal/logga-in?reason=signedOut", { headers: { "Set-Cookie": cookie } });
}

export async function loader() {
  return redirect("/personal");
}
