/**
 * The text of /.well-known/security.txt (RFC 9116): where to report a vulnerability, in which
 * languages, and the policy. Expires one year after `now`, so the file is never stale while the
 * site runs (RFC 9116 §2.5.5 recommends less than a year).
 */
export interface SecurityTxtInput {
  publicUrl: string;
  contact: string;
  now: Date;
}

export function securityTxt({ publicUrl, contact, now }: SecurityTxtInput): string {
  const expires = new Date(now.getTime() + 364 * 86400_000);
  expires.setUTCMilliseconds(0);
  const base = publicUrl.replace(/\/$/, "");
  return [
    `Contact: ${contact}`,
    `Expires: ${expires.toISOString().replace(".000Z", "Z")}`,
    "Preferred-Languages: sv, en",
    `Canonical: ${base}/.well-known/security.txt`,
    `Policy: ${base}/sakerhet`,
    "",
  ].join("\n");
}

/** The contact for security reports: SECURITY_CONTACT, else the service's contact address. */
export function securityContact(config: { SECURITY_CONTACT?: string; CONTACT_EMAIL: string }): string {
  return config.SECURITY_CONTACT ?? `mailto:${config.CONTACT_EMAIL}`;
}
