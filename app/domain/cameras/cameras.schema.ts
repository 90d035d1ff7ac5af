/** Zod schemas for the camera register's forms. Browser-safe; messages are i18n keys. */
import { z } from "zod";
import { optionalCoordinate, optionalText as sharedOptionalText } from "~/domain/common/fields";
import { idField, optionalIdField } from "~/domain/common/ids";
import { isIsoDate } from "~/domain/common/time";
import { parseRouteText } from "~/domain/walks/geo";
import { CAMERA_ACTIONS } from "~/domain/cameras/state";

export const CAMERA_MODES = ["recorded", "live", "both"] as const;
export const REVIEW_DECISIONS = ["continue", "adjust", "remove"] as const;
export const AIM_ANSWERS = ["yes", "partly", "no"] as const;
export const FOOTAGE_KINDS = ["view", "handover"] as const;
export const FOOTAGE_DECISIONS = ["pending", "granted", "refused"] as const;

export const CAMERA_LIMITS = { name: 150, short: 200, text: 2000, signText: 1000 } as const;
/** A polygon's corners: at least a triangle, at most this many. */
export const MAX_AREA_POINTS = 50;
const E = "cameras.errors";

const optionalText = (max: number) => sharedOptionalText(max, `${E}.tooLong`);
const requiredText = (max: number) =>
  z
    .string({ error: `${E}.required` })
    .trim()
    .min(1, `${E}.required`)
    .max(max, `${E}.tooLong`);

const optionalDate = z
  .string()
  .optional()
  .transform((v) => (v ?? "").trim())
  .refine((v) => v === "" || isIsoDate(v), `${E}.dateInvalid`)
  .transform((v) => (v === "" ? null : v));

const requiredDate = z
  .string({ error: `${E}.dateRequired` })
  .trim()
  .min(1, `${E}.dateRequired`)
  .refine((v) => isIsoDate(v), `${E}.dateInvalid`);

const checkbox = z
  .string()
  .optional()
  .transform((v) => (v === "1" || v === "on" ? 1 : 0));

const coordinate = (min: number, max: number) =>
  optionalCoordinate(min, max, `${E}.coordinate`)
    .refine((v) => v !== null, `${E}.positionRequired`)
    .transform((v) => v as number);

/** GeoJSON Polygon geometry from corner points typed one "lat, lng" per line; empty is null. */
export interface PolygonGeometry {
  type: "Polygon";
  coordinates: Array<Array<[number, number]>>;
}

export type AreaParse = { ok: true; area: PolygonGeometry | null } | { ok: false; error: "cameras.errors.areaFormat" | "cameras.errors.areaTooFew" };

export function parseAreaText(text: string): AreaParse {
  const parsed = parseRouteText(text);
  if (!parsed.ok) return { ok: false, error: "cameras.errors.areaFormat" };
  if (parsed.route === null) return { ok: true, area: null };
  const ring = parsed.route.slice();
  const [first] = ring;
  const last = ring[ring.length - 1];
  // A ring typed closed (last corner = first) is the same polygon.
  if (ring.length > 1 && first[0] === last[0] && first[1] === last[1]) ring.pop();
  if (ring.length < 3) return { ok: false, error: "cameras.errors.areaTooFew" };
  if (ring.length > MAX_AREA_POINTS) return { ok: false, error: "cameras.errors.areaFormat" };
  return { ok: true, area: { type: "Polygon", coordinates: [[...ring, ring[0]]] } };
}

/** The polygon's corners as the text field shows them (one "lat, lng" per line, not repeating the first). */
export function areaToText(area: PolygonGeometry | null): string {
  if (!area) return "";
  const ring = area.coordinates[0] ?? [];
  return ring
    .slice(0, -1)
    .map(([lng, lat]) => `${lat}, ${lng}`)
    .join("\n");
}

