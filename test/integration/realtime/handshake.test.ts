import http from "node:http";
import type { AddressInfo } from "node:net";
import pino from "pino";
import { io as ioClient, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../../db/connection";
import { attachRealtime } from "~/realtime/server.server";
import type { ClientToServerEvents, ServerToClientEvents, WhoAmI } from "~/realtime/events";
import type { TryggveServer } from "~/realtime/publisher.server";
import { createTestDb } from "../../helpers/db";
import { makeStaff } from "../../helpers/factories";
import { staffCookie, testConfig } from "../../helpers/context";

let db: DB;
let server: http.Server;
let io: TryggveServer;
let url: string;
const clients: Socket[] = [];

beforeAll(async () => {
  db = await createTestDb();
  server = http.createServer();
  io = attachRealtime(server, { db, config: testConfig(), logger: pino({ level: "silent" }) });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const c of clients) c.close();
  await new Promise<void>((r) => io.close(() => r()));
  await db.destroy();
});

function connect(headers: Record<string, string>): Socket<ServerToClientEvents, ClientToServerEvents> {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = ioClient(url, {
    transports: ["websocket"],
    extraHeaders: headers,
    reconnection: false,
    forceNew: true,
  });
  clients.push(socket);
  return socket;
}

function connected(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", (err) => reject(err));
  });
}

function whoami(socket: Socket<ServerToClientEvents, ClientToServerEvents>): Promise<WhoAmI> {
  return new Promise((resolve, reject) => socket.emit("whoami", (res) => (res.ok ? resolve(res.data) : reject(new Error(res.error)))));
}

describe("socket handshake", () => {
  it("gives a signed-in staff socket its role from the page session cookie", async () => {
    const staff = await makeStaff(db, { role: "moderator" });
    const { cookie } = await staffCookie(db, staff.id);
    const socket = connect({ cookie, origin: url });
    await connected(socket);
    const me = await whoami(socket);
    expect(me.staff).toEqual({ id: staff.id, role: "moderator", organisationId: null });
  });

  it("lets a resident connect anonymously, identified only by the participant cookie", async () => {
    const socket = connect({ cookie: "tryggve_pid=5f0c3a52-3d1e-4f7a-9a4b-2f7a1c9e8d10", origin: url });
    await connected(socket);
    expect(await whoami(socket)).toEqual({ staff: null, participant: true });
  });

  it("rejects a forged session cookie", async () => {
    const forged = "tryggve_staff=" + Buffer.from(JSON.stringify("guess")).toString("base64") + ".forged";
    const socket = connect({ cookie: forged, origin: url });
    await expect(connected(socket)).rejects.toThrow(/invalid_session/);
  });

  it("rejects a handshake from a foreign Origin", async () => {
    const socket = connect({ origin: "https://evil.example" });
    await expect(connected(socket)).rejects.toThrow();
    expect(socket.connected).toBe(false);
  });

  it("notices a sign-out that happened after the handshake", async () => {
    const staff = await makeStaff(db, { role: "admin" });
    const { cookie } = await staffCookie(db, staff.id);
    const socket = connect({ cookie, origin: url });
    await connected(socket);
    expect((await whoami(socket)).staff?.role).toBe("admin");
    await db.deleteFrom("staff_sessions").where("staff_id", "=", staff.id).execute();
    expect((await whoami(socket)).staff).toBeNull();
  });
});
