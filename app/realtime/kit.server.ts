/**
 * The one kit every socket namespace's handlers use (Q&A, walks): the per-socket
 * flood limit, the acknowledged-event guard (validate with the same zod schema as the
 * form, catch and log, always answer), typed failures from ~/http/errors.ts, and the
 * publish-after-commit step: a handler returns what to publish and the kit runs it
 * only after the ack for a committed write has been sent.
 */
import type { Logger } from "pino";
import type { Socket } from "socket.io";
import type { z } from "zod";
import { TRANSPORT_ERRORS, ackFailure, validationAckFailure } from "~/http/errors";
import { issuesToErrors } from "~/http/forms";
import type { I18nKey } from "~/i18n/keys";
import type { AckDataOf, AckFailure, AckResponse, ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData } from "~/realtime/events";

export type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export interface SocketLimit {
  events: number;
  windowMs: number;
}

/** A fixed-window counter for one socket: true once the socket has sent more than `events` in the window. */
export function socketLimiter(limit: SocketLimit, clock: () => number = Date.now): () => boolean {
  let windowStart = clock();
  let count = 0;
  return () => {
    const now = clock();
    if (now - windowStart > limit.windowMs) {
      windowStart = now;
      count = 0;
    }
    count += 1;
    return count > limit.events;
  };
}

type EventName = keyof ClientToServerEvents;

/** What a handler answers: data (and what to publish once the ack is out), or a failure. */
export type Outcome<T> = { ok: true; data: T; publish?: () => void } | AckFailure;

export const ok = <T>(data: T, publish?: () => void): Outcome<T> => ({ ok: true, data, publish });

export interface HandlerKit {
  /** Registers an acknowledged event: limit → validate → handle → ack → publish. */
  handle<E extends EventName, S extends z.ZodType>(event: E, schema: S, handler: (input: z.output<S>) => Promise<Outcome<AckDataOf<E>>>): void;
}

export function createHandlerKit(socket: AppSocket, opts: { logger: Logger; limit: SocketLimit; area: string; limitedKey?: I18nKey }): HandlerKit {
  const limited = socketLimiter(opts.limit);
  const rateLimited = ackFailure("rate_limited", { ...TRANSPORT_ERRORS.rate_limited, key: opts.limitedKey ?? TRANSPORT_ERRORS.rate_limited.key });
  return {
    handle(event, schema, handler) {
      const listener = async (payload: unknown, ack: unknown) => {
        if (typeof ack !== "function") return; // every such event is acknowledged; a client that sends none gets nothing
        const reply = ack as (r: AckResponse<unknown>) => void;
        if (limited()) return reply(rateLimited);
        const parsed = schema.safeParse(payload);
        if (!parsed.success) return reply(validationAckFailure(issuesToErrors(parsed.error.issues)));
        let outcome: Outcome<unknown>;
        try {
          outcome = await handler(parsed.data);
        } catch (err) {
          opts.logger.error({ err, event }, `${opts.area} handler failed`);
          return reply(ackFailure("internal", TRANSPORT_ERRORS.internal));
        }
        if (!outcome.ok) return reply(outcome);
        reply({ ok: true, data: outcome.data });
        outcome.publish?.();
      };
      // socket.io's typed `on` cannot take a generic event name; the handler's types are checked above.
      socket.on(event, listener as never);
    },
  };
}

/** A forbidden staff event: the same shape for every namespace. */
export const forbidden = (): AckFailure => ackFailure("forbidden", TRANSPORT_ERRORS.forbidden);
