import { z } from "zod";

// Messages are i18n keys (app/i18n/mfa.*.ts); safe to import in the browser.

/** A TOTP code as typed: spaces and dashes are ignored ("123 456"), then six digits. */
export const totpCode = z
  .string()
  .transform((v) => v.replace(/[\s-]/g, ""))
  .pipe(
    z
      .string()
      .min(1, "errors.required")
      .regex(/^\d{6}$/, "mfa.errors.codeFormat"),
  );

/** The alphabet of recovery codes: Crockford's base32 (no i, l, o or u), lower case. */
export const RECOVERY_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
export const RECOVERY_CODE_LENGTH = 24; // 24 symbols of 5 bits: 120 random bits

/**
 * A recovery code as typed: case, spaces and dashes do not matter, and the letters people
 * confuse with digits (o, i, l) read as 0 and 1, as Crockford's base32 intends.
 */
export function normaliseRecoveryCode(input: string): string {
  return input.toLowerCase().replace(/[\s-]/g, "").replace(/o/g, "0").replace(/[il]/g, "1");
}

export const recoveryCode = z
  .string()
  .transform(normaliseRecoveryCode)
  .pipe(
    z
      .string()
      .min(1, "errors.required")
      .regex(new RegExp(`^[${RECOVERY_ALPHABET}]{${RECOVERY_CODE_LENGTH}}$`), "mfa.errors.recoveryFormat"),
  );

/** Groups of four for reading and writing down: "7k2m-9xq4-…". */
export function formatRecoveryCode(code: string): string {
  return code.match(/.{1,4}/g)?.join("-") ?? code;
}

/** A TOTP secret (base32) in groups of four, for typing into an app by hand. */
export function groupSecret(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(" ") ?? secret;
}

/** `?metod=aterstallningskod` on the code step shows the recovery-code field instead of the app's code (works without JavaScript). */
export const RECOVERY_METHOD_PARAM = "aterstallningskod";

export const redirectTo = z.string().max(2048).optional();

export const TotpStepSchema = z.object({ code: totpCode, redirectTo });
export const RecoveryStepSchema = z.object({ recoveryCode, redirectTo });
const currentPassword = z.string().min(1, "errors.required").max(1024, "errors.tooLong");
export const ConfirmEnrolmentSchema = z.object({ code: totpCode, redirectTo });
/** Setting MFA up from a signed-in session (not right after the password): the password again. */
export const ConfirmEnrolmentSignedInSchema = ConfirmEnrolmentSchema.extend({ currentPassword });
export const RegenerateCodesSchema = z.object({ code: totpCode });
/** Turning MFA off; the code field has its own name, as the page also has the new-codes form. */
export const DisableMfaSchema = z.object({
  currentPassword,
  disableCode: totpCode,
});
