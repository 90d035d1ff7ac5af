/** Zod schemas for measure forms. Browser-safe; messages are i18n keys. */
import { z } from "zod";
import { optionalCoordinate, optionalText as sharedOptionalText } from "~/domain/common/fields";
import { idField } from "~/domain/common/ids";
import { isIsoDate } from "~/domain/common/time";
import { MEASURE_ACTIONS, MEASURE_STATUSES } from "~/domain/measures/status";

/** Categories follow the safety-walk practice (see docs/measures.md); also the Open311 service codes. */
export const MEASURE_CATEGORIES = [
  "lighting",
  "vegetation",
  "paths",
  "litter",
  "graffiti",
  "vandalism",
  "underpass",
  "public_transport",
  "ownership",
  "street_life",
  "wayfinding",
  "traffic",
  "social_disorder",
  "other",
] as const;
export type MeasureCategory = (typeof MEASURE_CATEGORIES)[number];
export const MEASURE_PRIORITIES = ["low", "normal", "high"] as const;

export const LIMITS = { title: 150, description: 2000, address: 200, comment: 1000, reason: 1000, email: 254 } as const;
const E = "measures.errors";

const optionalText = (max: number) => sharedOptionalText(max, `${E}.tooLong`);

const coordinate = (min: number, max: number) => optionalCoordinate(min, max, `${E}.coordinate`);

const optionalDate = z
  .string()
  .optional()
  .transform((v) => (v ?? "").trim())
  .refine((v) => v === "" || isIsoDate(v), `${E}.dateInvalid`)
  .transform((v) => (v === "" ? null : v));

/** Question ids typed or carried over from "create from this question": "12, 15". */
const idList = z
  .string()
  .optional()
  .transform((v) => (v ?? "").trim())
  .refine((v) => v === "" || /^\d{1,9}(\s*,\s*\d{1,9})*$/.test(v), `${E}.sourceInvalid`)
  .transform((v) => (v === "" ? [] : [...new Set(v.split(",").map((s) => Number(s.trim())))]));

export const MeasureFormSchema = z
  .object({
    title: z.string().trim().min(1, `${E}.required`).max(LIMITS.title, `${E}.tooLong`),
    description: z.string().trim().min(1, `${E}.required`).max(LIMITS.description, `${E}.tooLong`),
    districtId: idField(`${E}.unknownDistrict`),
    category: z.enum(MEASURE_CATEGORIES, { message: `${E}.categoryRequired` }),
    organisationId: idField(`${E}.unknownOrganisation`),
    priority: z.enum(MEASURE_PRIORITIES, { message: `${E}.required` }).default("normal"),
    dueDate: optionalDate,
    address: optionalText(LIMITS.address),
    lat: coordinate(-90, 90),
    lng: coordinate(-180, 180),
    questionIds: idList,
    observationIds: idList,
  })
  .superRefine((v, ctx) => {
    if ((v.lat === null) !== (v.lng === null)) ctx.addIssue({ code: "custom", path: [v.lat === null ? "lat" : "lng"], message: `${E}.coordinatePair` });
  });
export type MeasureInput = z.output<typeof MeasureFormSchema>;

export const MeasureActionSchema = z.object({
  action: z.enum(MEASURE_ACTIONS, { message: `${E}.transitionNotAllowed` }),
  comment: optionalText(LIMITS.comment),
  reason: optionalText(LIMITS.reason),
  plannedDate: z
    .string()
    .optional()
    .transform((v) => (v ?? "").trim() || null),
});
export type MeasureActionInput = z.output<typeof MeasureActionSchema>;

export const LinkSourceSchema = z.object({
  sourceType: z.enum(["question", "observation"], { message: `${E}.sourceInvalid` }),
  sourceId: idField(`${E}.sourceInvalid`),
});

export const FollowSchema = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .min(1, `${E}.emailRequired`)
    .max(LIMITS.email, `${E}.tooLong`)
    .pipe(z.email(`${E}.emailInvalid`)),
});

/** Public list filters; unknown values are ignored rather than refused (they come from URLs). */
export const ListFilterSchema = z.object({
  status: z.enum(MEASURE_STATUSES).optional().catch(undefined),
  category: z.enum(MEASURE_CATEGORIES).optional().catch(undefined),
  organisationId: z.coerce.number().int().positive().optional().catch(undefined),
});
export type ListFilter = z.output<typeof ListFilterSchema>;
