import { z } from "zod";
import { idField, optionalIdField } from "~/domain/common/ids";
import { STAFF_ROLES } from "~/domain/staff/roles";

// Messages are i18n keys (see app/i18n); safe to import in the browser.
export const email = z.string().trim().toLowerCase().min(1, "errors.required").max(254, "errors.tooLong").pipe(z.email("errors.email"));

export const SignInSchema = z.object({
  email,
  password: z.string().min(1, "errors.required").max(1024, "errors.tooLong"),
  redirectTo: z.string().optional(),
});

export const NewStaffSchema = z
  .object({
    email,
    name: z.string().trim().min(1, "errors.required").max(120, "errors.tooLong"),
    role: z.enum(STAFF_ROLES, "errors.role"),
    organisationId: optionalIdField("errors.organisation"),
    password: z.string().min(12, "errors.passwordLength").max(1024, "errors.tooLong"),
  })
  .refine((s) => s.role !== "panelist" || s.organisationId !== null, {
    path: ["organisationId"],
    message: "errors.panelistNeedsOrganisation",
  });

export const UpdateStaffSchema = z
  .object({
    staffId: idField("errors.notFoundItem"),
    role: z.enum(STAFF_ROLES, "errors.role"),
    organisationId: optionalIdField("errors.organisation"),
  })
  .refine((s) => s.role !== "panelist" || s.organisationId !== null, {
    path: ["organisationId"],
    message: "errors.panelistNeedsOrganisation",
  });

/** A staff member's own password change. The strength policy runs on the server (password-policy.server.ts). */
export const ChangePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "errors.required").max(1024, "errors.tooLong"),
    newPassword: z.string().min(12, "errors.passwordLength").max(1024, "errors.tooLong"),
    confirmPassword: z.string().max(1024, "errors.tooLong"),
  })
  .refine((s) => s.newPassword === s.confirmPassword, { path: ["confirmPassword"], message: "errors.passwordMismatch" });
