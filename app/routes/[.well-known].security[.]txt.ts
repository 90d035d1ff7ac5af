import type { LoaderFunctionArgs } from "@remix-run/node";
import { securityContact, securityTxt } from "~/domain/common/security-txt";

/** RFC 9116 security.txt: how to report a vulnerability (docs/security.md, "Reporting a vulnerability"). */
export async function loader({ context }: LoaderFunctionArgs) {
  const body = securityTxt({ publicUrl: context.config.PUBLIC_URL, contact: securityContact(context.config), now: context.clock.now() });
  return new Response(body, { headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "public, max-age=86400" } });
}
