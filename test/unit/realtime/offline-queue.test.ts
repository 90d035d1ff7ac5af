/**
 * The device's outbox of walk observations (app/realtime/offline-queue.ts) on a real
 * IndexedDB implementation (fake-indexeddb), as the walk map uses it: kept across reloads,
 * one item per idempotency key, a walk's items in the order they were saved, photos kept.
 */
import "fake-indexeddb/auto";
import { IDBFactory } from "fake-indexeddb";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { QueuedObservation } from "~/realtime/offline-queue";
import { observation } from "../../helpers/walks";

type QueueModule = typeof import("~/realtime/offline-queue");

/** A fresh import, as after a page reload: module state (the cached store handle) starts over, the database does not. */
async function reload(): Promise<QueueModule> {
  vi.resetModules();
  return import("~/realtime/offline-queue");
}

function item(key: string, walkId: number, createdAt: string, extra: Partial<QueuedObservation> = {}): QueuedObservation {
  return {
    key,
    walkId,
    payload: observation(walkId, key) as QueuedObservation["payload"],
    photo: null,
    state: "waiting",
    error: null,
    observationId: null,
    createdAt,
    ...extra,
  };
}

let q: QueueModule;
beforeEach(async () => {
  // Every test starts with an empty device.
  globalThis.indexedDB = new IDBFactory();
  q = await reload();
});

describe("offline walk queue", () => {
  it("keeps a saved observation until it is deleted", async () => {
    await q.queuePut(item("k1", 7, "2026-06-15T17:40:00.000Z"));
    expect(await q.queueGet("k1")).toMatchObject({ key: "k1", walkId: 7, state: "waiting", payload: { idempotencyKey: "k1", lat: 59.3 } });
    await q.queueDelete("k1");
    expect(await q.queueGet("k1")).toBeUndefined();
    expect(await q.queueList(7)).toEqual([]);
  });

  it("lists one walk's items only, oldest first, whatever order they were stored in", async () => {
    await q.queuePut(item("late", 7, "2026-06-15T17:45:00.000Z"));
    await q.queuePut(item("other-walk", 8, "2026-06-15T17:41:00.000Z"));
    await q.queuePut(item("early", 7, "2026-06-15T17:40:00.000Z"));
    await q.queuePut(item("middle", 7, "2026-06-15T17:42:30.000Z"));
    expect((await q.queueList(7)).map((i) => i.key)).toEqual(["early", "middle", "late"]);
    expect((await q.queueList(8)).map((i) => i.key)).toEqual(["other-walk"]);
    expect(await q.queueList(9)).toEqual([]);
  });

  it("holds one item per idempotency key: a later put replaces it (waiting → photo left → rejected)", async () => {
    const first = item("k1", 7, "2026-06-15T17:40:00.000Z");
    await q.queuePut(first);
    await q.queuePut({ ...first, state: "photo", observationId: 41 });
    expect(await q.queueList(7)).toEqual([{ ...first, state: "photo", observationId: 41 }]);
    await q.queuePut({ ...first, state: "rejected", error: "lat:walks.errors.outsideDistrict" });
    const [only] = await q.queueList(7);
    expect(only).toMatchObject({ key: "k1", state: "rejected", error: "lat:walks.errors.outsideDistrict" });
    expect(await q.queueList(7)).toHaveLength(1);
  });

  it("survives a reload of the page", async () => {
    await q.queuePut(item("before-reload", 7, "2026-06-15T17:40:00.000Z"));
    const again = await reload();
    expect(again).not.toBe(q);
    expect((await again.queueList(7)).map((i) => i.key)).toEqual(["before-reload"]);
  });

  it("keeps the photo as a Blob, byte for byte", async () => {
    const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 250]);
    await q.queuePut(item("with-photo", 7, "2026-06-15T17:40:00.000Z", { photo: new Blob([bytes], { type: "image/jpeg" }) }));
    const stored = (await (await reload()).queueGet("with-photo"))!;
    expect(stored.photo).toBeInstanceOf(Blob);
    expect(stored.photo!.type).toBe("image/jpeg");
    expect(new Uint8Array(await stored.photo!.arrayBuffer())).toEqual(bytes);
  });

  it("uses its own database and store, so other IndexedDB use on the site cannot clear it", async () => {
    await q.queuePut(item("k1", 7, "2026-06-15T17:40:00.000Z"));
    const names = (await indexedDB.databases()).map((d) => d.name);
    expect(names).toEqual(["tryggve-walks"]);
  });
});
