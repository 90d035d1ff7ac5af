import crypto from "node:crypto";

/**
 * Residents have no account. A random id in a long-lived cookie identifies a
 * device (one vote per question, "my questions and pins"). It holds no personal data.
 */
export const PARTICIPANT_COOKIE = "tryggve_pid";
export const PARTICIPANT_MAX_AGE_S = 2 * 365 * 24 * 3600;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export function isParticipantId(v: unknown): v is string {
  return typeof v === "string" && UUID.test(v);
}

export function newParticipantId(): string {
  return crypto.randomUUID();
}

export function readParticipantId(cookieHeader: string | null | undefined): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === PARTICIPANT_COOKIE) {
      const value = decodeURIComponent(rest.join("="));
      return isParticipantId(value) ? value : null;
    }
  }
  return null;
}

export function participantCookieHeader(id: string, secure: boolean): string {
  return `${PARTICIPANT_COOKIE}=${id}; Path=/; Max-Age=${PARTICIPANT_MAX_AGE_S}; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
}
