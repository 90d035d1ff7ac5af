/**
 * Server side of the Q&A benchmark (bench/qa.ts), run as a child process so the
 * load generator never shares this event loop.
 *
 *   node --import tsx --expose-gc bench/qa-server.ts tryggve   real realtime stack, temp SQLite file
 *   node --import tsx --expose-gc bench/qa-server.ts raw       minimal `ws` broadcast server (the baseline)
 *
 * Talks to the parent over IPC only: it sends {type:"ready", ...} once listening,
 * then answers requests {id, cmd, ...} with {id, ok, data}.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";

const mode = process.argv[2] === "raw" ? "raw" : "tryggve";
const now = () => performance.timeOrigin + performance.now();
const cpuSince = (start: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000;
};

type Handler = (msg: Record<string, unknown>) => Promise<unknown> | unknown;
const handlers: Record<string, Handler> = {};

// Event-loop delay, sampled every 1 ms (the histogram's own resolution); reset per phase by the parent.
const eld = monitorEventLoopDelay({ resolution: 1 });
eld.enable();
let elu = performance.eventLoopUtilization();

handlers.stats = (msg) => {
  const data = {
    eldP50Ms: eld.percentile(50) / 1e6,
    eldP99Ms: eld.percentile(99) / 1e6,
    eldMaxMs: eld.max / 1e6,
    elu: performance.eventLoopUtilization(elu).utilization,
  };
  if (msg.reset) {
    eld.reset();
    elu = performance.eventLoopUtilization();
  }
  return data;
};

handlers.mem = async () => {
  const gc = (globalThis as { gc?: () => void }).gc;
  // Several passes with a pause: sockets free buffers in finalizers and timers.
  for (let i = 0; i < 3; i++) {
    gc?.();
    await new Promise((r) => setTimeout(r, 100));
  }
  const m = process.memoryUsage();
  return { gcExposed: typeof gc === "function", rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external, arrayBuffers: m.arrayBuffers };
};

handlers.exit = () => {
  setTimeout(() => process.exit(0), 50);
  return true;
};

async function startTryggve() {
  const pino = (await import("pino")).default;
  const { createDb } = await import("../db/connection");
  const { migrateToLatest } = await import("../db/migrate");
  const { attachRealtime } = await import("../app/realtime/server.server");
  const { submitQuestion, moderate } = await import("../app/domain/questions/qa.server");
  const { makeStaff } = await import("../test/helpers/factories");
  const { makeQaDialogue } = await import("../test/helpers/qa");
  const { staffCookie, testConfig } = await import("../test/helpers/context");
  const { sql } = await import("kysely");

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tryggve-bench-"));
  const file = path.join(dir, "bench.sqlite");
  const db = createDb(file);
  await migrateToLatest(db);
  const dialogue = await makeQaDialogue(db, "ongoing");
  const moderator = await makeStaff(db, { role: "moderator" });
  const server = http.createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  // The clients send this origin; the Origin check compares it with PUBLIC_URL.
  // TRUST_PROXY: each bench attendee comes from its own X-Forwarded-For address (bench/qa-client.ts).
  const config = testConfig({ PUBLIC_URL: `http://127.0.0.1:${port}`, TRUST_PROXY: "true" });
  const { cookie: moderatorCookie } = await staffCookie(db, moderator.id, config);
  const io = attachRealtime(server, { db, config, logger: pino({ level: "silent" }) });

  // Timestamps of the broadcasts, without touching the server code: wrap the default
  // namespace's adapter. For qa:event, `start` is when the handler hands the event to
  // socket.io (after its transaction and ack), `end` when every frame was handed to the
  // sockets; cpuMs is this process's CPU time inside that synchronous loop (wall >> cpu
  // means the process was waiting for a core). qa:tally broadcasts are summed per phase.
  const broadcasts: Array<{ event: string; questionId: number | null; start: number; end: number; cpuMs: number; recipients: number }> = [];
  const tallyLoops = { count: 0, wallMs: 0, cpuMs: 0 };
  // When each poll:results broadcast went out (the poll storm's coalescing check).
  let pollResultsAt: number[] = [];
  const adapter = io.of("/").adapter as unknown as {
    broadcast: (packet: { data?: unknown[] }, opts: { rooms: Set<string> }) => void;
    rooms: Map<string, Set<string>>;
  };
  const original = adapter.broadcast.bind(adapter);
  adapter.broadcast = (packet, opts) => {
    const name = Array.isArray(packet.data) ? String(packet.data[0]) : "";
    if (name === "poll:results") pollResultsAt.push(now());
    if (name !== "qa:event" && name !== "qa:tally") return original(packet, opts);
    const start = now();
    const cpu = process.cpuUsage();
    original(packet, opts);
    const end = now();
    const cpuMs = cpuSince(cpu);
    if (name === "qa:tally") {
      tallyLoops.count++;
      tallyLoops.wallMs += end - start;
      tallyLoops.cpuMs += cpuMs;
      return;
    }
    const payload = packet.data?.[1] as { question?: { id: number } } | undefined;
    let recipients = 0;
    for (const room of opts.rooms) recipients += adapter.rooms.get(room)?.size ?? 0;
    broadcasts.push({ event: name, questionId: payload?.question?.id ?? null, start, end, cpuMs, recipients });
  };

  // Server-side time of each qa:vote, from the packet's arrival at the socket to its ack
  // (a socket middleware that wraps the ack callback; the handlers are unchanged).
  let voteHandlerMs: number[] = [];
  let pollHandlerMs: number[] = [];
  io.on("connection", (socket) => {
    socket.use((packet, next) => {
      if ((packet[0] === "qa:vote" || packet[0] === "poll:answer") && typeof packet[packet.length - 1] === "function") {
        const arrived = now();
        const ack = packet[packet.length - 1] as (...a: unknown[]) => void;
        const into = packet[0] === "qa:vote" ? voteHandlerMs : pollHandlerMs;
        packet[packet.length - 1] = (...a: unknown[]) => {
          into.push(now() - arrived);
          ack(...a);
        };
      }
      next();
    });
  });
  handlers.voteTimings = () => {
    const out = { voteHandlerMs, tallyLoops: { ...tallyLoops } };
    voteHandlerMs = [];
    tallyLoops.count = tallyLoops.wallMs = tallyLoops.cpuMs = 0;
    return out;
  };

  /** The cost of the per-vote recount (setVote's `select count(*) from question_votes`), timed alone. */
  handlers.recountCost = async (msg) => {
    const questionId = Number(msg.questionId);
    const times: number[] = [];
    for (let i = 0; i < 200; i++) {
      const t = now();
      await sql`select count(*) from question_votes where question_id = ${questionId}`.execute(db);
      times.push(now() - t);
    }
    times.sort((a, b) => a - b);
    return { medianMs: times[100], p95Ms: times[190] };
  };

  /** A waiting question from a fresh participant (the per-participant limit is 3 a minute). */
  handlers.ask = async (msg) => {
    const result = await submitQuestion(db, {
      dialogueId: dialogue.id,
      text: String(msg.text ?? `Benchmarkfråga ${crypto.randomUUID()}: när lagas belysningen i gångtunneln?`),
      displayName: null,
      idempotencyKey: crypto.randomUUID(),
      participantId: crypto.randomUUID(),
    });
    if (!result.ok) throw new Error(`submit failed: ${result.error}`);
    return { questionId: result.questionId };
  };

  /** Approves directly (no broadcast) - to set up the vote storm's published question. */
  handlers.approveQuiet = async (msg) => {
    const result = await moderate(
      db,
      { id: moderator.id, email: moderator.email },
      { action: "approve", dialogueId: dialogue.id, questionId: Number(msg.questionId) },
      null,
    );
    if (!result.ok) throw new Error(`approve failed: ${result.error}`);
    return true;
  };

  handlers.broadcasts = (msg) => {
    const found = broadcasts.filter((b) => b.questionId === Number(msg.questionId));
    return found;
  };

  handlers.tally = async (msg) => {
    const questionId = Number(msg.questionId);
    const q = await db.selectFrom("questions").select("vote_count").where("id", "=", questionId).executeTakeFirstOrThrow();
    const rows = await sql<{
      n: number;
      distinct_n: number;
    }>`select count(*) as n, count(distinct participant_id) as distinct_n from question_votes where question_id = ${questionId}`.execute(db);
    return { voteCount: q.vote_count, rows: rows.rows[0].n, distinctParticipants: rows.rows[0].distinct_n };
  };

  handlers.sockets = () => io.engine.clientsCount;

  /** An open, revealed 1-5 scale poll for the poll storm (issue 15), created through the domain. */
  handlers.preparePoll = async () => {
    const { createPoll, controlPoll } = await import("../app/domain/polls/polls.server");
    const created = await createPoll(db, moderator, { dialogueId: dialogue.id, kind: "scale", question: "Hur trygg känner du dig här?", options: [] });
    if (!created.ok) throw new Error(`create poll failed: ${created.error}`);
    for (const action of ["open", "reveal"] as const) {
      const r = await controlPoll(db, moderator, { dialogueId: dialogue.id, pollId: created.pollId, action }, null);
      if (!r.ok) throw new Error(`${action} poll failed: ${r.error}`);
    }
    pollResultsAt = [];
    pollHandlerMs = [];
    return { pollId: created.pollId };
  };

  handlers.pollTimings = () => {
    const out = { pollHandlerMs, pollResultsAt };
    pollHandlerMs = [];
    pollResultsAt = [];
    return out;
  };

  /** Stored answers of the poll: rows, distinct devices, and chosen options (one each on a scale). */
  handlers.pollCount = async (msg) => {
    const pollId = Number(msg.pollId);
    const rows = await sql<{
      n: number;
      distinct_n: number;
    }>`select count(*) as n, count(distinct participant_id) as distinct_n from poll_answers where poll_id = ${pollId}`.execute(db);
    const choices = await sql<{ n: number }>`select count(*) as n from poll_answer_choices where poll_id = ${pollId}`.execute(db);
    return { rows: rows.rows[0].n, distinctParticipants: rows.rows[0].distinct_n, choices: choices.rows[0].n };
  };

  handlers.exit = async () => {
    io.close();
    await db.destroy().catch(() => {});
    fs.rmSync(dir, { recursive: true, force: true });
    setTimeout(() => process.exit(0), 50);
    return true;
  };

  return { port, dialogueId: dialogue.id, moderatorCookie };
}

