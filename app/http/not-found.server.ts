/**
 * One 404 for every page: it names what was not found, so /atgarder/999999
 * says "there is no such measure" and not "no such dialogue". The root
 * ErrorBoundary translates the thrown `error` key.
 */
import { json } from "@remix-run/node";
import { parseId } from "~/domain/common/ids";

const MESSAGES = {
  page: "errors.notFound",
  dialogue: "errors.missing.dialogue",
  walk: "errors.missing.walk",
  observation: "errors.missing.observation",
  measure: "errors.missing.measure",
  district: "districts.notFound",
  message: "errors.missing.message",
  report: "errors.missing.report",
  camera: "cameras.notFound",
} as const;

export type Missing = keyof typeof MESSAGES;

/** Throws the 404 for `what`. */
export function notFound(what: Missing): never {
  throw json({ error: MESSAGES[what] }, { status: 404 });
}

/** The id in a URL segment, or the 404 for `what` when the segment is not an id. */
export function idParam(what: Missing, value: string | undefined): number {
  const id = parseId(value);
  if (id === null) notFound(what);
  return id;
}

/** `value`, or the 404 for `what` when it is missing. */
export function found<T>(what: Missing, value: T | null | undefined): T {
  if (value === null || value === undefined) notFound(what);
  return value;
}
