/** Zod schemas for walk forms and socket payloads. Browser-safe; messages are i18n keys. */
import { z } from "zod";
import { optionalText as sharedOptionalText } from "~/domain/common/fields";
import { anyId, idField, idSchema, optionalIdField } from "~/domain/common/ids";
import { invitationSchema } from "~/domain/common/invitations.schema";
import { isIsoDate, isValidTime, localToUtc } from "~/domain/common/time";
import { CATEGORIES, PRIORITIES } from "~/domain/walks/categories";
import { isValidLatLng } from "~/domain/walks/geo";
import { LIGHTS } from "~/domain/walks/lifecycle";

export const WALK_LIMITS = {
  title: 150,
  text: 2000,
  place: 200,
  route: 20_000,
  weather: 200,
  groupName: 80,
  leader: 100,
  participants: 500,
  description: 1000,
  address: 200,
  lampPost: 40,
  raisedBy: 80,
  categories: 6,
  measure: 2000,
  reply: 2000,
} as const;

const E = "walks.errors";

const optionalText = (max: number) => sharedOptionalText(max, `${E}.tooLong`);

const requiredText = (max: number) =>
  z
    .string({ error: `${E}.required` })
    .trim()
    .min(1, `${E}.required`)
    .max(max, `${E}.tooLong`);

const idString = idField(`${E}.notFound`);
/** Kept here for the walk socket events that import it from this schema file. */
export { idSchema };

/** A number from a socket (number) or a form (string with "." or ","); anything else is refused. */
const numberish = (message: string) =>
  z.union(
    [
      z.number({ error: message }),
      z
        .string({ error: message })
        .trim()
        .regex(/^-?\d{1,3}([.,]\d{1,12})?$/, message)
        .transform((v) => Number(v.replace(",", "."))),
    ],
    { error: message },
  );

const optionalCoordinate = z
  .string()
  .optional()
  .transform((v) => (v ?? "").trim().replace(",", "."))
  .refine((v) => v === "" || /^-?\d{1,3}(\.\d{1,8})?$/.test(v), `${E}.coordinate`)
  .transform((v) => (v === "" ? null : Number(v)));

export const WalkFormSchema = z
  .object({
    title: requiredText(WALK_LIMITS.title),
    districtId: idString,
    purpose: optionalText(WALK_LIMITS.text),
    meetingPoint: requiredText(WALK_LIMITS.place),
    meetingLat: optionalCoordinate,
    meetingLng: optionalCoordinate,
    route: z
      .string()
      .optional()
      .transform((v) => v ?? "")
      .pipe(z.string().max(WALK_LIMITS.route, `${E}.tooLong`)),
    date: z.string().refine(isIsoDate, `${E}.date`),
    startTime: z.string().refine(isValidTime, `${E}.time`),
    endTime: z.string().refine(isValidTime, `${E}.time`),
    expectedLight: z.enum(LIGHTS, { error: `${E}.light` }),
    organisers: optionalText(WALK_LIMITS.text),
    dialogueId: optionalIdField(`${E}.notFound`),
  })
  .superRefine((v, ctx) => {
    if ((v.meetingLat === null) !== (v.meetingLng === null)) {
      ctx.addIssue({ code: "custom", path: [v.meetingLat === null ? "meetingLat" : "meetingLng"], message: `${E}.coordinatePair` });
    }
    if (v.meetingLat !== null && v.meetingLng !== null && !isValidLatLng(v.meetingLat, v.meetingLng)) {
      ctx.addIssue({ code: "custom", path: ["meetingLat"], message: `${E}.coordinate` });
    }
    const start = localToUtc(v.date, v.startTime);
    const end = localToUtc(v.date, v.endTime);
    if (isIsoDate(v.date) && isValidTime(v.startTime) && !start) ctx.addIssue({ code: "custom", path: ["startTime"], message: `${E}.timeDoesNotExist` });
    if (start && end && end.getTime() <= start.getTime()) ctx.addIssue({ code: "custom", path: ["endTime"], message: `${E}.endBeforeStart` });
  })
  .transform((v) => ({
    ...v,
    startsAt: localToUtc(v.date, v.startTime)!.toISOString(),
    endsAt: localToUtc(v.date, v.endTime)!.toISOString(),
  }));
