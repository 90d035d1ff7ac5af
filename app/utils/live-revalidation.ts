/**
 * Which navigations and submissions must not re-run loaders on the live pages
 * (`/dialoger/:id/fragor`, `/dialoger/:id/delta`, `/personal/dialoger/:id/fragor`).
 * Their state comes from the socket: sequenced events, tallies, queue deltas and acks.
 */
import type { ShouldRevalidateFunctionArgs } from "@remix-run/react";

/** The Q&A form actions: the resident's and the moderator's. */
const LIVE_ACTION = /^\/(personal\/)?dialoger\/\d+\/fragor\/?(\?.*)?$/;

export function isLiveAction({ formMethod, formAction }: Pick<ShouldRevalidateFunctionArgs, "formMethod" | "formAction">): boolean {
  return !!formMethod && formMethod.toUpperCase() !== "GET" && !!formAction && LIVE_ACTION.test(formAction);
}

/** Only the sort order changed (`?sort=`): the list is re-sorted in the browser. */
export function onlySortChanged({ currentUrl, nextUrl }: Pick<ShouldRevalidateFunctionArgs, "currentUrl" | "nextUrl">): boolean {
  if (currentUrl.pathname !== nextUrl.pathname) return false;
  const a = new URLSearchParams(currentUrl.search);
  const b = new URLSearchParams(nextUrl.search);
  a.delete("sort");
  b.delete("sort");
  a.sort();
  b.sort();
  return a.toString() === b.toString();
}

/** shouldRevalidate for the live routes: not after a live action, not for a re-sort. */
export function liveShouldRevalidate(args: ShouldRevalidateFunctionArgs): boolean {
  if (isLiveAction(args)) return false;
  if (!args.formMethod && onlySortChanged(args)) return false;
  return args.defaultShouldRevalidate;
}
