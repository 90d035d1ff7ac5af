/** The "invite an organisation" form of dialogues and walks. Browser-safe; messages are i18n keys. */
import { z } from "zod";
import { idField } from "~/domain/common/ids";

/** `errors` is the area's message group, so each page keeps its own wording. */
export function invitationSchema(errors: "dialogues.errors" | "walks.errors") {
  return z.object({
    organisationId: idField(`${errors}.organisation`),
    /** Empty: the organisation's contact address from the directory. */
    email: z
      .string()
      .optional()
      .transform((v) => (v ?? "").trim().toLowerCase())
      .pipe(z.string().max(254, `${errors}.tooLong`))
      .refine((v) => v === "" || z.email().safeParse(v).success, `${errors}.email`)
      .transform((v) => (v === "" ? null : v)),
  });
}