export type WalkInput = z.infer<typeof WalkFormSchema>;

export const StartWalkSchema = z.object({
  weather: requiredText(WALK_LIMITS.weather),
  actualLight: z.enum(LIGHTS, { error: `${E}.light` }),
});

export const GroupSchema = z.object({
  name: requiredText(WALK_LIMITS.groupName),
  leader: optionalText(WALK_LIMITS.leader),
  participants: z
    .string()
    .optional()
    .transform((v) => (v ?? "").trim() || "0")
    .refine((v) => /^\d{1,3}$/.test(v) && Number(v) <= WALK_LIMITS.participants, `${E}.participants`)
    .transform(Number),
});

const rating = z
  .union([z.number(), z.string()])
  .nullish()
  .transform((v) => (v === "" || v === undefined || v === null ? null : Number(v)))
  .refine((v) => v === null || (Number.isInteger(v) && v >= 0 && v <= 3), `${E}.rating`);

/**
 * One observation, the same schema for the socket event, the no-JS form and
 * the offline queue's replay. `idempotencyKey` is made on the device when the
 * observation is first saved and sent unchanged on every retry.
 */
export const ObservationSchema = z
  .object({
    walkId: anyId(`${E}.notFound`),
    idempotencyKey: z.string().regex(/^[A-Za-z0-9-]{8,64}$/, `${E}.idempotencyKey`),
    lat: numberish(`${E}.coordinate`).nullish(),
    lng: numberish(`${E}.coordinate`).nullish(),
    /** "lat,lng|name" from the landmark list, used when there is no map point. */
    landmark: z.string().max(300).nullish(),
    address: optionalText(WALK_LIMITS.address),
    lampPost: optionalText(WALK_LIMITS.lampPost),
    categories: z
      .array(z.enum(CATEGORIES, { error: `${E}.category` }), { error: `${E}.categoriesRequired` })
      .min(1, `${E}.categoriesRequired`)
      .max(WALK_LIMITS.categories, `${E}.categoriesTooMany`)
      .transform((c) => [...new Set(c)]),
    feeling: z
      .union([z.number(), z.string()], { error: `${E}.feelingRequired` })
      .transform((v) => (v === "" ? NaN : Number(v)))
      .refine((v) => Number.isInteger(v) && v >= 0 && v <= 3, `${E}.feelingRequired`),
    ratingLighting: rating,
    ratingOpenness: rating,
    ratingVisibility: rating,
    ratingPeople: rating,
    ratingWalkPath: rating,
    description: optionalText(WALK_LIMITS.description),
    timeOfDay: z.enum(LIGHTS, { error: `${E}.light` }),
    raisedBy: optionalText(WALK_LIMITS.raisedBy),
    groupId: z
      .union([idSchema, z.string()])
      .nullish()
      .transform((v) => (v === "" || v === null || v === undefined ? null : Number(v)))
      .refine((v) => v === null || (Number.isInteger(v) && v > 0), `${E}.notFound`),
  })
  .superRefine((v, ctx) => {
    const hasPoint = v.lat !== null && v.lat !== undefined && v.lng !== null && v.lng !== undefined;
    if (hasPoint && !isValidLatLng(v.lat, v.lng)) ctx.addIssue({ code: "custom", path: ["lat"], message: `${E}.coordinateRange` });
    if (!hasPoint && (v.lat != null || v.lng != null)) ctx.addIssue({ code: "custom", path: ["lat"], message: `${E}.coordinatePair` });
    if (!hasPoint && !parseLandmark(v.landmark) && !v.address) ctx.addIssue({ code: "custom", path: ["address"], message: `${E}.positionRequired` });
    if (!hasPoint && !parseLandmark(v.landmark) && v.address) ctx.addIssue({ code: "custom", path: ["landmark"], message: `${E}.landmarkRequired` });
  })
  .transform((v) => {
    const landmark = parseLandmark(v.landmark);
    const hasPoint = v.lat != null && v.lng != null;
    return {
      walkId: Number(v.walkId),
      idempotencyKey: v.idempotencyKey,
      lat: hasPoint ? Number(v.lat) : landmark!.lat,
      lng: hasPoint ? Number(v.lng) : landmark!.lng,
      approximate: !hasPoint,
      address: v.address ?? (hasPoint ? null : landmark!.name),
      // A lamp-post number only means something for lighting.
      lampPost: v.categories.includes("lighting") ? v.lampPost : null,
      categories: v.categories,
      positive: v.categories.includes("positive"),
      feeling: v.feeling,
      ratings: {
        lighting: v.ratingLighting,
        openness: v.ratingOpenness,
        visibility: v.ratingVisibility,
        people: v.ratingPeople,
        walkPath: v.ratingWalkPath,
      },
      description: v.description,
      timeOfDay: v.timeOfDay,
      raisedBy: v.raisedBy,
      groupId: v.groupId,
    };
  });
