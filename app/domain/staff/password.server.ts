import { hash, verify } from "@node-rs/argon2";

// argon2id with the library defaults (19 MiB, t=2, p=1): OWASP's minimum recommendation.
export function hashPassword(plain: string): Promise<string> {
  return hash(plain);
}

export async function verifyPassword(hashed: string, plain: string): Promise<boolean> {
  try {
    return await verify(hashed, plain);
  } catch {
    return false;
  }
}

// Verified against when the email is unknown, so both paths take the same time.
let dummyHash: Promise<string> | undefined;
export function timingDummyHash(): Promise<string> {
  dummyHash ??= hash("not-a-real-password-timing-equaliser");
  return dummyHash;
}
