import crypto from "node:crypto";
import http from "node:http";
import path from "node:path";
import compression from "compression";
import express, { type NextFunction, type Request, type Response } from "express";
import helmet from "helmet";
import { pinoHttp } from "pino-http";
import type { Logger } from "pino";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import { sql } from "kysely";
import type { DB } from "../db/connection";
import type { Config } from "../app/config.server";
import type { AppContext } from "../app/context";
import { clockFromConfig, type Clock } from "../app/clock";
import { attachRealtime, publisherFor } from "../app/realtime/server.server";
import { newParticipantId, participantCookieHeader, readParticipantId } from "../app/domain/participants/participant.server";
import { plainErrorPage } from "./plain-pages";
import { httpLogOptions } from "./logging";

export const FORM_BODY_LIMIT = 1024 * 1024;
/**
 * The one exception to FORM_BODY_LIMIT: observation photo uploads (up to
 * 10 MB, docs/walks.md) plus multipart overhead. The route caps the file
 * part itself while streaming.
 */
export const PHOTO_UPLOAD_LIMIT = 11 * 1024 * 1024;
const BODY_LIMITS: Array<{ method: string; path: RegExp; limit: number }> = [
  { method: "POST", path: /^\/vandringar\/\d{1,9}\/observationer\/\d{1,9}\/foto$/, limit: PHOTO_UPLOAD_LIMIT },
];

/** The body limit for a request: FORM_BODY_LIMIT unless a narrow exception above matches. */
export function bodyLimitFor(method: string, pathname: string): number {
  return BODY_LIMITS.find((l) => l.method === method && l.path.test(pathname))?.limit ?? FORM_BODY_LIMIT;
}

/** The CSP source for map tiles, from TILE_URL ("https://{s}.tile.example/{z}/…" → "https://*.tile.example"). */
export function tileSource(tileUrl: string): string | null {
  try {
    const url = new URL(tileUrl.replace(/\{s\}/g, "a").replace(/\{[a-z]\}/g, "0"));
    const wildcard = /\{s\}/.test(tileUrl) ? url.host.replace(/^a\./, "*.") : url.host;
    return `${url.protocol}//${wildcard}`;
  } catch {
    return null;
  }
}

/** /personal and everything under it, however the path is cased or percent-encoded (Remix matches both). */
export function isStaffPath(pathname: string): boolean {
  let path = pathname;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    // Undecodable: judge the raw path.
  }
  return /^\/+personal(?:\/|$)/i.test(path);
}

/** Cache-Control: no-store on this response, whatever a route sets (applied as the headers are written). */
function forceNoStore(res: Response) {
  res.setHeader("Cache-Control", "no-store");
  const writeHead = res.writeHead;
  res.writeHead = function (this: Response, ...args: unknown[]) {
    this.setHeader("Cache-Control", "no-store");
    return (writeHead as (...a: unknown[]) => Response).apply(this, args);
  } as typeof res.writeHead;
}

export interface ServerDeps {
  config: Config;
  db: DB;
  logger: Logger;
  /** Returns the current Remix build (re-read in development). */
  getBuild: () => ServerBuild | Promise<ServerBuild>;
  version: string;
  /** The app's clock; by default the system clock, or TRYGGVE_CLOCK's (tests only). */
  clock?: Clock;
}

