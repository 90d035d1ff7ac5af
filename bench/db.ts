/**
 * `npm run bench:db`: the project's own data code against the raw driver, on SQLite and on
 * PostgreSQL, in one run. Three workloads:
 *
 * - insert: one audit entry (logAudit) vs. a prepared INSERT (better-sqlite3 statement / pg
 *   named prepared query);
 * - point read: a registration by its cancel token (findByToken, a unique index) vs. a prepared
 *   SELECT;
 * - vote: setVote (lock the question, insert the vote, recount, one transaction) vs. the same
 *   statements through the raw driver, all on one question (the hot case: they queue on its row
 *   lock) and spread over BENCH_SPREAD questions (default 100). On PostgreSQL with BENCH_CONCURRENCY transactions at once
 *   (default 8; SQLite runs one at a time whatever is asked).
 *
 * SQLite is a temporary file (WAL, synchronous=NORMAL, as in production); PostgreSQL a throwaway
 * server from scripts/postgres.mjs (fsync off: it measures the code, not the disk). Writes
 * bench/results/db.json (BENCH_OUT) and prints a table; docs/performance.md quotes it.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type SQLite from "better-sqlite3";
import type pg from "pg";
import { createDb, pgPool, sqliteHandle, type DB } from "../db/connection";
import { migrateToLatest } from "../db/migrate";
import { logAudit } from "../app/domain/audit/audit.server";
import { findByToken } from "../app/domain/dialogues/registrations.server";
import { setVote, submitQuestion } from "../app/domain/questions/qa.server";
import { makeQaDialogue } from "../test/helpers/qa";
import { startPostgres } from "../scripts/postgres.mjs";

const N = Number(process.env.BENCH_N ?? 3000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const OUT = process.env.BENCH_OUT ?? "bench/results/db.json";
const SPREAD = Number(process.env.BENCH_SPREAD ?? 100);

type Result = { backend: string; workload: string; impl: "tryggve" | "raw"; n: number; concurrency: number; ms: number; perSecond: number };

/** Runs `fn(i)` n times, at most `concurrency` at once; returns ms. */
async function timed(n: number, concurrency: number, fn: (i: number) => Promise<unknown> | unknown): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) await fn(next++);
    }),
  );
  return performance.now() - t0;
}

const sha256 = (s: string) => crypto.createHash("sha256").update(s).digest("hex");

async function fixture(db: DB) {
  await migrateToLatest(db);
  const dialogue = await makeQaDialogue(db, "ongoing");
  const asked = await submitQuestion(db, {
    dialogueId: dialogue.id,
    participantId: crypto.randomUUID(),
    text: "Bänkfråga",
    displayName: null,
    idempotencyKey: crypto.randomUUID(),
  });
  if (!asked.ok) throw new Error("ask failed");
  await db.updateTable("questions").set({ status: "approved" }).where("id", "=", asked.questionId).execute();
  // SPREAD questions for votes spread out (a live dialogue's board), beside the one hot question.
  const spread: number[] = [];
  for (let i = 0; i < SPREAD; i++) {
    const q = await submitQuestion(db, {
      dialogueId: dialogue.id,
      participantId: crypto.randomUUID(),
      text: `Fråga ${i}`,
      displayName: null,
      idempotencyKey: crypto.randomUUID(),
    });
    if (!q.ok) throw new Error("ask failed");
    spread.push(q.questionId);
  }
  await db.updateTable("questions").set({ status: "approved" }).where("dialogue_id", "=", dialogue.id).execute();
  // Registrations to read back by token.
  const tokens = Array.from({ length: 500 }, () => crypto.randomBytes(24).toString("base64url"));
  for (const token of tokens) {
    await db
      .insertInto("dialogue_registrations")
      .values({
        dialogue_id: dialogue.id,
        mode: "remote",
        status: "confirmed",
        cancel_token_hash: sha256(token),
        delete_after: new Date().toISOString(),
        created_at: new Date().toISOString(),
      })
      .execute();
  }
  return { dialogueId: dialogue.id, questionId: asked.questionId, spread, tokens };
}

