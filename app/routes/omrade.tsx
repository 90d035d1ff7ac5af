import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { getDistrictBySlug } from "~/domain/areas/districts.server";
import { notFound } from "~/http/not-found.server";

// Target of the header's district chooser (a GET form, so it works without JavaScript).
export async function loader({ request, context }: LoaderFunctionArgs) {
  const slug = new URL(request.url).searchParams.get("omrade") ?? "";
  const district = slug ? await getDistrictBySlug(context.db, slug) : null;
  if (!district) notFound("district");
  return redirect(`/omraden/${district.slug}`);
}