async function startRaw() {
  const { WebSocketServer, WebSocket } = await import("ws");
  const server = http.createServer();
  // The same frame limit as socket.io's maxHttpBufferSize; no per-message compression (socket.io's default is off too).
  const wss = new WebSocketServer({ server, maxPayload: 64 * 1024, perMessageDeflate: false });
  wss.on("connection", (ws) => ws.on("error", () => {}));
  handlers.broadcast = (msg) => {
    const start = now();
    const cpu = process.cpuUsage();
    // What a minimal hand-rolled broadcast does: serialise once, send to every open socket.
    const text = JSON.stringify(msg.payload);
    let recipients = 0;
    for (const client of wss.clients) {
      if (client.readyState === WebSocket.OPEN) {
        client.send(text);
        recipients++;
      }
    }
    return { key: Number((msg.payload as { key: number }).key), start, end: now(), cpuMs: cpuSince(cpu), recipients };
  };
  handlers.sockets = () => wss.clients.size;
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { port: (server.address() as AddressInfo).port };
}

process.on("message", async (raw) => {
  const msg = raw as { id: number; cmd: string } & Record<string, unknown>;
  const handler = handlers[msg.cmd];
  try {
    if (!handler) throw new Error(`unknown command ${msg.cmd}`);
    const data = await handler(msg);
    process.send!({ id: msg.id, ok: true, data });
  } catch (err) {
    process.send!({ id: msg.id, ok: false, error: String(err instanceof Error ? err.stack : err) });
  }
});
process.on("disconnect", () => process.exit(0));

const info = mode === "raw" ? await startRaw() : await startTryggve();
process.send!({ type: "ready", mode, pid: process.pid, ...info });
