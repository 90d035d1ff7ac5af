import type { Socket } from "socket.io";
import type { Logger } from "pino";
import type { DB } from "../../db/connection";
import type { Config } from "~/config.server";
import { lookupStaffSession } from "~/http/session.server";
import { can } from "~/domain/staff/roles";
import { listOwnObservations, listPublicObservations, submitObservation, type ObservationEffects } from "~/domain/walks/observations.server";
import { ObservationSchema } from "~/domain/walks/walk.schema";
import type { Ack, ClientToServerEvents, ErrorCode, InterServerEvents, ServerToClientEvents, SocketData } from "~/realtime/events";
import type { Publisher } from "~/realtime/publisher.server";
import { participantRoom } from "~/realtime/qa.events";
import { walkRoom, WalkJoinSchema, walkStaffRoom } from "~/realtime/walks.events";

type WalkSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export interface WalkDeps {
  db: DB;
  config: Config;
  logger: Logger;
  publisher: Publisher;
}

/** Per-socket flood limit for walk events (the per-participant observation limit is in the domain). */
export const WALK_SOCKET_LIMIT = { events: 30, windowMs: 10_000 } as const;

/** Sends what a committed observation write produced. Used by socket handlers and form actions alike. */
export function publishWalkEffects(publisher: Publisher, effects: ObservationEffects): void {
  for (const o of effects.upserts) publisher.emit(walkRoom(o.walkId), "walk:observation", o);
  for (const r of effects.removed) publisher.emit(walkRoom(r.walkId), "walk:removed", r);
  for (const n of effects.notices)
    publisher.emit(participantRoom(n.participantId), "walk:mine", { walkId: n.walkId, id: n.id, status: n.status, photoStatus: n.photoStatus });
  if (effects.queueWalkId !== null) publisher.emit(walkStaffRoom(effects.queueWalkId), "walk:queue", { walkId: effects.queueWalkId });
}

function fail<T>(ack: Ack<T> | undefined, error: ErrorCode, message?: string) {
  if (typeof ack === "function") ack({ ok: false, error, message });
}

function code(error: string): ErrorCode {
  if (error === "walks.notFound") return "not_found";
  if (error === "walks.errors.tooFast" || error === "walks.errors.tooMany") return "rate_limited";
  if (error === "walks.errors.notStarted" || error === "walks.errors.windowClosed") return "closed";
  return "invalid_payload";
}

export function registerWalkHandlers(socket: WalkSocket, deps: WalkDeps): void {
  const { db, logger, publisher } = deps;
  let windowStart = Date.now();
  let count = 0;
  const limited = () => {
    const now = Date.now();
    if (now - windowStart > WALK_SOCKET_LIMIT.windowMs) {
      windowStart = now;
      count = 0;
    }
    count += 1;
    return count > WALK_SOCKET_LIMIT.events;
  };

  function guard<P, T>(name: string, handler: (payload: P, ack: Ack<T>) => Promise<void>) {
    return async (payload: P, ack: Ack<T>) => {
      if (typeof ack !== "function") return;
      if (limited()) return fail(ack, "rate_limited", "walks.errors.tooFast");
      try {
        await handler(payload, ack);
      } catch (err) {
        logger.error({ err, event: name }, "walk handler failed");
        fail(ack, "internal");
      }
    };
  }

  socket.on(
    "walk:join",
    guard("walk:join", async (payload, ack) => {
      const parsed = WalkJoinSchema.safeParse(payload);
      if (!parsed.success) return fail(ack, "invalid_payload");
      const { walkId } = parsed.data;
      const walk = await db.selectFrom("walks").select(["status"]).where("id", "=", walkId).executeTakeFirst();
      if (!walk) return fail(ack, "not_found");
      await socket.join(walkRoom(walkId));
      if (socket.data.participantId) await socket.join(participantRoom(socket.data.participantId));
      // Staff identity is re-read from the cookie session, never trusted from the client.
      if (socket.data.staff) {
        const lookup = await lookupStaffSession(db, deps.config, socket.request.headers.cookie);
        if (lookup.status === "ok" && can(lookup.staff.role, "walks.manage")) await socket.join(walkStaffRoom(walkId));
      }
      // Join first, then read: an observation committed in between arrives twice at worst; clients key by id.
      const { items } = await listPublicObservations(db, { walkId }, {}, { limit: 5000 });
      const mine = socket.data.participantId ? await listOwnObservations(db, walkId, socket.data.participantId) : [];
      ack({ ok: true, data: { observations: items, mine, status: walk.status } });
    }),
  );

  socket.on("walk:leave", (payload) => {
    const parsed = WalkJoinSchema.safeParse(payload);
    if (!parsed.success) return;
    void socket.leave(walkRoom(parsed.data.walkId));
    void socket.leave(walkStaffRoom(parsed.data.walkId));
  });

  socket.on(
    "walk:observe",
    guard("walk:observe", async (payload, ack) => {
      const parsed = ObservationSchema.safeParse(payload);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return fail(ack, "invalid_payload", issue ? `${issue.path.join(".")}:${issue.message}` : undefined);
      }
      if (!socket.data.participantId) return fail(ack, "forbidden", "walks.errors.noParticipant");
      const result = await submitObservation(db, parsed.data, { participantId: socket.data.participantId, lateWindowDays: deps.config.WALK_LATE_WINDOW_DAYS });
      if (!result.ok) return fail(ack, code(result.error), result.field ? `${result.field}:${result.error}` : result.error);
      // Acknowledged only after the commit above; broadcast after the ack.
      ack({ ok: true, data: { id: result.observation.id, status: result.observation.status, duplicate: result.duplicate, observation: result.observation } });
      publishWalkEffects(publisher, result.effects);
    }),
  );
}
