import { json } from "@remix-run/node";

/**
 * Reads a form body. A body that is not a form (wrong content type, truncated)
 * becomes a 400 with a translatable message instead of a stack trace.
 */
export async function readFormData(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    throw json({ error: "errors.malformedForm" }, { status: 400 });
  }
}

/** Only same-site relative paths may be redirected to (no open redirects). */
export function safeRedirectPath(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) {
    return fallback;
  }
  return to;
}
