/** Zod schemas for dialogue forms. Browser-safe; messages are i18n keys. */
import { z } from "zod";
import { optionalCoordinate, optionalText as sharedOptionalText } from "~/domain/common/fields";
import { LADDER_LEVELS } from "~/domain/dialogues/lifecycle";
import { idField } from "~/domain/common/ids";
import { invitationSchema } from "~/domain/common/invitations.schema";
import { isIsoDate, isValidTime, localToUtc } from "~/domain/common/time";

export const DIALOGUE_FORMATS = ["in_person", "digital", "hybrid"] as const;
export const LIMITS = {
  title: 150,
  address: 200,
  url: 500,
  agendaItems: 20,
  agendaItem: 200,
  shortText: 200,
  longText: 2000,
  notes: 1000,
  capacity: 10000,
  name: 100,
  email: 254,
  needs: 1000,
} as const;

const E = "dialogues.errors";

/** Only http(s) links without embedded credentials; everything else (javascript:, data:, file:) is refused. */
export function isSafeHttpUrl(value: string): boolean {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    return false;
  }
  return (u.protocol === "https:" || u.protocol === "http:") && !u.username && !u.password && u.hostname.includes(".");
}

const trimmed = (max: number) => z.string().trim().max(max, `${E}.tooLong`);
const optionalText = (max: number) => sharedOptionalText(max, `${E}.tooLong`);

const optionalUrl = z
  .string()
  .optional()
  .transform((v) => (v ?? "").trim())
  .pipe(
    z
      .string()
      .max(LIMITS.url, `${E}.tooLong`)
      .refine((v) => v === "" || isSafeHttpUrl(v), `${E}.unsafeUrl`),
  )
  .transform((v) => (v === "" ? null : v));

const checkbox = z
  .string()
  .optional()
  .transform((v) => v === "on" || v === "true");

const coordinate = (min: number, max: number) => optionalCoordinate(min, max, `${E}.coordinate`);

export const DialogueFormSchema = z
  .object({
    title: trimmed(LIMITS.title).min(1, `${E}.required`),
    districtId: idField(`${E}.unknownDistrict`),
    placeAddress: optionalText(LIMITS.address),
    lat: coordinate(-90, 90),
    lng: coordinate(-180, 180),
    date: z.string().refine(isIsoDate, `${E}.date`),
    startTime: z.string().refine(isValidTime, `${E}.time`),
    endTime: z.string().refine(isValidTime, `${E}.time`),
    format: z.enum(DIALOGUE_FORMATS, { error: `${E}.format` }),
    streamUrl: optionalUrl,
    meetingUrl: optionalUrl,
    agenda: z
      .string()
      .optional()
      .transform((v) =>
        (v ?? "")
          .split(/\r?\n/)
          .map((l) => l.trim())
          .filter(Boolean),
      )
      .refine((items) => items.length <= LIMITS.agendaItems, `${E}.agendaTooMany`)
      .refine((items) => items.every((i) => i.length <= LIMITS.agendaItem), `${E}.agendaItemTooLong`),
    a11yHearingLoop: checkbox,
    a11ySignLanguage: checkbox,
    a11yStepFree: checkbox,
    a11yInterpretation: optionalText(LIMITS.shortText),
    a11yNotes: optionalText(LIMITS.notes),
    purpose: optionalText(LIMITS.longText),
    ladderLevel: z
      .string()
      .optional()
      .transform((v) => v ?? "")
      .refine((v) => v === "" || (LADDER_LEVELS as readonly string[]).includes(v), `${E}.ladderLevel`)
      .transform((v) => (v === "" ? null : (v as (typeof LADDER_LEVELS)[number]))),
    influenceOpen: optionalText(LIMITS.longText),
    influenceClosed: optionalText(LIMITS.longText),
    capacity: z
      .string()
      .optional()
      .transform((v) => (v ?? "").trim())
      .refine((v) => v === "" || (/^\d{1,5}$/.test(v) && Number(v) >= 1 && Number(v) <= LIMITS.capacity), `${E}.capacity`)
      .transform((v) => (v === "" ? null : Number(v))),
  })
  .superRefine((v, ctx) => {
    if ((v.lat === null) !== (v.lng === null)) {
      ctx.addIssue({ code: "custom", path: [v.lat === null ? "lat" : "lng"], message: `${E}.coordinatePair` });
    }
    const start = localToUtc(v.date, v.startTime);
    const end = localToUtc(v.date, v.endTime);
    if (isIsoDate(v.date) && isValidTime(v.startTime) && !start) {
      ctx.addIssue({ code: "custom", path: ["startTime"], message: `${E}.timeDoesNotExist` });
    }
    if (isIsoDate(v.date) && isValidTime(v.endTime) && !end) {
      ctx.addIssue({ code: "custom", path: ["endTime"], message: `${E}.timeDoesNotExist` });
    }
    if (start && end && end.getTime() <= start.getTime()) {
      ctx.addIssue({ code: "custom", path: ["endTime"], message: `${E}.endBeforeStart` });
    }
  })
  .transform((v) => ({
    ...v,
    startsAt: localToUtc(v.date, v.startTime)!.toISOString(),
    endsAt: localToUtc(v.date, v.endTime)!.toISOString(),
  }));

export type DialogueInput = z.infer<typeof DialogueFormSchema>;

export const RegistrationFormSchema = z
  .object({
    mode: z.enum(["in_person", "remote"], { error: `${E}.mode` }),
    wantsUpdates: checkbox,
    name: optionalText(LIMITS.name),
    email: z
      .string()
      .optional()
      .transform((v) => (v ?? "").trim().toLowerCase())
      .pipe(z.string().max(LIMITS.email, `${E}.tooLong`))
      .refine((v) => v === "" || z.email().safeParse(v).success, `${E}.email`)
      .transform((v) => (v === "" ? null : v)),
    accessibilityNeeds: optionalText(LIMITS.needs),
    acceptWaitlist: checkbox,
  })
  .superRefine((v, ctx) => {
    if (v.wantsUpdates && !v.email) ctx.addIssue({ code: "custom", path: ["email"], message: `${E}.emailForUpdates` });
  })
  // Contact details are kept only when the resident asked for reminders and återkoppling.
  .transform((v) => (v.wantsUpdates ? v : { ...v, name: null, email: null }));

export type RegistrationInput = z.infer<typeof RegistrationFormSchema>;

export const FeedbackFormSchema = z.object({
  summary: trimmed(LIMITS.longText * 2).min(1, `${E}.required`),
  nextSteps: trimmed(LIMITS.longText * 2).min(1, `${E}.required`),
});

export const HeadcountSchema = z.object({
  headcount: z
    .string()
    .trim()
    .regex(/^\d{1,5}$/, `${E}.headcount`)
    .transform(Number),
});

export const InviteSchema = invitationSchema("dialogues.errors");
