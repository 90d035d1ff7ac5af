/**
 * Socket handlers of live polls (docs/realtime.md#polls), on the same socket and kit as the Q&A.
 * Residents join a dialogue's polls and answer; moderators also control them. The form posts
 * (~/http/polls.server.ts) call the same domain functions and publish the same way.
 */
import type { Logger } from "pino";
import type { DB } from "../../db/connection";
import type { Clock } from "~/clock";
import type { Config } from "~/config.server";
import { can } from "~/domain/staff/roles";
import type { StaffUser } from "~/domain/staff/session.server";
import { answerPoll, controlPoll, myPollAnswers, publicPolls, staffPolls } from "~/domain/polls/polls.server";
import { TRANSPORT_ERRORS, ackFailure, budgetAckFailure, pollAckFailure } from "~/http/errors";
import { budgetGate } from "~/http/limits.server";
import { lookupStaffSession } from "~/http/session.server";
import { createHandlerKit, forbidden, ok, type AppSocket } from "~/realtime/kit.server";
import { publishPollEffects } from "~/realtime/poll-publisher.server";
import type { Publisher } from "~/realtime/publisher.server";
import { PollAnswerSchema, PollControlSchema, PollJoinSchema, pollRoom, pollStaffRoom } from "~/realtime/polls.events";

export interface PollDeps {
  db: DB;
  config: Config;
  logger: Logger;
  publisher: Publisher;
  clock: Clock;
}

/** Per-socket flood limit of poll events (the per-device answer rules are in the domain and the budgets). */
export const POLL_SOCKET_LIMIT = { events: 30, windowMs: 10_000 } as const;

export function registerPollHandlers(socket: AppSocket, deps: PollDeps): void {
  const { db, publisher } = deps;
  const kit = createHandlerKit(socket, { logger: deps.logger, limit: POLL_SOCKET_LIMIT, area: "polls" });

  /** Staff identity is re-read from the cookie session on every staff event, never trusted from the client. */
  async function moderator(): Promise<StaffUser | null> {
    if (!socket.data.staff) return null;
    const lookup = await lookupStaffSession(db, deps.config, socket.request.headers.cookie);
    return lookup.status === "ok" && can(lookup.staff.role, "qa.moderate") ? lookup.staff : null;
  }

  kit.handle("poll:join", PollJoinSchema, async ({ dialogueId }) => {
    const dialogue = await db.selectFrom("dialogues").select(["status"]).where("id", "=", dialogueId).executeTakeFirst();
    const staff = await moderator();
    if (!dialogue || (dialogue.status === "draft" && !staff)) return pollAckFailure("dialogue_not_found");
    await socket.join(pollRoom(dialogueId));
    if (staff) await socket.join(pollStaffRoom(dialogueId));
    // Join first, then read: a change committed in between arrives as an event too, and both carry whole state.
    const [polls, mine, all] = await Promise.all([
      publicPolls(db, dialogueId),
      myPollAnswers(db, dialogueId, socket.data.participantId),
      staff ? staffPolls(db, dialogueId) : Promise.resolve(undefined),
    ]);
    return ok({ polls, mine, moderator: staff !== null, ...(all ? { staffPolls: all } : {}) });
  });

  socket.on("poll:leave", (payload) => {
    const parsed = PollJoinSchema.safeParse(payload);
    if (!parsed.success) return;
    void socket.leave(pollRoom(parsed.data.dialogueId));
    void socket.leave(pollStaffRoom(parsed.data.dialogueId));
  });

  kit.handle("poll:answer", PollAnswerSchema, async (input) => {
    const participantId = socket.data.participantId;
    if (!participantId) return ackFailure("forbidden", { ...TRANSPORT_ERRORS.forbidden, key: "qa.errors.noParticipant" });
    const gate = budgetGate(db, "poll.answer", { device: participantId, ip: socket.data.ip, target: input.pollId });
    const result = await answerPoll(db, { ...input, participantId }, deps.clock.now(), gate);
    if (!result.ok) return result.error === "too_many_requests" ? budgetAckFailure(result.retryAfterSeconds) : pollAckFailure(result.error);
    // Acknowledged after the commit; results published (coalesced) after the ack.
    return ok({ pollId: result.pollId, choices: result.choices, duplicate: result.duplicate }, () => publishPollEffects(publisher, db, result.effects));
  });

  kit.handle("poll:control", PollControlSchema, async (input) => {
    const staff = await moderator();
    if (!staff) return forbidden();
    const result = await controlPoll(db, staff, input, socket.data.ip, deps.clock.now());
    if (!result.ok) return pollAckFailure(result.error);
    return ok({ poll: result.poll }, () => publishPollEffects(publisher, db, result.effects));
  });
}
