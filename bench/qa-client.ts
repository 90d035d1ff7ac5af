/**
 * Load-generator worker for bench/qa.ts: holds a share of the simulated attendees
 * (socket.io-client sockets on the websocket transport, or plain `ws` sockets for
 * the raw baseline) and answers the parent's IPC requests {id, cmd, ...} with {id, ok, data}.
 *
 * Every timestamp is performance.timeOrigin + performance.now() (ms, sub-ms
 * resolution), comparable across processes on the same machine.
 */
import crypto from "node:crypto";
import { performance } from "node:perf_hooks";
import { io as ioClient, type Socket } from "socket.io-client";
import WebSocket from "ws";

const now = () => performance.timeOrigin + performance.now();

interface Attendee {
  kind: "sio" | "raw";
  sio?: Socket;
  ws?: WebSocket;
  participantId: string;
  joined: boolean;
}

const attendees: Attendee[] = [];
/** Receive timestamps per broadcast key (question id for socket.io, `key` for raw). */
const received = new Map<number, number[]>();
const waiters = new Set<() => void>();
let elu = performance.eventLoopUtilization();

function record(key: number, t: number) {
  let list = received.get(key);
  if (!list) received.set(key, (list = []));
  list.push(t);
  for (const w of waiters) w();
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface ConnectOpts {
  mode: "sio" | "raw";
  url: string;
  count: number;
  /** Attendees started per second (join storm); when absent, `concurrency` at a time as fast as possible. */
  ratePerSec?: number;
  concurrency?: number;
  dialogueId?: number;
  timeoutMs: number;
}

interface ConnectOutcome {
  ok: boolean;
  connectMs: number | null;
  joinedMs: number | null;
  error: string | null;
}

let addresses = 0;
/** A distinct made-up client address per attendee (10.0.0.0/8). */
function benchAddress(): string {
  addresses += 1;
  return `10.${(addresses >> 16) & 255}.${(addresses >> 8) & 255}.${addresses & 255}`;
}

function connectOne(opts: ConnectOpts): Promise<ConnectOutcome> {
  const start = now();
  const participantId = crypto.randomUUID();
  return new Promise((resolve) => {
    let settled = false;
    const done = (o: ConnectOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(o);
    };
    const timer = setTimeout(() => done({ ok: false, connectMs: null, joinedMs: null, error: "timeout" }), opts.timeoutMs);

    if (opts.mode === "raw") {
      const ws = new WebSocket(opts.url.replace(/^http/, "ws"), { perMessageDeflate: false, headers: { origin: opts.url } });
      const a: Attendee = { kind: "raw", ws, participantId, joined: false };
      ws.on("message", (data) => {
        const t = now();
        const msg = JSON.parse(String(data)) as { key: number };
        record(msg.key, t);
      });
      ws.on("open", () => {
        a.joined = true;
        attendees.push(a);
        const ms = now() - start;
        done({ ok: true, connectMs: ms, joinedMs: ms, error: null });
      });
      ws.on("error", (err) => done({ ok: false, connectMs: null, joinedMs: null, error: String(err.message) }));
      return;
    }

    const sio = ioClient(opts.url, {
      transports: ["websocket"],
      // Each attendee from its own address (the server trusts X-Forwarded-For here): the bench measures
      // fan-out, not the per-IP budgets a real room of thousands behind one address would meet.
      extraHeaders: { cookie: `tryggve_pid=${participantId}`, origin: opts.url, "x-forwarded-for": benchAddress() },
      reconnection: false,
      forceNew: true,
      timeout: opts.timeoutMs,
    });
    const a: Attendee = { kind: "sio", sio, participantId, joined: false };
    sio.on("qa:event", (event: { type: string; question?: { id: number } }) => {
      const t = now();
      if (event.type === "upsert" && event.question) record(event.question.id, t);
    });
    sio.once("connect_error", (err) => done({ ok: false, connectMs: null, joinedMs: null, error: `connect_error: ${err.message}` }));
    sio.once("connect", () => {
      const connectMs = now() - start;
      attendees.push(a);
      sio.emit("qa:join", { dialogueId: opts.dialogueId }, (res: { ok: boolean; error?: string }) => {
        if (!res?.ok) return done({ ok: false, connectMs, joinedMs: null, error: `join: ${res?.error}` });
        a.joined = true;
        done({ ok: true, connectMs, joinedMs: now() - start, error: null });
      });
    });
  });
}

async function connectMany(opts: ConnectOpts): Promise<ConnectOutcome[]> {
  const outcomes: Promise<ConnectOutcome>[] = [];
  if (opts.ratePerSec) {
    // Open-loop pacing: attendee i starts at i / rate seconds whether or not earlier ones finished.
    const t0 = now();
    for (let i = 0; i < opts.count; i++) {
      const due = t0 + (i * 1000) / opts.ratePerSec;
      const wait = due - now();
      if (wait > 1) await sleep(wait);
      outcomes.push(connectOne(opts));
    }
    return Promise.all(outcomes);
  }
  const concurrency = opts.concurrency ?? 100;
  const results: ConnectOutcome[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, opts.count) }, async () => {
      while (next < opts.count) {
        next++;
        results.push(await connectOne(opts));
      }
    }),
  );
  return results;
}

