import { z } from "zod";

export const AccessibilityReportSchema = z.object({
  pageUrl: z
    .string()
    .trim()
    .max(500, "errors.tooLong")
    .optional()
    .transform((v) => v || null),
  description: z.string().trim().min(1, "errors.required").max(4000, "errors.tooLong"),
  contact: z
    .string()
    .trim()
    .max(254, "errors.tooLong")
    .optional()
    .transform((v) => v || null),
});
export type AccessibilityReportInput = z.infer<typeof AccessibilityReportSchema>;
