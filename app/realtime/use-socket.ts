/**
 * The browser's socket.io client. Created in an effect (never at module
 * scope) so the server render never opens a connection; closed on unmount.
 */
import { useEffect, useState } from "react";
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "~/realtime/events";
import type { PresenceCount } from "~/realtime/presence.events";

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export function useSocket(): { socket: ClientSocket | null; connected: boolean } {
  const [socket, setSocket] = useState<ClientSocket | null>(null);
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    const s: ClientSocket = io({ withCredentials: true, transports: ["websocket", "polling"] });
    const onConnect = () => setConnected(true);
    const onDisconnect = () => setConnected(false);
    s.on("connect", onConnect);
    s.on("disconnect", onDisconnect);
    setSocket(s);
    return () => {
      s.off("connect", onConnect);
      s.off("disconnect", onDisconnect);
      s.disconnect();
      setSocket(null);
    };
  }, []);
  return { socket, connected };
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
