import type { Socket } from "socket.io";
import type { Logger } from "pino";
import type { DB } from "../../db/connection";
import type { Config } from "~/config.server";
import type { StaffUser } from "~/domain/staff/session.server";
import { lookupStaffSession } from "~/http/session.server";
import { can } from "~/domain/staff/roles";
import { logAudit } from "~/domain/audit/audit.server";
import { claimQuestion, moderate, myVotes, setSubmissionsOpen, setVote, submitQuestion, syncSince } from "~/domain/questions/qa.server";
import { ModerationSchema, SubmitQuestionSchema, VoteSchema } from "~/domain/questions/questions.schema";
import type { Ack, ClientToServerEvents, ErrorCode, InterServerEvents, ServerToClientEvents, SocketData } from "~/realtime/events";
import { publishQaEffects, type Publisher } from "~/realtime/publisher.server";
import { participantRoom, QaClaimSchema, QaDialogueSchema, QaJoinSchema, QaSubmissionsSchema, qaRoom, qaStaffRoom } from "~/realtime/qa.events";

type QaSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export interface QaDeps {
  db: DB;
  config: Config;
  logger: Logger;
  publisher: Publisher;
}

/** Per-socket flood limit: at most this many Q&A events per window. */
export const SOCKET_LIMIT = { events: 40, windowMs: 10_000 } as const;

const MODERATION_ONLY_FOR_PANELISTS = new Set(["mark_answered", "publish_written_answer"]);

function fail<T>(ack: Ack<T> | undefined, error: ErrorCode, message?: string) {
  if (typeof ack === "function") ack({ ok: false, error, message });
}

/** Maps domain errors to the protocol's error codes (docs/realtime.md). */
function code(error: string): ErrorCode {
  if (error === "not_found") return "not_found";
  if (error === "rate_limited") return "rate_limited";
  if (error === "closed") return "closed";
  if (error === "claimed_by_other") return "conflict";
  return "invalid_state";
}