export const CameraFormSchema = z
  .object({
    name: requiredText(CAMERA_LIMITS.name),
    districtId: idField(`${E}.unknownDistrict`),
    ownerOrganisationId: optionalIdField(`${E}.unknownOrganisation`),
    address: optionalText(CAMERA_LIMITS.short),
    lat: coordinate(-90, 90),
    lng: coordinate(-180, 180),
    areaPoints: z.string().max(5000, `${E}.tooLong`).optional(),
    direction: optionalText(CAMERA_LIMITS.short),
    purpose: optionalText(CAMERA_LIMITS.text),
    mode: z.enum(CAMERA_MODES, { message: `${E}.required` }).default("recorded"),
    recordingHours: optionalText(CAMERA_LIMITS.short),
    retentionDays: z
      .string()
      .optional()
      .transform((v) => (v ?? "").trim())
      .refine((v) => v === "" || (/^\d{1,4}$/.test(v) && Number(v) >= 1 && Number(v) <= 3650), `${E}.retentionInvalid`)
      .transform((v) => (v === "" ? null : Number(v))),
    footageViewers: optionalText(CAMERA_LIMITS.text),
    locationPublic: checkbox,
    balancingDate: optionalDate,
    balancingDecidedBy: optionalText(CAMERA_LIMITS.short),
    balancingIncidents: optionalText(CAMERA_LIMITS.text),
    balancingAlternatives: optionalText(CAMERA_LIMITS.text),
    balancingConditions: optionalText(CAMERA_LIMITS.text),
    imyPermitRef: optionalText(CAMERA_LIMITS.short),
    imyPermitDate: optionalDate,
    imyPermitConditions: optionalText(CAMERA_LIMITS.text),
    signLocations: optionalText(CAMERA_LIMITS.text),
    signText: optionalText(CAMERA_LIMITS.signText),
    signTextEasy: optionalText(CAMERA_LIMITS.signText),
    signPictogram: checkbox,
    signLanguages: optionalText(CAMERA_LIMITS.short),
    contact: optionalText(CAMERA_LIMITS.short),
    sourceType: z.enum(["observation", "measure", ""]).optional(),
    sourceId: optionalIdField(`${E}.sourceInvalid`),
  })
  .transform((v, ctx) => {
    const area = parseAreaText(v.areaPoints ?? "");
    if (!area.ok) {
      ctx.addIssue({ code: "custom", path: ["areaPoints"], message: area.error });
      return z.NEVER;
    }
    const sourceType = v.sourceType === "observation" || v.sourceType === "measure" ? v.sourceType : null;
    return { ...v, area: area.area, sourceType, sourceId: sourceType ? v.sourceId : null };
  });
export type CameraInput = z.output<typeof CameraFormSchema>;

export const CameraActionSchema = z.object({
  action: z.enum(CAMERA_ACTIONS, { message: `${E}.transitionNotAllowed` }),
});

export const ReviewFormSchema = z.object({
  reviewedOn: requiredDate,
  aimMatches: z.enum(AIM_ANSWERS, { message: `${E}.aimRequired` }),
  photoDate: optionalDate,
  aimNotes: optionalText(CAMERA_LIMITS.text),
  incidentsBefore: optionalText(CAMERA_LIMITS.text),
  incidentsAfter: optionalText(CAMERA_LIMITS.text),
  perception: optionalText(CAMERA_LIMITS.text),
  privacyIntrusion: optionalText(CAMERA_LIMITS.text),
  decision: z.enum(REVIEW_DECISIONS, { message: `${E}.decisionRequired` }),
  reasoning: z
    .string({ error: `${E}.reasoningRequired` })
    .trim()
    .min(1, `${E}.reasoningRequired`)
    .max(CAMERA_LIMITS.text, `${E}.tooLong`),
  publicSummary: optionalText(CAMERA_LIMITS.text),
});
export type ReviewInput = z.output<typeof ReviewFormSchema>;

export const FootageFormSchema = z.object({
  requestedOn: requiredDate,
  kind: z.enum(FOOTAGE_KINDS, { message: `${E}.required` }),
  requester: requiredText(CAMERA_LIMITS.short),
  legalBasis: requiredText(CAMERA_LIMITS.text),
  decision: z.enum(FOOTAGE_DECISIONS, { message: `${E}.required` }).default("pending"),
  viewedBy: optionalText(CAMERA_LIMITS.short),
  viewedOn: optionalDate,
  footageDeletedOn: optionalDate,
  secrecyNote: optionalText(CAMERA_LIMITS.text),
});
export type FootageInput = z.output<typeof FootageFormSchema>;
