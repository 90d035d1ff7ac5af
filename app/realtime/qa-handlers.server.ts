import type { Socket } from "socket.io";
import type { Logger } from "pino";
import type { DB } from "../../db/connection";
import type { Clock } from "~/clock";
import type { Config } from "~/config.server";
import type { StaffUser } from "~/domain/staff/session.server";
import { lookupStaffSession } from "~/http/session.server";
import { can } from "~/domain/staff/roles";
import { isDialoguePanelist } from "~/domain/common/organisations.server";
import { logAudit } from "~/domain/audit/audit.server";
import { PANELIST_ACTIONS } from "~/domain/questions/acting-for.server";
import {
  claimQuestion,
  moderate,
  moderationQueue,
  myVotes,
  publicTally,
  setSubmissionsOpen,
  setVote,
  submitQuestion,
  syncSince,
} from "~/domain/questions/qa.server";
import { ModerationSchema, SubmitQuestionSchema, VoteSchema } from "~/domain/questions/questions.schema";
import { TRANSPORT_ERRORS, ackFailure, budgetAckFailure, qaAckFailure } from "~/http/errors";
import { budgetGate } from "~/http/limits.server";
import type { ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData } from "~/realtime/events";
import { createHandlerKit, forbidden, ok } from "~/realtime/kit.server";
import { publishClaim, publishQaEffects, type Publisher } from "~/realtime/publisher.server";
import { participantRoom, QaClaimSchema, QaDialogueSchema, QaJoinSchema, QaSubmissionsSchema, qaRoom, qaStaffRoom } from "~/realtime/qa.events";

type QaSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export interface QaDeps {
  db: DB;
  config: Config;
  logger: Logger;
  publisher: Publisher;
  clock: Clock;
}

/** Per-socket flood limit: at most this many Q&A events per window (per participant limits are in the domain). */
export const SOCKET_LIMIT = { events: 40, windowMs: 10_000 } as const;

