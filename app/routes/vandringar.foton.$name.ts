import type { LoaderFunctionArgs } from "@remix-run/node";
import { can } from "~/domain/staff/roles";
import { getStaffUser } from "~/http/auth.server";
import { readPhoto } from "~/domain/walks/photos.server";

/** Serves a stored photo: to anyone once approved, before that to staff and the device that took it. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const staff = await getStaffUser(request, context);
  const data = await readPhoto(context.db, context.config, params.name ?? "", {
    participantId: context.participantId,
    staff: !!staff && can(staff.role, "walks.manage"),
  });
  if (!data) return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(new Uint8Array(data), {
    headers: { "Content-Type": "image/jpeg", "Cache-Control": "private, max-age=300", "X-Content-Type-Options": "nosniff", "Content-Disposition": "inline" },
  });
}
