/**
 * For the limit tests (test/integration/security/limits-*.test.ts): the real server with
 * TRUST_PROXY on, so each request or socket can come from the client address a test names
 * (X-Forwarded-For), with or without a device cookie.
 */
import crypto from "node:crypto";
import { io as ioClient } from "socket.io-client";
import { fromSite, request, startApp, type App } from "./app";
import type { Client, Res } from "./realtime";

export async function startLimitedApp(env: Record<string, string> = {}) {
  return startApp({ env: { TRUST_PROXY: "true", ...env } });
}

/** A made-up client address, distinct per call (TEST-NET-3 and friends are never real clients). */
export const someIp = (() => {
  let n = 0;
  return () => {
    n += 1;
    return `198.51.${Math.floor(n / 250) % 250}.${(n % 250) + 1}`;
  };
})();

export interface From {
  ip: string;
  /** A device id for the tryggve_pid cookie; none = a client that sends no cookie (a fresh id each time). */
  pid?: string;
}

/** A form post from a browser on the site (Origin and Host), from `from.ip`, with its device cookie if any. */
export function postForm(app: App, path: string, fields: Record<string, string | string[]>, from: From): Promise<Response> {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
  return request(app.base, path, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      ...fromSite(app.config),
      "x-forwarded-for": from.ip,
      ...(from.pid ? { cookie: `tryggve_pid=${from.pid}` } : {}),
    },
    body: body.toString(),
  });
}

/** A raw multipart body with one part (for the photo upload route). */
export function postMultipart(app: App, path: string, from: From, part: { name: string; filename: string; type: string; data: Buffer }) {
  const boundary = `----tryggve${crypto.randomUUID()}`;
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"; filename="${part.filename}"\r\nContent-Type: ${part.type}\r\n\r\n`),
    part.data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return request(app.base, path, {
    method: "POST",
    headers: {
      "content-type": `multipart/form-data; boundary=${boundary}`,
      ...fromSite(app.config),
      "x-forwarded-for": from.ip,
      ...(from.pid ? { cookie: `tryggve_pid=${from.pid}` } : {}),
    },
    body: body.toString("latin1"),
  });
}

/** A socket.io client on the app's own server, from `from.ip`, with the device cookie. */
export async function socketFrom(app: App, from: From & { pid: string }): Promise<Client> {
  const socket: Client = ioClient(app.base, {
    transports: ["websocket"],
    extraHeaders: { cookie: `tryggve_pid=${from.pid}`, "x-forwarded-for": from.ip },
    reconnection: false,
    forceNew: true,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  return socket;
}

export function ack<T>(socket: Client, event: string, payload: unknown): Promise<Res<T> & { reason?: string; key?: string; retryAfterSeconds?: number }> {
  return new Promise((resolve) => (socket as unknown as { emit: (e: string, p: unknown, a: (r: never) => void) => void }).emit(event, payload, resolve));
}

/** The JSON an action answers (Remix's `_data` request for the route). */
export const dataPath = (path: string, routeId: string) => `${path}?_data=${encodeURIComponent(routeId)}`;