const entry = (i: number) => ({
  actor: { id: null, email: "bench@example.org" },
  action: "bench.insert",
  targetType: "bench",
  targetId: i,
  details: { i },
  ip: "127.0.0.1",
});

async function benchSqlite(results: Result[]) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "tryggve-bench-")), "bench.sqlite");
  const db = createDb(file);
  const f = await fixture(db);
  const raw: SQLite.Database = sqliteHandle(db)!;
  const push = (workload: string, impl: Result["impl"], ms: number) =>
    results.push({ backend: "sqlite", workload, impl, n: N, concurrency: 1, ms: Math.round(ms), perSecond: Math.round((N / ms) * 1000) });

  push("insert", "tryggve", await timed(N, 1, (i) => logAudit(db, entry(i))));
  const ins = raw.prepare(
    "insert into audit_log (at, actor_staff_id, actor_email, action, target_type, target_id, details, ip) values (?, ?, ?, ?, ?, ?, ?, ?)",
  );
  push(
    "insert",
    "raw",
    await timed(N, 1, (i) =>
      ins.run(new Date().toISOString(), null, "bench@example.org", "bench.insert", "bench", String(i), JSON.stringify({ i }), "127.0.0.1"),
    ),
  );

  push("point read", "tryggve", await timed(N, 1, (i) => findByToken(db, f.tokens[i % f.tokens.length]!)));
  const sel = raw.prepare("select id, dialogue_id, mode, status from dialogue_registrations where cancel_token_hash = ?");
  push("point read", "raw", await timed(N, 1, (i) => sel.get(sha256(f.tokens[i % f.tokens.length]!))));

  push(
    "vote",
    "tryggve",
    await timed(N, 1, () => setVote(db, { dialogueId: f.dialogueId, questionId: f.questionId, voted: true, participantId: crypto.randomUUID() })),
  );
  const lock = raw.prepare("update questions set id = id where id = ?");
  const q = raw.prepare("select id, dialogue_id, status from questions where id = ?");
  const vote = raw.prepare("insert into question_votes (question_id, participant_id, created_at) values (?, ?, ?) on conflict do nothing");
  const recount = raw.prepare(
    "update questions set vote_count = (select count(*) from question_votes where question_id = ?) where id = ? returning vote_count",
  );
  const tx = raw.transaction((questionId: number, participantId: string) => {
    lock.run(questionId);
    q.get(questionId);
    vote.run(questionId, participantId, new Date().toISOString());
    return recount.get(questionId, questionId);
  });
  push("vote", "raw", await timed(N, 1, () => tx.immediate(f.questionId, crypto.randomUUID())));
  push(
    "vote, spread",
    "tryggve",
    await timed(N, 1, (i) => setVote(db, { dialogueId: f.dialogueId, questionId: f.spread[i % SPREAD]!, voted: true, participantId: crypto.randomUUID() })),
  );
  push("vote, spread", "raw", await timed(N, 1, (i) => tx.immediate(f.spread[i % SPREAD]!, crypto.randomUUID())));
  await db.destroy();
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
}

