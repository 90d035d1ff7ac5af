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

// Browsers drop tabs and newlines from URLs and read "\\" as "/", so "/\t/evil.example" and
// "/\\evil.example" are "//evil.example": another site. No path of ours needs any of them.
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const UNSAFE_IN_PATH = /[\u0000-\u001f\u007f\u0085\u2028\u2029\\]/;
const PROBE_ORIGIN = "http://redirect.invalid";

function isSafePath(path: string): boolean {
  return path.startsWith("/") && !path.startsWith("//") && !UNSAFE_IN_PATH.test(path);
}

/**
 * Only same-site paths may be redirected to (no open redirects, OWASP ASVS 5.0 V3.7.2). The value
 * must be a path ("/personal/…"), with no control characters or backslashes anywhere, not
 * protocol-relative, still a path once percent-decoded ("/%2F%2Fevil.example"), and must resolve
 * to this site; anything else gives `fallback`.
 */
export function safeRedirectPath(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || to.length > 2048 || !isSafePath(to)) return fallback;
  let decoded: string;
  try {
    decoded = decodeURIComponent(to);
  } catch {
    return fallback;
  }
  if (!isSafePath(decoded)) return fallback;
  if (!URL.canParse(to, PROBE_ORIGIN) || new URL(to, PROBE_ORIGIN).origin !== PROBE_ORIGIN) return fallback;
  return to;
}
