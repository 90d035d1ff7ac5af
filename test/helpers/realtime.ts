import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import pino from "pino";
import { io as ioClient, type Socket } from "socket.io-client";
import type { DB } from "../../db/connection";
import { systemClock, type Clock } from "~/clock";
import { attachRealtime } from "~/realtime/server.server";
import type { ClientToServerEvents, ServerToClientEvents, WhoAmI } from "~/realtime/events";
import type { TryggveServer } from "~/realtime/publisher.server";
import { testConfig } from "./context";

export type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
export type Res<T> = { ok: true; data: T } | { ok: false; error: string; message?: string };

/**
 * A real socket.io server (the app's handshake and handlers) on 127.0.0.1 port 0.
 * `clock` is the app clock the handlers read (the system clock by default).
 */
export async function startRealtime(db: DB, opts: { clock?: Clock } = {}) {
  const server = http.createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // PUBLIC_URL is this server's own address, so the Origin check lets the helper's clients in.
  // A plain object rather than a literal: the handlers' deps take `clock` as they come to read it.
  const deps = { db, config: testConfig({ PUBLIC_URL: url }), logger: pino({ level: "silent" }), clock: opts.clock ?? systemClock };
  const io: TryggveServer = attachRealtime(server, deps);
  const clients: Client[] = [];

  /**
   * A client with the given headers; rejects on connect_error. The Origin header is the server's
   * own unless `headers` names another, or `origin: false` leaves it out (a non-browser client).
   */
  async function connect(headers: Record<string, string>, opts: { reconnection?: boolean; origin?: boolean } = {}): Promise<Client> {
    const socket: Client = ioClient(url, {
      transports: ["websocket"],
      extraHeaders: opts.origin === false ? headers : { origin: url, ...headers },
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

/** Who the server thinks this socket is (staff role from the cookie session, or a participant). */
export function whoami(socket: Client): Promise<WhoAmI> {
  return new Promise((resolve, reject) => socket.emit("whoami", (res) => (res.ok ? resolve(res.data) : reject(new Error(res.error)))));
}

/**
 * Resolves with the next `name` event on `socket` (the first one `where` accepts), or rejects
 * after `timeoutMs`. Start it before the action that causes the event, then await it.
 */
export function nextEvent<T>(socket: Client, name: string, opts: number | { timeoutMs?: number; where?: (payload: T) => boolean } = {}): Promise<T> {
  const { timeoutMs = 3000, where = () => true } = typeof opts === "number" ? { timeoutMs: opts } : opts;
  const s = socket as unknown as { on: (e: string, f: (p: T) => void) => void; off: (e: string, f: (p: T) => void) => void };
  return new Promise((resolve, reject) => {
    const handler = (p: T) => {
      if (!where(p)) return;
      clearTimeout(timer);
      s.off(name, handler);
      resolve(p);
    };
    const timer = setTimeout(() => {
      s.off(name, handler);
      reject(new Error(`no matching ${name} within ${timeoutMs} ms`));
    }, timeoutMs);
    s.on(name, handler);
  });
}

/** Every `name` event `socket` receives from now on, in order (for asserting what did or did not arrive). */
export function recordEvents<T>(socket: Client, name: string): T[] {
  const seen: T[] = [];
  (socket as unknown as { on: (e: string, f: (p: T) => void) => void }).on(name, (p: T) => seen.push(p));
  return seen;
}
