import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDistrictBySlug } from "~/domain/areas/districts.server";
import { listUpcoming } from "~/domain/dialogues/dialogues.server";
import { baseUrlFor } from "~/http/dialogues.server";
import { districtFeedIcs, icsResponse } from "~/domain/dialogues/ical.server";
import { serverT } from "~/i18n/i18n";
import { notFound } from "~/http/not-found.server";

/** Subscribable feed (webcal): calendars fetch it without cookies, so it is always Swedish. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const district = await getDistrictBySlug(context.db, params.slug ?? "");
  if (!district) notFound("district");
  const dialogues = await listUpcoming(context.db, { districtId: district.id }, context.clock.now(), 500);
  return icsResponse(districtFeedIcs(district.name, dialogues, baseUrlFor(context, request), serverT("sv")), `trygghetsdialoger-${district.slug}.ics`, true);
}
