/**
 * One socket.io client per tab. `SocketProvider` (in root.tsx) creates it the first
 * time a live component mounts (never at module scope, never during the server
 * render) and keeps it for the life of the tab; presence, the Q&A and walks share it
 * and join or leave their rooms as they mount. After every reconnect each hook
 * re-joins its rooms from its own `connect` listener.
 *
 * Transports: WebSocket first; when it is blocked (some municipal and school
 * networks do) `tryAllTransports` falls back to HTTP long-polling. Polling needs a
 * sticky load balancer once there is more than one node (docs/realtime.md).
 */
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import { io, type Socket } from "socket.io-client";
import type { AckDataOf, AckResponse, ClientToServerEvents, ServerToClientEvents } from "~/realtime/events";
import type { PresenceCount } from "~/realtime/presence.events";

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** How long the browser waits for an ack before it reports a timeout. */
export const ACK_TIMEOUT_MS = 8000;

interface SocketHub {
  acquire(): ClientSocket;
}

const SocketContext = createContext<SocketHub | null>(null);

export function createClientSocket(): ClientSocket {
  return io({ withCredentials: true, transports: ["websocket", "polling"], tryAllTransports: true });
}

export function SocketProvider({ children, factory = createClientSocket }: { children: ReactNode; factory?: () => ClientSocket }) {
  const socketRef = useRef<ClientSocket | null>(null);
  const hubRef = useRef<SocketHub | null>(null);
  hubRef.current ??= {
    acquire() {
      socketRef.current ??= factory();
      return socketRef.current;
    },
  };
  useEffect(
    () => () => {
      socketRef.current?.disconnect();
      socketRef.current = null;
    },
    [],
  );
  return <SocketContext.Provider value={hubRef.current}>{children}</SocketContext.Provider>;
}

/** The tab's shared socket (null during the server render and the first client render). */
export function useSocket(): { socket: ClientSocket | null; connected: boolean } {
  const hub = useContext(SocketContext);
  const [socket, setSocket] = useState<ClientSocket | null>(null);
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    if (!hub) throw new Error("useSocket needs a SocketProvider (root.tsx)");
    const s = hub.acquire();
    const onConnect = () => setConnected(true);
    const onDisconnect = () => setConnected(false);
    s.on("connect", onConnect);
    s.on("disconnect", onDisconnect);
    setSocket(s);
    setConnected(s.connected);
    return () => {
      s.off("connect", onConnect);
      s.off("disconnect", onDisconnect);
    };
  }, [hub]);
  return { socket, connected };
}

/**
 * Sends one acknowledged event and resolves with the ack, or with a `timeout`
 * failure when none arrives in time (the socket.io client buffers while disconnected).
 */
export async function emitAck<E extends keyof ClientToServerEvents>(
  socket: ClientSocket,
  event: E,
  payload: Parameters<ClientToServerEvents[E]>[0],
): Promise<AckResponse<AckDataOf<E>>> {
  try {
    // socket.io's emitWithAck types cannot follow a generic event name; the signature above is the contract.
    const timed = socket.timeout(ACK_TIMEOUT_MS) as unknown as { emitWithAck(e: E, p: unknown): Promise<AckResponse<AckDataOf<E>>> };
    return await timed.emitWithAck(event, payload);
  } catch {
    return { ok: false, error: "internal", reason: "timeout", key: "qa.errors.timeout" };
  }
}

/** Live count of unique remote participants; joins the room again after every reconnect. */
export function usePresence(dialogueId: number): { count: number | null; connected: boolean } {
  const { socket, connected } = useSocket();
  const [count, setCount] = useState<number | null>(null);
  useEffect(() => {
    if (!socket) return;
    const join = () => {
      socket.emit("presence:join", { dialogueId }, (res) => {
        if (res.ok) setCount(res.data.remote);
      });
    };
    const onCount = (p: PresenceCount) => {
      if (p.dialogueId === dialogueId) setCount(p.remote);
    };
    socket.on("connect", join);
    socket.on("presence:count", onCount);
    if (socket.connected) join();
    return () => {
      socket.off("connect", join);
      socket.off("presence:count", onCount);
      if (socket.connected) socket.emit("presence:leave", { dialogueId });
    };
  }, [socket, dialogueId]);
  return { count, connected };
}
