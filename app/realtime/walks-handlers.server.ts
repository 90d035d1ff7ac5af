import type { Socket } from "socket.io";
import type { Logger } from "pino";
import type { DB } from "../../db/connection";
import type { Clock } from "~/clock";
import type { Config } from "~/config.server";
import { lookupStaffSession } from "~/http/session.server";
import { can } from "~/domain/staff/roles";
import { listOwnObservations, listPublicObservations, submitObservation, type ObservationEffects } from "~/domain/walks/observations.server";
import { ObservationSchema } from "~/domain/walks/walk.schema";
import { TRANSPORT_ERRORS, ackFailure, budgetAckFailure, walkErrorInfo } from "~/http/errors";
import { budgetGate } from "~/http/limits.server";
import type { ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData } from "~/realtime/events";
import { createHandlerKit, ok } from "~/realtime/kit.server";
import type { Publisher } from "~/realtime/publisher.server";
import { participantRoom } from "~/realtime/qa.events";
import { walkRoom, WalkJoinSchema, walkStaffRoom } from "~/realtime/walks.events";

type WalkSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export interface WalkDeps {
  db: DB;
  config: Config;
  logger: Logger;
  publisher: Publisher;
  clock: Clock;
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

export function registerWalkHandlers(socket: WalkSocket, deps: WalkDeps): void {
  const { db, publisher } = deps;
  const kit = createHandlerKit(socket, { logger: deps.logger, limit: WALK_SOCKET_LIMIT, area: "walk", limitedKey: "walks.errors.tooFast" });

  kit.handle("walk:join", WalkJoinSchema, async ({ walkId }) => {
    const walk = await db.selectFrom("walks").select(["status"]).where("id", "=", walkId).executeTakeFirst();
    if (!walk) return ackFailure("walks.notFound", walkErrorInfo("walks.notFound"));
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
    return ok({ observations: items, mine, status: walk.status });
  });

  socket.on("walk:leave", (payload) => {
    const parsed = WalkJoinSchema.safeParse(payload);
    if (!parsed.success) return;
    void socket.leave(walkRoom(parsed.data.walkId));
    void socket.leave(walkStaffRoom(parsed.data.walkId));
  });

  kit.handle("walk:observe", ObservationSchema, async (input) => {
    if (!socket.data.participantId) return ackFailure("forbidden", { ...TRANSPORT_ERRORS.forbidden, key: "walks.errors.noParticipant" });
    const result = await submitObservation(db, input, {
      participantId: socket.data.participantId,
      lateWindowDays: deps.config.WALK_LATE_WINDOW_DAYS,
      now: deps.clock.now(),
      gate: budgetGate(db, "walk.observe", { device: socket.data.participantId, ip: socket.data.ip }),
    });
    if (!result.ok && result.error === "too_many_requests") return budgetAckFailure(result.retryAfterSeconds);
    if (!result.ok) return ackFailure(result.error, walkErrorInfo(result.error, result.field));
    // Acknowledged only after the commit above; broadcast after the ack.
    const { observation } = result;
    return ok({ id: observation.id, status: observation.status, duplicate: result.duplicate, observation }, () =>
      publishWalkEffects(publisher, result.effects),
    );
  });
}
