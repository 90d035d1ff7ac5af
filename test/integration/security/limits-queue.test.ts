/**
 * The moderation queue after a flood (docs/security.md "Limits"): with 509 junk questions
 * waiting, the real one asked after them must still reach the moderators. Before, the queue
 * was cut at 500 (selectQueue's limit) with no total and no way on: the 510th question was
 * invisible to every moderator, on the page and over the socket.
 */
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../../db/connection";
import { QUEUE_PAGE_SIZE } from "~/domain/common/rate-budgets";
import { loader as moderationLoader } from "~/routes/personal.dialoger.$id_.fragor";
import { createTestDb } from "../../helpers/db";
import { staffCookie, testContext } from "../../helpers/context";
import { makeStaff } from "../../helpers/factories";
import { makeQaDialogue } from "../../helpers/qa";
import { call, startRealtime } from "../../helpers/realtime";

let db: DB;
let rt: Awaited<ReturnType<typeof startRealtime>>;
let dialogueId: number;
let realId: number;
let cookie: string;

type Page = { total: number; before: number; afterId: number | null; nextAfterId: number | null };
type JoinData = { queue: Array<{ id: number; text: string }>; queuePage: Page };

beforeAll(async () => {
  db = await createTestDb();
  rt = await startRealtime(db);
  dialogueId = (await makeQaDialogue(db, "ongoing")).id;
  const now = new Date().toISOString();
  const junk = Array.from({ length: 509 }, (_, i) => ({
    dialogue_id: dialogueId,
    participant_id: crypto.randomUUID(),
    idempotency_key: crypto.randomUUID(),
    text: `skräp ${i}`,
    flags: "[]",
    created_at: now,
    updated_at: now,
  }));
  for (let i = 0; i < junk.length; i += 100)
    await db
      .insertInto("questions")
      .values(junk.slice(i, i + 100))
      .execute();
  realId = (
    await db
      .insertInto("questions")
      .values({ ...junk[0]!, participant_id: crypto.randomUUID(), idempotency_key: crypto.randomUUID(), text: "Varför är belysningen i tunneln trasig?" })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
  const moderator = await makeStaff(db, { role: "moderator", email: "queue-moderator@example.org" });
  // An enrolled authenticator, so the moderator's session is a full one wherever MFA is required.
  await db.insertInto("staff_mfa").values({ staff_id: moderator.id, secret_enc: "v1.test.test.test", created_at: now, confirmed_at: now }).execute();
  cookie = (await staffCookie(db, moderator.id)).cookie!;
});
afterAll(async () => {
  await rt.close();
  await db.destroy();
});

describe("the moderation queue after 509 junk questions", () => {
  it("over the socket: the first page has the total, and the next page holds the real question", async () => {
    const socket = await rt.connect({ cookie });
    const first = await call<JoinData>(socket, "qa:join", { dialogueId });
    if (!first.ok) throw new Error(first.error);
    expect(first.data.queue).toHaveLength(QUEUE_PAGE_SIZE);
    expect(first.data.queuePage).toMatchObject({ total: 510, before: 0, afterId: null });
    expect(first.data.queue.some((q) => q.id === realId)).toBe(false);
    const next = await call<JoinData>(socket, "qa:join", { dialogueId, queueAfter: first.data.queuePage.nextAfterId });
    if (!next.ok) throw new Error(next.error);
    expect(next.data.queue).toHaveLength(10);
    expect(next.data.queue.at(-1)).toMatchObject({ id: realId, text: "Varför är belysningen i tunneln trasig?" });
    expect(next.data.queuePage).toEqual({ total: 510, before: QUEUE_PAGE_SIZE, afterId: first.data.queuePage.nextAfterId, nextAfterId: null });
    socket.close();
  });

  it("on the page: the loader says how many wait and where the next page starts, and ?efter= shows the real question", async () => {
    const load = async (search: string) => {
      const res = (await moderationLoader({
        request: new Request(`http://localhost/personal/dialoger/${dialogueId}/fragor${search}`, { headers: { Cookie: cookie } }),
        params: { id: String(dialogueId) },
        context: testContext(db),
      })) as Response;
      return (await res.json()) as JoinData;
    };
    const first = await load("");
    expect(first.queue).toHaveLength(QUEUE_PAGE_SIZE);
    expect(first.queuePage).toMatchObject({ total: 510, before: 0 });
    const next = await load(`?efter=${first.queuePage.nextAfterId}`);
    expect(next.queue.map((q) => q.id)).toContain(realId);
    expect(next.queuePage).toMatchObject({ total: 510, before: QUEUE_PAGE_SIZE, nextAfterId: null });
  });
});
