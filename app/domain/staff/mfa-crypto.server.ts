/**
 * TOTP secrets at rest: AES-256-GCM with a key derived by HKDF-SHA256 from MFA_ENCRYPTION_KEY,
 * or from SESSION_SECRET when that is unset (a separate `info` keeps it apart from the cookie
 * signatures). The account id is the additional authenticated data, so a sealed secret cannot
 * be moved to another account. Stored as "v1.<iv>.<tag>.<ciphertext>" (base64url).
 *
 * Changing the key material (MFA_ENCRYPTION_KEY, or SESSION_SECRET when it is the source)
 * makes every stored secret unreadable: those accounts must have their MFA reset by an admin.
 */
import crypto from "node:crypto";
import type { Config } from "~/config.server";

export type MfaKey = Buffer & { readonly __mfaKey: unique symbol };

const VERSION = "v1";
const INFO = "tryggve/staff-mfa/totp-secret/v1";

export function mfaKey(config: Pick<Config, "SESSION_SECRET" | "MFA_ENCRYPTION_KEY">): MfaKey {
  const material = config.MFA_ENCRYPTION_KEY ?? config.SESSION_SECRET;
  return Buffer.from(crypto.hkdfSync("sha256", material, "tryggve", INFO, 32)) as MfaKey;
}

const aad = (staffId: number) => Buffer.from(`staff:${staffId}`);

export function sealSecret(key: MfaKey, staffId: number, secret: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(aad(staffId));
  const ciphertext = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), ciphertext.toString("base64url")].join(".");
}

/** The secret, or null when it was sealed with another key or for another account, or altered. */
export function openSecret(key: MfaKey, staffId: number, sealed: string): string | null {
  const [version, iv, tag, ciphertext] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || ciphertext === undefined) return null;
  try {
    const decipher = crypto.createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"), { authTagLength: 16 });
    decipher.setAAD(aad(staffId));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