export function registerQaHandlers(socket: QaSocket, deps: QaDeps): void {
  const { db, logger, publisher } = deps;
  let windowStart = Date.now();
  let count = 0;
  const limited = () => {
    const now = Date.now();
    if (now - windowStart > SOCKET_LIMIT.windowMs) {
      windowStart = now;
      count = 0;
    }
    count += 1;
    return count > SOCKET_LIMIT.events;
  };

  /** Staff identity is re-read from the cookie session on every staff event, never trusted from the client. */
  async function currentStaff(): Promise<StaffUser | null> {
    if (!socket.data.staff) return null;
    const lookup = await lookupStaffSession(db, deps.config, socket.request.headers.cookie);
    return lookup.status === "ok" ? lookup.staff : null;
  }

  async function mayModerate(staff: StaffUser | null, dialogueId: number, action?: string): Promise<boolean> {
    if (!staff) return false;
    if (can(staff.role, "qa.moderate")) return true;
    if (staff.role === "panelist" && action && MODERATION_ONLY_FOR_PANELISTS.has(action)) {
      const row = await db
        .selectFrom("dialogue_panelists")
        .select("staff_id")
        .where("dialogue_id", "=", dialogueId)
        .where("staff_id", "=", staff.id)
        .executeTakeFirst();
      return !!row;
    }
    return false;
  }

  function guard<P, T>(name: string, handler: (payload: P, ack: Ack<T>) => Promise<void>) {
    return async (payload: P, ack: Ack<T>) => {
      if (typeof ack !== "function") return; // every Q&A event is acknowledged
      if (limited()) return fail(ack, "rate_limited");
      try {
        await handler(payload, ack);
      } catch (err) {
        logger.error({ err, event: name }, "qa handler failed");
        fail(ack, "internal");
      }
    };
  }

  socket.on(
    "qa:join",
    guard("qa:join", async (payload, ack) => {
      const parsed = QaJoinSchema.safeParse(payload);
      if (!parsed.success) return fail(ack, "invalid_payload");
      const { dialogueId, lastSeq } = parsed.data;
      const dialogue = await db.selectFrom("dialogues").select(["status"]).where("id", "=", dialogueId).executeTakeFirst();
      const staff = await currentStaff();
      const moderator = await mayModerate(staff, dialogueId, "mark_answered");
      if (!dialogue || (dialogue.status === "draft" && !moderator)) return fail(ack, "not_found");
      await socket.join(qaRoom(dialogueId));
      if (moderator) await socket.join(qaStaffRoom(dialogueId));
      if (socket.data.participantId) await socket.join(participantRoom(socket.data.participantId));
      // Join first, then read: an event committed in between arrives twice at worst, and clients drop seq <= their own.
      const sync = await syncSince(db, dialogueId, lastSeq);
      const votes = socket.data.participantId ? await myVotes(db, dialogueId, socket.data.participantId) : [];
      ack({ ok: true, data: { sync, myVotes: votes, moderator } });
    }),
  );

  socket.on("qa:leave", (payload) => {
    const parsed = QaDialogueSchema.safeParse(payload);
    if (!parsed.success) return;
    void socket.leave(qaRoom(parsed.data.dialogueId));
    void socket.leave(qaStaffRoom(parsed.data.dialogueId));
  });

  socket.on(
    "qa:ask",
    guard("qa:ask", async (payload, ack) => {
      const parsed = SubmitQuestionSchema.safeParse(payload);
      if (!parsed.success) return fail(ack, "invalid_payload", parsed.error.issues[0]?.message);
      if (!socket.data.participantId) return fail(ack, "forbidden", "qa.errors.noParticipant");
      const result = await submitQuestion(db, { ...parsed.data, participantId: socket.data.participantId });
      if (!result.ok) return fail(ack, code(result.error));
      // Acknowledged only after the commit above.
      ack({ ok: true, data: { questionId: result.questionId, status: result.status, duplicate: result.duplicate } });
      publishQaEffects(publisher, parsed.data.dialogueId, result.effects);
    }),
  );

  socket.on(
    "qa:vote",
    guard("qa:vote", async (payload, ack) => {
      const parsed = VoteSchema.safeParse(payload);
      if (!parsed.success) return fail(ack, "invalid_payload");
      if (!socket.data.participantId) return fail(ack, "forbidden");
      const result = await setVote(db, { ...parsed.data, participantId: socket.data.participantId });
      if (!result.ok) return fail(ack, code(result.error));
      ack({ ok: true, data: { voted: result.voted, votes: result.votes } });
      publishQaEffects(publisher, parsed.data.dialogueId, result.effects);
    }),
  );

  socket.on(
    "qa:moderate",
    guard("qa:moderate", async (payload, ack) => {
      const parsed = ModerationSchema.safeParse(payload);
      if (!parsed.success) return fail(ack, "invalid_payload", parsed.error.issues[0]?.message);
      const staff = await currentStaff();
      if (!(await mayModerate(staff, parsed.data.dialogueId, parsed.data.action)) || !staff) {
        await logRefusal(deps, socket, staff, "qa:moderate", parsed.data.dialogueId);
        return fail(ack, "forbidden");
      }
      const result = await moderate(db, staff, parsed.data, socket.handshake.address);
      if (!result.ok) return fail(ack, code(result.error), result.error);
      ack({ ok: true, data: { done: true } });
      publishQaEffects(publisher, parsed.data.dialogueId, result.effects);
    }),
  );

  socket.on(
    "qa:claim",
    guard("qa:claim", async (payload, ack) => {
      const parsed = QaClaimSchema.safeParse(payload);
      if (!parsed.success) return fail(ack, "invalid_payload");
      const staff = await currentStaff();
      if (!(await mayModerate(staff, parsed.data.dialogueId)) || !staff) {
        await logRefusal(deps, socket, staff, "qa:claim", parsed.data.dialogueId);
        return fail(ack, "forbidden");
      }
      const result = await claimQuestion(db, staff, parsed.data.dialogueId, parsed.data.questionId);
      if (!result.ok) return fail(ack, code(result.error), result.by);
      ack({ ok: true, data: { until: result.until } });
      publisher.emit(qaStaffRoom(parsed.data.dialogueId), "qa:claimed", { ...parsed.data, by: staff.name, until: result.until });
    }),
  );

  socket.on(
    "qa:submissions",
    guard("qa:submissions", async (payload, ack) => {
      const parsed = QaSubmissionsSchema.safeParse(payload);
      if (!parsed.success) return fail(ack, "invalid_payload");
      const staff = await currentStaff();
      if (!(await mayModerate(staff, parsed.data.dialogueId)) || !staff) {
        await logRefusal(deps, socket, staff, "qa:submissions", parsed.data.dialogueId);
        return fail(ack, "forbidden");
      }
      const result = await setSubmissionsOpen(db, staff, parsed.data.dialogueId, parsed.data.open, socket.handshake.address);
      if (!result.ok) return fail(ack, code(result.error));
      ack({ ok: true, data: { open: parsed.data.open } });
      publishQaEffects(publisher, parsed.data.dialogueId, result.effects);
    }),
  );
}

/** A resident (or the wrong role) calling a staff event is refused and logged. */
async function logRefusal(deps: QaDeps, socket: QaSocket, staff: StaffUser | null, event: string, dialogueId: number) {
  await logAudit(deps.db, {
    actor: staff ? { id: staff.id, email: staff.email } : null,
    action: "qa.refused",
    targetType: "dialogue",
    targetId: dialogueId,
    details: { event, participant: staff ? undefined : "resident" },
    ip: socket.handshake.address,
  });
}