export function registerQaHandlers(socket: QaSocket, deps: QaDeps): void {
  const { db, publisher } = deps;
  const kit = createHandlerKit(socket, { logger: deps.logger, limit: SOCKET_LIMIT, area: "qa" });
  const logRefusal = createRefusalLog(deps, socket);

  /** Staff identity is re-read from the cookie session on every staff event, never trusted from the client. */
  async function currentStaff(): Promise<StaffUser | null> {
    if (!socket.data.staff) return null;
    const lookup = await lookupStaffSession(db, deps.config, socket.request.headers.cookie);
    return lookup.status === "ok" ? lookup.staff : null;
  }

  async function mayModerate(staff: StaffUser | null, dialogueId: number, action?: string): Promise<boolean> {
    if (!staff) return false;
    if (can(staff.role, "qa.moderate")) return true;
    // Panelists of this dialogue may answer; moderate() then checks the question is their organisation's and signs it.
    if (staff.role === "panelist" && action && (PANELIST_ACTIONS as readonly string[]).includes(action)) {
      return isDialoguePanelist(db, dialogueId, staff.id);
    }
    return false;
  }

  /** The signed-in moderator for a staff event, or null after logging the refusal. */
  async function moderatorFor(event: string, dialogueId: number, action?: string): Promise<StaffUser | null> {
    const staff = await currentStaff();
    if (staff && (await mayModerate(staff, dialogueId, action))) return staff;
    await logRefusal(staff, event, dialogueId);
    return null;
  }

  kit.handle("qa:join", QaJoinSchema, async ({ dialogueId, lastSeq, queueAfter }) => {
    const dialogue = await db.selectFrom("dialogues").select(["status"]).where("id", "=", dialogueId).executeTakeFirst();
    const staff = await currentStaff();
    const moderator = await mayModerate(staff, dialogueId, "mark_answered");
    if (!dialogue || (dialogue.status === "draft" && !moderator)) return qaAckFailure("not_found");
    await socket.join(qaRoom(dialogueId));
    if (moderator) await socket.join(qaStaffRoom(dialogueId));
    if (socket.data.participantId) await socket.join(participantRoom(socket.data.participantId));
    // Join first, then read: an event committed in between arrives twice at worst, and clients drop seq <= their own.
    const sync = await syncSince(db, dialogueId, lastSeq);
    const votes = socket.data.participantId ? await myVotes(db, dialogueId, socket.data.participantId) : [];
    const page = moderator ? await moderationQueue(db, dialogueId, deps.clock.now(), queueAfter ?? null) : undefined;
    const counts = await publicTally(db, dialogueId);
    if (!page) return ok({ sync, myVotes: votes, moderator, counts });
    const { items: queue, ...queuePage } = page;
    return ok({ sync, myVotes: votes, moderator, counts, queue, queuePage });
  });

  socket.on("qa:leave", (payload) => {
    const parsed = QaDialogueSchema.safeParse(payload);
    if (!parsed.success) return;
    void socket.leave(qaRoom(parsed.data.dialogueId));
    void socket.leave(qaStaffRoom(parsed.data.dialogueId));
  });

  kit.handle("qa:ask", SubmitQuestionSchema, async (input) => {
    if (!socket.data.participantId) return ackFailure("forbidden", { ...TRANSPORT_ERRORS.forbidden, key: "qa.errors.noParticipant" });
    const gate = budgetGate(db, "qa.ask", { device: socket.data.participantId, ip: socket.data.ip });
    const result = await submitQuestion(db, { ...input, participantId: socket.data.participantId }, deps.clock.now(), gate);
    if (!result.ok) return result.error === "too_many_requests" ? budgetAckFailure(result.retryAfterSeconds) : qaAckFailure(result.error);
    // Acknowledged only after the commit above; published after the ack.
    return ok({ questionId: result.questionId, status: result.status, duplicate: result.duplicate }, () =>
      publishQaEffects(publisher, input.dialogueId, result.effects),
    );
  });

  kit.handle("qa:vote", VoteSchema, async (input) => {
    if (!socket.data.participantId) return ackFailure("forbidden", { ...TRANSPORT_ERRORS.forbidden, key: "qa.errors.noParticipant" });
    const refused = await budgetGate(db, "qa.vote", { device: socket.data.participantId, ip: socket.data.ip, target: input.questionId })();
    if (refused) return budgetAckFailure(refused.retryAfterSeconds);
    const result = await setVote(db, { ...input, participantId: socket.data.participantId }, deps.clock.now());
    if (!result.ok) return qaAckFailure(result.error);
    return ok({ voted: result.voted, votes: result.votes, version: result.version }, () => publishQaEffects(publisher, input.dialogueId, result.effects));
  });

  kit.handle("qa:moderate", ModerationSchema, async (input) => {
    const staff = await moderatorFor("qa:moderate", input.dialogueId, input.action);
    if (!staff) return forbidden();
    const result = await moderate(db, staff, input, socket.data.ip, deps.clock.now());
    if (!result.ok) return qaAckFailure(result.error);
    return ok({ done: true as const }, () => publishQaEffects(publisher, input.dialogueId, result.effects));
  });

  kit.handle("qa:claim", QaClaimSchema, async (input) => {
    const staff = await moderatorFor("qa:claim", input.dialogueId);
    if (!staff) return forbidden();
    const result = await claimQuestion(db, staff, input.dialogueId, input.questionId, deps.clock.now());
    if (!result.ok) return qaAckFailure(result.error, result.by);
    return ok({ until: result.until }, () => publishClaim(publisher, input, staff, result.until));
  });

  kit.handle("qa:submissions", QaSubmissionsSchema, async (input) => {
    const staff = await moderatorFor("qa:submissions", input.dialogueId);
    if (!staff) return forbidden();
    const result = await setSubmissionsOpen(db, staff, input.dialogueId, input.open, socket.data.ip, deps.clock.now());
    if (!result.ok) return qaAckFailure(result.error);
    return ok({ open: input.open }, () => publishQaEffects(publisher, input.dialogueId, result.effects));
  });
}

/** A resident (or the wrong role) calling a staff event is refused and logged. */
/**
 * Refused staff events (a resident or the wrong role) are audited, but counted per socket:
 * the first refusal writes an entry at once, later ones only raise a counter that is
 * written as one summary entry when the socket goes away. A script replaying refused
 * events cannot fill the audit log (one socket sending 400 made 400 rows before).
 */
function createRefusalLog(deps: QaDeps, socket: QaSocket) {
  let first: { staff: StaffUser | null; event: string; dialogueId: number } | null = null;
  let more = 0;
  const write = (staff: StaffUser | null, dialogueId: number, details: Record<string, unknown>) =>
    logAudit(
      deps.db,
      {
        actor: staff ? { id: staff.id, email: staff.email } : null,
        action: "qa.refused",
        targetType: "dialogue",
        targetId: dialogueId,
        details: { participant: staff ? undefined : "resident", ...details },
        ip: socket.data.ip,
      },
      deps.clock.now(),
    );
  socket.on("disconnect", () => {
    if (first && more > 0) void write(first.staff, first.dialogueId, { event: first.event, repeated: more }).catch(() => {});
  });
  return async (staff: StaffUser | null, event: string, dialogueId: number) => {
    if (first) {
      more += 1;
      return;
    }
    first = { staff, event, dialogueId };
    await write(staff, dialogueId, { event });
  };
}
