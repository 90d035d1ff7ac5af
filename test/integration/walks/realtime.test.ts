import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../../db/connection";
import { publisherFor } from "~/realtime/server.server";
import { publishWalkEffects } from "~/realtime/walks-handlers.server";
import { moderateObservation, moderatePhoto } from "~/domain/walks/observations.server";
import type { TryggveServer } from "~/realtime/publisher.server";
import type { PublicObservation } from "~/realtime/walks.events";
import { createTestDb } from "../../helpers/db";
import { makeStaff } from "../../helpers/factories";
import { staffCookie } from "../../helpers/context";
import { call, nextEvent, recordEvents, startRealtime } from "../../helpers/realtime";
import { makeWalk, observation } from "../../helpers/walks";

let db: DB;
let rt: Awaited<ReturnType<typeof startRealtime>>;
let io: TryggveServer;

beforeAll(async () => {
  db = await createTestDb();
  rt = await startRealtime(db);
  io = rt.io;
});
afterAll(async () => {
  await rt.close();
  await db.destroy();
});

const connect = (cookie: string) => rt.connect({ cookie });
const resident = (pid: string = crypto.randomUUID()) => rt.resident(pid);

describe("walk observations over socket.io", () => {
  it("an observation is stored, acknowledged and broadcast to a second participant on the walk", async () => {
    const walk = await makeWalk(db);
    const a = await resident();
    const b = await resident();
    expect((await call(a, "walk:join", { walkId: walk.id })).ok).toBe(true);
    const joinB = await call<{ observations: PublicObservation[] }>(b, "walk:join", { walkId: walk.id });
    expect(joinB.ok && joinB.data.observations).toEqual([]);
    const arrival = nextEvent<PublicObservation>(b, "walk:observation");
    const res = await call<{ id: number; status: string; duplicate: boolean }>(a, "walk:observe", observation(walk.id, crypto.randomUUID()));
    expect(res).toMatchObject({ ok: true, data: { status: "published", duplicate: false } });
    const seen = await arrival;
    expect(seen).toMatchObject({ walkId: walk.id, categories: ["lighting"], feeling: 1, description: "Trasig lampa vid gångvägen" });
    // No participant id on the public payload.
    expect(JSON.stringify(seen)).not.toContain("participant");
  });

  it("an offline replay with the same idempotency key is stored exactly once", async () => {
    const walk = await makeWalk(db);
    const pid = crypto.randomUUID();
    const a = await resident(pid);
    const other = await resident();
    await call(other, "walk:join", { walkId: walk.id });
    const key = crypto.randomUUID();
    const broadcasts = recordEvents<PublicObservation>(other, "walk:observation");
    const first = await call<{ id: number; duplicate: boolean }>(a, "walk:observe", observation(walk.id, key));
    // The ack was lost: the device reconnects and sends the same item again.
    a.close();
    const again = await resident(pid);
    const second = await call<{ id: number; duplicate: boolean }>(again, "walk:observe", observation(walk.id, key));
    expect(first.ok && second.ok).toBe(true);
    if (first.ok && second.ok) {
      expect(second.data.id).toBe(first.data.id);
      expect(second.data.duplicate).toBe(true);
    }
    const rows = await db.selectFrom("walk_observations").select("id").where("walk_id", "=", walk.id).execute();
    expect(rows).toHaveLength(1);
    // Barrier: a later observation from someone else reaches `other` after any broadcast the replay could have caused.
    const marker = nextEvent<PublicObservation>(other, "walk:observation", { where: (o) => o.id !== (first.ok ? first.data.id : 0) });
    const later = await call<{ id: number }>(await resident(), "walk:observe", observation(walk.id, crypto.randomUUID()));
    expect((await marker).id).toBe(later.ok ? later.data.id : -1);
    expect(broadcasts.map((o) => o.id)).toEqual([first.ok ? first.data.id : 0, later.ok ? later.data.id : -1]);
  });

  it("refuses bad coordinates, points outside the district and floods, with clear codes", async () => {
    const walk = await makeWalk(db);
    const a = await resident();
    const notNumber = await call(a, "walk:observe", observation(walk.id, crypto.randomUUID(), { lat: "north" }));
    expect(notNumber).toMatchObject({ ok: false, error: "invalid_payload", key: "walks.errors.coordinate", field: "lat" });
    const outside = await call(a, "walk:observe", observation(walk.id, crypto.randomUUID(), { lat: 59.6 }));
    expect(outside).toMatchObject({
      ok: false,
      error: "invalid_payload",
      key: "walks.errors.outsideDistrict",
      field: "lat",
      reason: "walks.errors.outsideDistrict",
    });
    expect((await call(a, "walk:observe", observation(walk.id, crypto.randomUUID()))).ok).toBe(true);
    const tooFast = await call(a, "walk:observe", observation(walk.id, crypto.randomUUID()));
    expect(tooFast).toMatchObject({ ok: false, error: "rate_limited", key: "walks.errors.tooFast" });
    // Nothing half-saved: exactly the one accepted observation exists.
    expect(await db.selectFrom("walk_observations").select("id").where("walk_id", "=", walk.id).execute()).toHaveLength(1);
  });

  it("text with personal data is held for staff; the staff room hears about it, the public does not", async () => {
    const walk = await makeWalk(db);
    const leader = await makeStaff(db, { role: "walk_leader" });
    const staffSocket = await connect((await staffCookie(db, leader.id)).cookie);
    await call(staffSocket, "walk:join", { walkId: walk.id });
    const a = await resident();
    const b = await resident();
    await call(b, "walk:join", { walkId: walk.id });
    const publicSeen = recordEvents<PublicObservation>(b, "walk:observation");
    const queue = nextEvent<{ walkId: number }>(staffSocket, "walk:queue");
    const res = await call<{ id: number; status: string }>(
      a,
      "walk:observe",
      observation(walk.id, crypto.randomUUID(), { description: "Ring Anna på 070-123 45 67" }),
    );
    expect(res).toMatchObject({ ok: true, data: { status: "pending" } });
    expect(await queue).toEqual({ walkId: walk.id });
    // Barrier: a clean observation sent afterwards is the first thing the public sees.
    const marker = nextEvent<PublicObservation>(b, "walk:observation");
    const clean = await call<{ id: number }>(await resident(), "walk:observe", observation(walk.id, crypto.randomUUID()));
    expect((await marker).id).toBe(clean.ok ? clean.data.id : -1);
    expect(publicSeen.map((o) => o.id)).toEqual([clean.ok ? clean.data.id : -1]);
  });

  it("is closed before the walk starts and marks late observations as added afterwards", async () => {
    const planned = await makeWalk(db, "planned");
    const a = await resident();
    expect(await call(a, "walk:observe", observation(planned.id, crypto.randomUUID()))).toMatchObject({
      ok: false,
      error: "closed",
      key: "walks.errors.notStarted",
    });
    const done = await makeWalk(db, "protocol", { endsAt: new Date(Date.now() - 86400e3).toISOString() });
    const r = await call<{ observation: { addedAfterwards: boolean } }>(a, "walk:observe", observation(done.id, crypto.randomUUID()));
    expect(r.ok && r.data.observation.addedAfterwards).toBe(true);
  });

  it("staff moderation publishes held text, takes a place down, and approves a photo: the walk and the submitter hear it", async () => {
    const walk = await makeWalk(db);
    const leader = await makeStaff(db, { role: "walk_leader" });
    const actor = { id: leader.id, email: leader.email };
    const pid = crypto.randomUUID();
    const submitter = await resident(pid);
    const watcher = await resident();
    await call(submitter, "walk:join", { walkId: walk.id });
    await call(watcher, "walk:join", { walkId: walk.id });
    const held = await call<{ id: number; status: string }>(
      submitter,
      "walk:observe",
      observation(walk.id, crypto.randomUUID(), { description: "Mejla mig på a@b.se" }),
    );
    expect(held.ok && held.data.status).toBe("pending");
    const id = held.ok ? held.data.id : 0;
    const publisher = publisherFor(io);

    const arrives = nextEvent<PublicObservation>(watcher, "walk:observation");
    const notice = nextEvent<{ id: number; status: string }>(submitter, "walk:mine");
    const published = await moderateObservation(db, actor, walk.id, id, "publish");
    publishWalkEffects(publisher, published!.effects);
    expect((await arrives).id).toBe(id);
    expect(await notice).toMatchObject({ id, status: "published" });

    await db
      .insertInto("walk_photos")
      .values({
        observation_id: id,
        file_name: "00000000-0000-4000-8000-000000000000.jpg",
        width: 10,
        height: 10,
        bytes: 100,
        created_at: new Date().toISOString(),
      })
      .execute();
    const withPhoto = nextEvent<PublicObservation>(watcher, "walk:observation");
    const approved = await moderatePhoto(db, actor, walk.id, id, "approve");
    publishWalkEffects(publisher, approved!.effects);
    expect((await withPhoto).photoUrl).toBe("/vandringar/foton/00000000-0000-4000-8000-000000000000.jpg");

    const removed = nextEvent<{ walkId: number; id: number }>(watcher, "walk:removed");
    const rejected = await moderateObservation(db, actor, walk.id, id, "reject");
    publishWalkEffects(publisher, rejected!.effects);
    expect(await removed).toEqual({ walkId: walk.id, id });
    // Another walk's id is not found; every decision is audit-logged.
    expect(await moderateObservation(db, actor, walk.id + 999, id, "publish")).toBeNull();
    const audit = await db.selectFrom("audit_log").select("action").where("target_id", "=", String(id)).execute();
    expect(audit.map((a) => a.action)).toEqual(["walk.observation_published", "walk.photo_approved", "walk.observation_rejected"]);
  });
});
