/**
 * Remote-attendee presence per dialogue. Unique participants, not tabs: each
 * device (participant cookie) counts once however many sockets it has open.
 * The live map is per io server (one process holds live state; see
 * docs/realtime.md); the figures that matter afterwards (peak, unique) are
 * written to the database while the dialogue is live.
 */
import crypto from "node:crypto";
import type { Socket } from "socket.io";
import type { DB } from "../../db/connection";
import type { Logger } from "pino";
import type { ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData } from "~/realtime/events";
import { PresenceJoinSchema, presenceRoom, type PresenceCount } from "~/realtime/presence.events";
import type { TryggveServer } from "~/realtime/publisher.server";

type TSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/** A dialogue counts attendance from half an hour before it starts until it ends (or while marked ongoing). */
export const LIVE_LEAD_MS = 30 * 60_000;
const MAX_ROOMS_PER_SOCKET = 5;
const MAX_EVENTS_PER_10S = 30;
/**
 * At most this many participants one address adds to a dialogue's count. A school or a
 * municipal office behind one NAT can still show a full class; 300 scripted sockets from
 * one machine cannot inflate the figure. Over the cap a socket still receives the count.
 */
export const MAX_COUNTED_PER_IP = 50;

export interface PresenceDeps {
  db: DB;
  logger: Logger;
  now?: () => Date;
}

export function participantHash(dialogueId: number, key: string): string {
  // Per-dialogue hash: the stored rows cannot be linked across dialogues or back to the cookie.
  return crypto.createHash("sha256").update(`${dialogueId}:${key}`).digest("hex").slice(0, 32);
}

export function createPresence(io: TryggveServer, deps: PresenceDeps) {
  const rooms = new Map<number, Map<string, { sockets: Set<string>; ip: string }>>();
  /** dialogue → address → participant keys counted from it. */
  const byIp = new Map<number, Map<string, Set<string>>>();
  const now = deps.now ?? (() => new Date());

  const count = (dialogueId: number) => rooms.get(dialogueId)?.size ?? 0;
  const broadcast = (dialogueId: number) => {
    const payload: PresenceCount = { dialogueId, remote: count(dialogueId) };
    io.to(presenceRoom(dialogueId)).emit("presence:count", payload);
  };

  async function lookup(dialogueId: number) {
    return deps.db.selectFrom("dialogues").select(["id", "status", "starts_at", "ends_at"]).where("id", "=", dialogueId).executeTakeFirst();
  }

  function isLive(d: { status: string; starts_at: string; ends_at: string }, at: Date) {
    if (d.status === "ongoing") return true;
    return d.status === "published" && at.getTime() >= Date.parse(d.starts_at) - LIVE_LEAD_MS && at.getTime() <= Date.parse(d.ends_at);
  }

  async function record(dialogueId: number, key: string, at: Date) {
    await deps.db
      .insertInto("dialogue_remote_attendees")
      .values({ dialogue_id: dialogueId, participant_hash: participantHash(dialogueId, key), first_seen_at: at.toISOString() })
      .onConflict((oc) => oc.doNothing())
      .execute();
    const current = count(dialogueId);
    await deps.db.updateTable("dialogues").set({ remote_peak: current }).where("id", "=", dialogueId).where("remote_peak", "<", current).execute();
  }

  function leave(socket: TSocket, dialogueId: number): boolean {
    const members = rooms.get(dialogueId);
    void socket.leave(presenceRoom(dialogueId));
    if (!members) return false;
    const key = keyOf(socket);
    const member = members.get(key);
    if (!member?.sockets.delete(socket.id)) return false;
    if (member.sockets.size > 0) return false;
    members.delete(key);
    const fromIp = byIp.get(dialogueId)?.get(member.ip);
    fromIp?.delete(key);
    if (fromIp?.size === 0) byIp.get(dialogueId)?.delete(member.ip);
    if (members.size === 0) {
      rooms.delete(dialogueId);
      byIp.delete(dialogueId);
    }
    return true;
  }

  /** Adds the socket to the dialogue's count; false when its address already added MAX_COUNTED_PER_IP others. */
  function add(socket: TSocket, dialogueId: number): { counted: boolean; isNew: boolean } {
    let members = rooms.get(dialogueId);
    if (!members) rooms.set(dialogueId, (members = new Map()));
    const key = keyOf(socket);
    const existing = members.get(key);
    if (existing) {
      existing.sockets.add(socket.id);
      return { counted: true, isNew: false };
    }
    let ips = byIp.get(dialogueId);
    if (!ips) byIp.set(dialogueId, (ips = new Map()));
    const fromIp = ips.get(socket.data.ip) ?? new Set<string>();
    if (fromIp.size >= MAX_COUNTED_PER_IP) {
      if (members.size === 0) rooms.delete(dialogueId);
      return { counted: false, isNew: false };
    }
    fromIp.add(key);
    ips.set(socket.data.ip, fromIp);
    members.set(key, { sockets: new Set([socket.id]), ip: socket.data.ip });
    return { counted: true, isNew: true };
  }

  function keyOf(socket: TSocket) {
    return socket.data.participantId ?? `socket:${socket.id}`;
  }

  function register(socket: TSocket) {
    const joined = new Set<number>();
    let windowStart = Date.now();
    let events = 0;
    const limited = () => {
      const t = Date.now();
      if (t - windowStart > 10_000) {
        windowStart = t;
        events = 0;
      }
      return ++events > MAX_EVENTS_PER_10S;
    };

    socket.on("presence:join", async (payload, ack) => {
      if (typeof ack !== "function") return;
      if (limited()) return ack({ ok: false, error: "rate_limited" });
      const parsed = PresenceJoinSchema.safeParse(payload);
      if (!parsed.success) return ack({ ok: false, error: "invalid_payload" });
      const { dialogueId } = parsed.data;
      try {
        const d = await lookup(dialogueId);
        if (!d || (d.status !== "published" && d.status !== "ongoing")) return ack({ ok: false, error: "not_found" });
        if (!joined.has(dialogueId) && joined.size >= MAX_ROOMS_PER_SOCKET) return ack({ ok: false, error: "rate_limited" });
        if (!socket.connected) return ack({ ok: false, error: "internal" });
        await socket.join(presenceRoom(dialogueId));
        joined.add(dialogueId);
        const { counted, isNew } = add(socket, dialogueId);
        const at = now();
        if (counted && isLive(d, at)) await record(dialogueId, keyOf(socket), at);
        if (isNew) broadcast(dialogueId);
        ack({ ok: true, data: { dialogueId, remote: count(dialogueId) } });
      } catch (err) {
        deps.logger.error({ err }, "presence:join failed");
        ack({ ok: false, error: "internal" });
      }
    });

    socket.on("presence:leave", (payload, ack) => {
      const reply = typeof ack === "function" ? ack : () => {};
      if (limited()) return reply({ ok: false, error: "rate_limited" });
      const parsed = PresenceJoinSchema.safeParse(payload);
      if (!parsed.success) return reply({ ok: false, error: "invalid_payload" });
      const { dialogueId } = parsed.data;
      joined.delete(dialogueId);
      if (leave(socket, dialogueId)) broadcast(dialogueId);
      reply({ ok: true, data: { dialogueId, remote: count(dialogueId) } });
    });

    socket.on("disconnect", () => {
      for (const dialogueId of joined) if (leave(socket, dialogueId)) broadcast(dialogueId);
      joined.clear();
    });
  }

  return { register, count };
}

export type Presence = ReturnType<typeof createPresence>;