export type ObservationPayload = z.input<typeof ObservationSchema>;
export type ObservationInput = z.output<typeof ObservationSchema>;

/** "59.27,18.11|Skarpnäcks torg" → point and name; null when malformed. */
export function parseLandmark(v: string | null | undefined): { lat: number; lng: number; name: string } | null {
  if (!v) return null;
  const m = /^(-?\d{1,3}(?:\.\d{1,12})?),(-?\d{1,3}(?:\.\d{1,12})?)\|(.{1,200})$/s.exec(v);
  if (!m) return null;
  const lat = Number(m[1]);
  const lng = Number(m[2]);
  return isValidLatLng(lat, lng) ? { lat, lng, name: m[3].trim() } : null;
}

/** A form post (repeated "categories" fields) as the socket payload shape. */
export function observationPayloadFromForm(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of form.entries()) if (typeof v === "string" && k !== "categories" && !k.startsWith("_")) out[k] = v;
  out.categories = form.getAll("categories").filter((v): v is string => typeof v === "string");
  for (const k of ["lat", "lng"]) if (out[k] === "") out[k] = null;
  return out;
}

export const ModerateObservationSchema = z.object({
  observationId: idString,
  decision: z.enum(["publish", "reject"], { error: `${E}.decision` }),
});

export const ModeratePhotoSchema = z.object({
  observationId: idString,
  decision: z.enum(["approve", "reject"], { error: `${E}.decision` }),
});

export const ProtocolItemSchema = z.object({
  observationId: idString,
  proposedMeasure: optionalText(WALK_LIMITS.measure),
  responsibleOrganisationId: optionalIdField(`${E}.organisation`),
  priority: z
    .string()
    .optional()
    .transform((v) => v ?? "")
    .refine((v) => v === "" || (PRIORITIES as readonly string[]).includes(v), `${E}.priority`)
    .transform((v) => (v === "" ? null : (v as (typeof PRIORITIES)[number]))),
  partyReply: optionalText(WALK_LIMITS.reply),
  lat: optionalCoordinate,
  lng: optionalCoordinate,
  address: optionalText(WALK_LIMITS.address),
});
export type ProtocolItemInput = z.infer<typeof ProtocolItemSchema>;

export const WalkInviteSchema = invitationSchema("walks.errors");

/** Public map/list filters from the query string. */
export const ObservationFilterSchema = z.object({
  category: z.enum(CATEGORIES).optional().catch(undefined),
  timeOfDay: z.enum(LIGHTS).optional().catch(undefined),
  status: z.enum(["new", "sent", "replied"]).optional().catch(undefined),
  sort: z.enum(["newest", "oldest", "feeling", "address"]).optional().catch(undefined),
});
export type ObservationFilter = z.infer<typeof ObservationFilterSchema>;
