/** Observation vocabulary from Swedish safety-walk practice (docs/walks.md). Browser-safe. */

export const CATEGORIES = [
  "lighting",
  "vegetation",
  "footpath",
  "litter",
  "graffiti",
  "vandalism",
  "underpass",
  "routes",
  "transit_stop",
  "ownership",
  "street_life",
  "wayfinding",
  "traffic",
  "social_disorder",
  "positive",
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Optional Safetipin-style quick ratings, 0 (bad) to 3 (good). "Feeling" is required and separate. */
export const QUICK_RATINGS = ["lighting", "openness", "visibility", "people", "walkPath"] as const;
export type QuickRating = (typeof QUICK_RATINGS)[number];

export const PRIORITIES = ["low", "medium", "high"] as const;
export const FOLLOWUP_STATUSES = ["new", "sent", "replied"] as const;

export function isCategory(v: unknown): v is Category {
  return typeof v === "string" && (CATEGORIES as readonly string[]).includes(v);
}
