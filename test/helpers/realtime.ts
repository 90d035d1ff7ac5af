import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import pino from "pino";
import { io as ioClient, type Socket } from "socket.io-client";
import type { DB } from "../../db/connection";
import { attachRealtime } from "~/realtime/server.server";
import type { ClientToServerEvents, ServerToClientEvents } from "~/realtime/events";
import type { TryggveServer } from "~/realtime/publisher.server";
import { testConfig } from "./context";

export type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
export type Res<T> = { ok: true; data: T } | { ok: false; error: string; message?: string };

/** A real socket.io server (the app's handshake and handlers) on 127.0.0.1 port 0. */
export async function startRealtime(db: DB) {
  const server = http.createServer();
  const io: TryggveServer = attachRealtime(server, { db, config: testConfig(), logger: pino({ level: "silent" }) });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clients: Client[] = [];

  /** A client with the given headers (origin defaults to the server's); rejects on connect_error. */
  async function connect(headers: Record<string, string>, opts: { reconnection?: boolean } = {}): Promise<Client> {
    const socket: Client = ioClient(url, {
      transports: ["websocket"],
      extraHeaders: { origin: url, ...headers },
      reconnection: opts.reconnection ?? false,
      reconnectionDelay: 50,
      forceNew: true,
    });
    clients.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", () => resolve());
      socket.once("connect_error", reject);
    });
    return socket;
  }

  return {
    io,
    url,
    connect,
    /** A resident device: only the participant cookie. */
    resident: (pid: string = crypto.randomUUID()) => connect({ cookie: `tryggve_pid=${pid}` }),
    async close() {
      for (const c of clients) c.close();
      await new Promise<void>((r) => io.close(() => r()));
    },
  };
}

/** Emits an event with an ack; payloads are deliberately untyped so tests can send malformed ones. */
export function call<T>(socket: Client, event: string, payload: unknown): Promise<Res<T>> {
  return new Promise((resolve) => (socket as unknown as { emit: (e: string, p: unknown, a: (r: Res<T>) => void) => void }).emit(event, payload, resolve));
}

export function nextEvent<T>(socket: Client, name: string, timeoutMs = 3000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${name} within ${timeoutMs} ms`)), timeoutMs);
    (socket as unknown as { once: (e: string, f: (p: T) => void) => void }).once(name, (p: T) => {
      clearTimeout(timer);
      resolve(p);
    });
  });
}