async function benchPostgres(results: Result[]) {
  const server = await startPostgres();
  try {
    const db = createDb(server.url, { poolMax: Math.max(CONCURRENCY, 2) });
    const f = await fixture(db);
    const pool: pg.Pool = pgPool(db)!;
    const push = (workload: string, impl: Result["impl"], ms: number, concurrency = 1) =>
      results.push({ backend: "postgres", workload, impl, n: N, concurrency, ms: Math.round(ms), perSecond: Math.round((N / ms) * 1000) });

    push("insert", "tryggve", await timed(N, 1, (i) => logAudit(db, entry(i))));
    push(
      "insert",
      "raw",
      await timed(N, 1, (i) =>
        pool.query({
          name: "bench-insert",
          text: "insert into audit_log (at, actor_staff_id, actor_email, action, target_type, target_id, details, ip) values ($1, $2, $3, $4, $5, $6, $7, $8)",
          values: [new Date().toISOString(), null, "bench@example.org", "bench.insert", "bench", String(i), JSON.stringify({ i }), "127.0.0.1"],
        }),
      ),
    );

    push("point read", "tryggve", await timed(N, 1, (i) => findByToken(db, f.tokens[i % f.tokens.length]!)));
    push(
      "point read",
      "raw",
      await timed(N, 1, (i) =>
        pool.query({
          name: "bench-read",
          text: "select id, dialogue_id, mode, status from dialogue_registrations where cancel_token_hash = $1",
          values: [sha256(f.tokens[i % f.tokens.length]!)],
        }),
      ),
    );

    push(
      "vote",
      "tryggve",
      await timed(N, CONCURRENCY, () => setVote(db, { dialogueId: f.dialogueId, questionId: f.questionId, voted: true, participantId: crypto.randomUUID() })),
      CONCURRENCY,
    );
    const rawVote = async (questionId: number) => {
      const c = await pool.connect();
      try {
        await c.query("begin");
        await c.query({ name: "bench-lock", text: "update questions set id = id where id = $1", values: [questionId] });
        await c.query({ name: "bench-q", text: "select id, dialogue_id, status from questions where id = $1", values: [questionId] });
        await c.query({
          name: "bench-vote",
          text: "insert into question_votes (question_id, participant_id, created_at) values ($1, $2, $3) on conflict do nothing",
          values: [questionId, crypto.randomUUID(), new Date().toISOString()],
        });
        await c.query({
          name: "bench-recount",
          text: "update questions set vote_count = (select count(*) from question_votes where question_id = $1) where id = $1 returning vote_count",
          values: [questionId],
        });
        await c.query("commit");
      } finally {
        c.release();
      }
    };
    push("vote", "raw", await timed(N, CONCURRENCY, () => rawVote(f.questionId)), CONCURRENCY);
    push(
      "vote, spread",
      "tryggve",
      await timed(N, CONCURRENCY, (i) =>
        setVote(db, { dialogueId: f.dialogueId, questionId: f.spread[i % SPREAD]!, voted: true, participantId: crypto.randomUUID() }),
      ),
      CONCURRENCY,
    );
    push("vote, spread", "raw", await timed(N, CONCURRENCY, (i) => rawVote(f.spread[i % SPREAD]!)), CONCURRENCY);
    await db.destroy();
  } finally {
    server.stop();
  }
}

const results: Result[] = [];
await benchSqlite(results);
await benchPostgres(results);
fs.mkdirSync(path.dirname(OUT), { recursive: true });
const meta = { node: process.version, cpus: os.cpus().length, at: new Date().toISOString(), n: N, concurrency: CONCURRENCY, spread: SPREAD };
fs.writeFileSync(OUT, JSON.stringify({ meta, results }, null, 2) + "\n");

console.log(`\n${N} operations each; votes on one question, or spread over ${SPREAD}; PostgreSQL votes with ${CONCURRENCY} transactions at once\n`);
console.log("| backend | workload | Tryggve /s | raw driver /s | raw ÷ Tryggve |");
console.log("| --- | --- | ---: | ---: | ---: |");
for (const backend of ["sqlite", "postgres"]) {
  for (const workload of ["insert", "point read", "vote", "vote, spread"]) {
    const ours = results.find((r) => r.backend === backend && r.workload === workload && r.impl === "tryggve")!;
    const raw = results.find((r) => r.backend === backend && r.workload === workload && r.impl === "raw")!;
    console.log(`| ${backend} | ${workload} | ${ours.perSecond} | ${raw.perSecond} | ${(raw.perSecond / ours.perSecond).toFixed(2)} |`);
  }
}
console.log(`\nWritten to ${OUT}`);
