import type { Server as HttpServer, IncomingMessage } from "node:http";
import { Server } from "socket.io";
import type { Logger } from "pino";
import type { DB } from "../../db/connection";
import { systemClock, type Clock } from "~/clock";
import type { Config } from "~/config.server";
import { lookupStaffSession } from "~/http/session.server";
import { readParticipantId } from "~/domain/participants/participant.server";
import { HANDSHAKE_ERRORS } from "~/realtime/events";
import { createPresence } from "~/realtime/presence.server";
import { createPublisher, type Publisher, type TryggveServer } from "~/realtime/publisher.server";
import { registerQaHandlers } from "~/realtime/qa-handlers.server";
import { registerWalkHandlers } from "~/realtime/walks-handlers.server";
import { registerPollHandlers } from "~/realtime/poll-handlers.server";

const publishers = new WeakMap<TryggveServer, Publisher>();
/** The publisher bound to a socket.io server (created once in attachRealtime). */
export function publisherFor(io: TryggveServer): Publisher {
  const p = publishers.get(io);
  if (!p) throw new Error("attachRealtime has not been called for this server");
  return p;
}

export interface RealtimeDeps {
  db: DB;
  config: Config;
  logger: Logger;
  /** The app's clock (context.clock); the system clock when omitted. */
  clock?: Clock;
}

/**
 * True when the request's Origin (if any) is PUBLIC_URL's. Browsers always send one for WebSockets
 * and cross-site XHR. Never compared with the Host header: a rebound DNS name sends a matching pair.
 */
export function originAllowed(req: IncomingMessage, config: Pick<Config, "PUBLIC_URL">): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  return URL.canParse(origin) && new URL(origin).origin === new URL(config.PUBLIC_URL).origin;
}

/** The client address with the same trust rule as Express's `trust proxy 1`: the last X-Forwarded-For hop, else the peer. */
export function socketIp(handshake: { address: string; headers: IncomingMessage["headers"] }, trustProxy: boolean): string {
  const forwarded = handshake.headers["x-forwarded-for"];
  const list = (Array.isArray(forwarded) ? forwarded.join(",") : (forwarded ?? ""))
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return trustProxy && list.length > 0 ? list[list.length - 1]! : handshake.address;
}

export function attachRealtime(httpServer: HttpServer, deps: RealtimeDeps): TryggveServer {
  const io: TryggveServer = new Server(httpServer, {
    serveClient: false,
    allowRequest: (req, callback) => {
      const ok = originAllowed(req, deps.config);
      if (!ok) deps.logger.warn({ origin: req.headers.origin }, "socket handshake from foreign origin refused");
      callback(ok ? null : "origin not allowed", ok);
    },
    // Small frames only: a question is 500 characters.
    maxHttpBufferSize: 64 * 1024,
    connectionStateRecovery: undefined,
  });

  // The same cookie session as the pages: staff role on the socket, re-checked per event by handlers.
  io.use(async (socket, next) => {
    try {
      const cookie = socket.request.headers.cookie;
      const lookup = await lookupStaffSession(deps.db, deps.config, cookie);
      if (lookup.status === "invalid") return next(new Error(HANDSHAKE_ERRORS.invalidSession));
      socket.data.staff =
        lookup.status === "ok"
          ? {
              id: lookup.staff.id,
              email: lookup.staff.email,
              role: lookup.staff.role,
              organisationId: lookup.staff.organisationId,
              sessionHash: lookup.staff.sessionHash,
            }
          : null;
      socket.data.participantId = readParticipantId(cookie);
      socket.data.ip = socketIp(socket.handshake, deps.config.TRUST_PROXY);
      next();
    } catch (err) {
      deps.logger.error({ err }, "socket handshake failed");
      next(new Error("internal"));
    }
  });

  const clock = deps.clock ?? systemClock;
  const presence = createPresence(io, { db: deps.db, logger: deps.logger, now: () => clock.now() });

  const publisher = createPublisher(io);
  publishers.set(io, publisher);

  io.on("connection", (socket) => {
    registerQaHandlers(socket, { ...deps, clock, publisher });
    registerWalkHandlers(socket, { ...deps, clock, publisher });
    registerPollHandlers(socket, { ...deps, clock, publisher });
    presence.register(socket);
    socket.on("whoami", async (ack) => {
      if (typeof ack !== "function") return;
      // Re-check the session: it may have been signed out or disabled since the handshake.
      const staff = socket.data.staff;
      let current = null;
      if (staff) {
        const lookup = await lookupStaffSession(deps.db, deps.config, socket.request.headers.cookie);
        current = lookup.status === "ok" ? { id: lookup.staff.id, role: lookup.staff.role, organisationId: lookup.staff.organisationId } : null;
      }
      ack({ ok: true, data: { staff: current, participant: socket.data.participantId !== null } });
    });
  });

  return io;
}