export function createServer(deps: ServerDeps) {
  const { config, db, logger } = deps;
  const clock = deps.clock ?? clockFromConfig(config);
  if (config.TRYGGVE_CLOCK) logger.warn({ clock: config.TRYGGVE_CLOCK }, "TRYGGVE_CLOCK is set: the app's clock is a test clock");
  const app = express();
  const httpServer = http.createServer(app);
  const io = attachRealtime(httpServer, { db, config, logger, clock });
  const publisher = publisherFor(io);
  const isDev = config.NODE_ENV === "development";
  const publicOrigin = new URL(config.PUBLIC_URL).origin;

  app.disable("x-powered-by");
  app.set("trust proxy", config.TRUST_PROXY ? 1 : false);

  app.use(
    pinoHttp({
      logger,
      // No cookies, sessions, resident ids, link tokens or full IPs in the log (server/logging.ts).
      ...httpLogOptions,
      genReqId: (req, res) => {
        const fromHeader = req.headers["x-request-id"];
        const id = typeof fromHeader === "string" && /^[\w-]{1,64}$/.test(fromHeader) ? fromHeader : crypto.randomUUID();
        res.setHeader("X-Request-Id", id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url?.startsWith("/build/") ?? false },
    }),
  );

  // Staff pages, their data requests, exports and errors are never stored by a browser or proxy.
  app.use((req, res, next) => {
    if (isStaffPath(req.path)) forceNoStore(res);
    next();
  });

  app.use((_req, res, next) => {
    res.locals.cspNonce = crypto.randomBytes(16).toString("base64");
    next();
  });

  app.use(
    helmet({
      contentSecurityPolicy: isDev
        ? false
        : {
            useDefaults: true,
            directives: {
              "script-src": ["'self'", (_req, res) => `'nonce-${(res as Response).locals.cspNonce}'`],
              // Leaflet positions tiles and markers with inline style attributes.
              "style-src": ["'self'", "'unsafe-inline'"],
              "img-src": ["'self'", "data:", "blob:", ...[tileSource(config.TILE_URL)].filter((v): v is string => v !== null)],
              "connect-src": ["'self'"],
              "frame-src": ["https://www.youtube-nocookie.com", "https://player.vimeo.com"],
              "frame-ancestors": ["'none'"],
              // The single sign-on button posts here and is redirected to the identity provider (form-action covers redirects).
              "form-action": ["'self'", ...(config.OIDC_ISSUER ? [new URL(config.OIDC_ISSUER).origin] : [])],
              "upgrade-insecure-requests": null,
            },
          },
      crossOriginEmbedderPolicy: false,
      referrerPolicy: { policy: "same-origin" },
    }),
  );
  app.use(compression());

  // Every form post is read by Remix itself, so the limit is enforced here on the declared length.
  // A body without a declared length (chunked) could not be limited that way: browsers always
  // declare one for forms and uploads, so such a request is refused with 411 before it is read.
  app.use((req, res, next) => {
    if (req.headers["transfer-encoding"] && req.headers["content-length"] === undefined) {
      req.resume();
      res.status(411).type("html").send(plainErrorPage(req, "tooLarge"));
      return;
    }
    const length = Number(req.headers["content-length"] ?? 0);
    if (length > bodyLimitFor(req.method, req.path)) {
      req.resume();
      res.status(413).type("html").send(plainErrorPage(req, "tooLarge"));
      return;
    }
    next();
  });

  // Residents: a random device id, no personal data.
  app.use((req, res, next) => {
    let pid = readParticipantId(req.headers.cookie);
    if (!pid) {
      pid = newParticipantId();
      res.append("Set-Cookie", participantCookieHeader(pid, req.secure));
    }
    res.locals.participantId = pid;
    next();
  });

  // Defence in depth against cross-site posts: a browser always sends Origin on them.
  app.use((req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
    // The expected origin is PUBLIC_URL's, never the Host header (which a rebound DNS name sets to match).
    const origin = req.headers.origin;
    if (origin && origin !== "null") {
      if (!URL.canParse(origin) || new URL(origin).origin !== publicOrigin) {
        res.status(403).type("html").send(plainErrorPage(req, "forbidden"));
        return;
      }
    }
    next();
  });

  app.get("/healthz", async (_req, res) => {
    try {
      await sql`select 1`.execute(db);
      // `time` is the app's clock, so the end-to-end tests can set the browser's clock to match.
      res.json({ status: "ok", database: "ok", version: deps.version, time: clock.now().toISOString() });
    } catch (err) {
      logger.error({ err }, "health check failed");
      res.status(503).json({ status: "error", database: "unavailable", version: deps.version });
    }
  });

  app.use("/build", express.static(path.resolve("public/build"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.resolve("public"), { maxAge: "1h", index: false }));

  const handlers = new WeakMap<ServerBuild, ReturnType<typeof createRequestHandler>>();
  const handlerFor = (build: ServerBuild) => {
    let handler = handlers.get(build);
    if (!handler) {
      handler = createRequestHandler({
        build,
        mode: build.mode,
        getLoadContext: (rq, rs) =>
          ({
            db,
            config,
            logger: rq.log,
            publisher,
            clock,
            cspNonce: rs.locals.cspNonce as string,
            requestId: String(rq.id),
            clientIp: rq.ip ?? "unknown",
            participantId: rs.locals.participantId as string,
          }) satisfies AppContext,
      });
      handlers.set(build, handler);
    }
    return handler;
  };

  app.all("*", async (req, res, next) => {
    try {
      await handlerFor(await deps.getBuild())(req, res, next);
    } catch (err) {
      next(err);
    }
  });

  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    req.log?.error({ err }, "unhandled error");
    if (res.headersSent) return;
    res.status(500).type("html").send(plainErrorPage(req, "generic"));
  });

  let closing: Promise<void> | undefined;
  function close(): Promise<void> {
    closing ??= new Promise<void>((resolve) => {
      // io.close() disconnects every socket and closes the HTTP server.
      io.close(() => resolve());
      httpServer.closeAllConnections?.();
    }).then(() => {
      publisher.close();
      return db.destroy();
    });
    return closing;
  }

  return { app, httpServer, io, publisher, clock, close };
}