const handlers: Record<string, (msg: Record<string, unknown>) => unknown> = {
  connect: async (msg) => {
    const outcomes = await connectMany(msg as unknown as ConnectOpts);
    const errors: Record<string, number> = {};
    for (const o of outcomes) if (!o.ok) errors[o.error ?? "?"] = (errors[o.error ?? "?"] ?? 0) + 1;
    return {
      attempted: outcomes.length,
      ok: outcomes.filter((o) => o.ok).length,
      connectMs: outcomes.filter((o) => o.connectMs !== null).map((o) => o.connectMs),
      joinedMs: outcomes.filter((o) => o.joinedMs !== null).map((o) => o.joinedMs),
      errors,
    };
  },

  /** Resolves with the receive timestamps once `expected` attendees got broadcast `key`, or at the timeout. */
  await: async (msg) => {
    const key = Number(msg.key);
    const expected = attendees.filter((a) => a.joined).length;
    const deadline = now() + Number(msg.timeoutMs ?? 10_000);
    await new Promise<void>((resolve) => {
      const check = () => {
        if ((received.get(key)?.length ?? 0) >= expected || now() >= deadline) {
          waiters.delete(check);
          clearInterval(tick);
          resolve();
        }
      };
      const tick = setInterval(check, 50);
      waiters.add(check);
      check();
    });
    const times = received.get(key) ?? [];
    received.delete(key);
    return { expected, times };
  },

  /** Every joined attendee votes once, at a uniformly random moment within `windowMs`. */
  vote: async (msg) => {
    const windowMs = Number(msg.windowMs);
    const voters = attendees.filter((a) => a.joined && a.sio);
    const results = await Promise.all(
      voters.map(
        (a) =>
          new Promise<{ ok: boolean; ms: number; error: string | null; sentAt: number }>((resolve) => {
            setTimeout(() => {
              const sentAt = now();
              a.sio!.timeout(15_000).emit(
                "qa:vote",
                { dialogueId: Number(msg.dialogueId), questionId: Number(msg.questionId), voted: true },
                (err: Error | null, res: { ok: boolean; error?: string }) => {
                  const ms = now() - sentAt;
                  if (err) return resolve({ ok: false, ms, error: "ack timeout", sentAt });
                  resolve({ ok: !!res?.ok, ms, error: res?.ok ? null : String(res?.error), sentAt });
                },
              );
            }, Math.random() * windowMs);
          }),
      ),
    );
    const errors: Record<string, number> = {};
    for (const r of results) if (!r.ok) errors[r.error ?? "?"] = (errors[r.error ?? "?"] ?? 0) + 1;
    return {
      sent: results.length,
      acked: results.filter((r) => r.ok).length,
      ackMs: results.filter((r) => r.ok).map((r) => r.ms),
      firstSent: Math.min(...results.map((r) => r.sentAt)),
      lastSent: Math.max(...results.map((r) => r.sentAt)),
      errors,
    };
  },

  /**
   * Poll storm: every joined attendee joins the dialogue's polls, then answers the poll once at a
   * uniformly random moment within `windowMs` (issue 15). Counts the `poll:results` each receives.
   */
  pollAnswer: async (msg) => {
    const windowMs = Number(msg.windowMs);
    const dialogueId = Number(msg.dialogueId);
    const pollId = Number(msg.pollId);
    const voters = attendees.filter((a) => a.joined && a.sio);
    let resultsReceived = 0;
    const onResults = () => void (resultsReceived += 1);
    await Promise.all(
      voters.map(
        (a) =>
          new Promise<void>((resolve) => {
            a.sio!.on("poll:results", onResults);
            a.sio!.timeout(15_000).emit("poll:join", { dialogueId }, () => resolve());
          }),
      ),
    );
    const results = await Promise.all(
      voters.map(
        (a, i) =>
          new Promise<{ ok: boolean; ms: number; error: string | null; sentAt: number }>((resolve) => {
            setTimeout(() => {
              const sentAt = now();
              a.sio!.timeout(15_000).emit(
                "poll:answer",
                { dialogueId, pollId, choices: [i % 5], idempotencyKey: crypto.randomUUID() },
                (err: Error | null, res: { ok: boolean; error?: string; reason?: string }) => {
                  const ms = now() - sentAt;
                  if (err) return resolve({ ok: false, ms, error: "ack timeout", sentAt });
                  resolve({ ok: !!res?.ok, ms, error: res?.ok ? null : String(res?.reason ?? res?.error), sentAt });
                },
              );
            }, Math.random() * windowMs);
          }),
      ),
    );
    await sleep(600); // the trailing coalesced results
    for (const a of voters) a.sio!.off("poll:results", onResults);
    const errors: Record<string, number> = {};
    for (const r of results) if (!r.ok) errors[r.error ?? "?"] = (errors[r.error ?? "?"] ?? 0) + 1;
    return {
      sent: results.length,
      acked: results.filter((r) => r.ok).length,
      ackMs: results.filter((r) => r.ok).map((r) => r.ms),
      firstSent: Math.min(...results.map((r) => r.sentAt)),
      lastSent: Math.max(...results.map((r) => r.sentAt)),
      resultsPerAttendee: voters.length ? resultsReceived / voters.length : 0,
      errors,
    };
  },

  elu: (msg) => {
    const u = performance.eventLoopUtilization(elu).utilization;
    if (msg.reset) elu = performance.eventLoopUtilization();
    return u;
  },

  count: () => attendees.filter((a) => a.joined).length,

  close: async () => {
    for (const a of attendees.splice(0)) {
      a.sio?.close();
      a.ws?.terminate();
    }
    received.clear();
    await sleep(200);
    return true;
  },

  exit: () => {
    setTimeout(() => process.exit(0), 20);
    return true;
  },
};

process.on("message", async (raw) => {
  const msg = raw as { id: number; cmd: string } & Record<string, unknown>;
  try {
    const handler = handlers[msg.cmd];
    if (!handler) throw new Error(`unknown command ${msg.cmd}`);
    process.send!({ id: msg.id, ok: true, data: await handler(msg) });
  } catch (err) {
    process.send!({ id: msg.id, ok: false, error: String(err instanceof Error ? err.stack : err) });
  }
});
process.on("disconnect", () => process.exit(0));
process.send!({ type: "ready", pid: process.pid });
