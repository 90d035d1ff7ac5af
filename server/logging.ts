/**
 * What the request log may carry (docs/security.md, "Logs"). Never a cookie, a session, a
 * resident's `tryggve_pid`, a token from a link, or a full IP address: pino censors the header
 * fields that hold secrets, and the request serializer keeps the rest of the request short.
 */
import net from "node:net";
import type { IncomingMessage } from "node:http";
import type { Options } from "pino-http";

export const REDACTED = "[redacted]";

/** Header fields that hold credentials, wherever a request or response is logged. */
const SECRET_HEADERS = ["cookie", "authorization", "proxy-authorization", "set-cookie", "x-csrf-token"];

export const LOG_REDACT_PATHS = [
  ...SECRET_HEADERS.flatMap((h) => [`req.headers["${h}"]`, `res.headers["${h}"]`, `headers["${h}"]`]),
  "err.headers.cookie",
  'err.headers["set-cookie"]',
];

/** Header fields that carry a client address: the serializer leaves them out; the truncated address stays. */
const ADDRESS_HEADERS = new Set(["x-forwarded-for", "x-real-ip", "forwarded", "true-client-ip", "cf-connecting-ip", "x-client-ip", "x-cluster-client-ip"]);

/** The network, not the device: IPv4 to its /24, IPv6 to its /48 (an IPv4-mapped address as IPv4). */
export function truncateIp(ip: string | undefined | null): string | undefined {
  if (!ip) return undefined;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  const v4 = mapped ? mapped[1]! : ip;
  if (net.isIPv4(v4)) return `${v4.split(".").slice(0, 3).join(".")}.0/24`;
  const bare = ip.replace(/%.*$/, "");
  if (!net.isIPv6(bare)) return undefined;
  const [head = "", tail = ""] = bare.split("::");
  const left = head ? head.split(":") : [];
  const right = bare.includes("::") && tail ? tail.split(":") : [];
  const groups = bare.includes("::") ? [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right] : left;
  const prefix = groups.slice(0, 3).map((g) => (/^[0-9a-f]{1,4}$/i.test(g) ? parseInt(g, 16).toString(16) : "0"));
  return `${prefix.join(":")}::/48`;
}

/** Paths whose last segment is a secret from an e-mail link (cancel a registration, follow or unfollow a measure). */
const TOKEN_PATHS = /^(\/(?:dialoger\/avboka|atgarder\/folj|atgarder\/avfolj)\/)[^/?#]+/i;

/** A URL or path with the secret parts of our e-mail links replaced. */
export function scrubUrl(url: string | undefined): string | undefined {
  if (!url) return url;
  if (url.startsWith("/")) return url.replace(TOKEN_PATHS, `$1${REDACTED}`);
  if (!URL.canParse(url)) return REDACTED;
  const u = new URL(url);
  return `${u.origin}${(u.pathname + u.search).replace(TOKEN_PATHS, `$1${REDACTED}`)}`;
}

interface SerializedReq {
  id: unknown;
  method: string;
  url: string;
  headers: Record<string, unknown>;
  remoteAddress?: string;
  raw?: IncomingMessage & { ip?: string };
}

function requestForLog(req: SerializedReq) {
  const headers: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (ADDRESS_HEADERS.has(name)) continue;
    headers[name] = name === "referer" && typeof value === "string" ? scrubUrl(value) : value;
  }
  return {
    id: req.id,
    method: req.method,
    url: scrubUrl(req.url),
    headers,
    // Express's req.ip follows `trust proxy` (the address the rate limits see), else the peer.
    remoteAddress: truncateIp(req.raw?.ip ?? req.remoteAddress),
  };
}

/** The pino-http options for the request log. */
export const httpLogOptions = {
  redact: { paths: LOG_REDACT_PATHS, censor: REDACTED },
  serializers: { req: requestForLog },
} satisfies Pick<Options, "redact" | "serializers">;
