/**
 * Public budgets of safety walks (docs/security.md "Limits") through the real server with
 * TRUST_PROXY on: pins over the socket and the map form, photos, follow-up answers. Before the
 * budgets a script that sent no cookie (a fresh device id on every post) pinned without end
 * from one address, and photo uploads and "is this fixed?" answers had no limit at all.
 */
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PUBLIC_BUDGETS } from "~/domain/common/rate-budgets";
import type { App } from "../../helpers/app";
import { ack, dataPath, postForm, postMultipart, socketFrom, someIp, startLimitedApp } from "../../helpers/limits";
import { makeWalk, observation } from "../../helpers/walks";

let app: App;
beforeAll(async () => {
  app = await startLimitedApp();
});
afterAll(async () => {
  await app.close();
});

const observationFields = (key: string, text: string) => ({
  intent: "observe",
  idempotencyKey: key,
  lat: "59.3",
  lng: "18.0",
  categories: "lighting",
  feeling: "1",
  timeOfDay: "dusk",
  description: text,
});

const countObservations = async (walkId: number) =>
  Number(
    (
      await app.db
        .selectFrom("walk_observations")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("walk_id", "=", walkId)
        .executeTakeFirstOrThrow()
    ).n,
  );

describe("pins", () => {
  it("one device sending pins at once over the socket: its budget is counted atomically (the domain's 5-second rule answers the rest up to it)", async () => {
    const walk = await makeWalk(app.db, "ongoing");
    const socket = await socketFrom(app, { ip: someIp(), pid: crypto.randomUUID() });
    const budget = PUBLIC_BUDGETS["walk.observe"].device.points;
    const results = await Promise.all(
      Array.from({ length: budget + 3 }, (_, i) => ack(socket, "walk:observe", observation(walk.id, `pin-burst-${String(i).padStart(4, "0")}`))),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.key === "walks.errors.tooFast")).toHaveLength(budget - 1);
    const refused = results.filter((r) => !r.ok && r.reason === "too_many_requests");
    expect(refused).toHaveLength(3);
    for (const r of refused) expect(r).toMatchObject({ error: "rate_limited", key: "limits.tooMany" });
    expect(refused.every((r) => (r.retryAfterSeconds ?? 0) > 0)).toBe(true);
    // A replay of the stored pin (the offline queue after a lost ack) is never refused.
    const stored = results.findIndex((r) => r.ok);
    const replays = await Promise.all([1, 2, 3].map(() => ack(socket, "walk:observe", observation(walk.id, `pin-burst-${String(stored).padStart(4, "0")}`))));
    expect(replays.every((r) => r.ok)).toBe(true);
    expect(await countObservations(walk.id)).toBe(1);
    socket.close();
  });

  it("pins from one address with a fresh cookie each (no JavaScript): exactly the address's budget is stored, the rest get 429 with Retry-After and what they typed", async () => {
    const walk = await makeWalk(app.db, "ongoing");
    const ip = someIp();
    const budget = PUBLIC_BUDGETS["walk.observe"].ip.points;
    const results = await Promise.all(
      Array.from({ length: budget + 5 }, (_, i) =>
        postForm(app, `/vandringar/${walk.id}/karta`, observationFields(crypto.randomUUID(), `Plats nummer ${i}`), { ip }),
      ),
    );
    expect(results.filter((r) => r.status === 302)).toHaveLength(budget);
    const refused = results.filter((r) => r.status === 429);
    expect(refused).toHaveLength(5);
    expect(Number(refused[0]!.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await refused[0]!.text()).toContain("för många försök på kort tid");
    expect(await countObservations(walk.id)).toBe(budget);
    const json = await postForm(
      app,
      dataPath(`/vandringar/${walk.id}/karta`, "routes/vandringar.$id.karta"),
      observationFields(crypto.randomUUID(), "Min text"),
      {
        ip,
      },
    );
    expect(json.status).toBe(429);
    expect(await json.json()).toMatchObject({ errors: { _form: "limits.tooMany" }, draft: { description: "Min text", categories: ["lighting"] } });
    expect(await countObservations(walk.id)).toBe(budget);
  });
});

describe("photos and follow-up answers", () => {
  it("photo uploads from one device: after its budget the upload is refused with 429 and Retry-After before the body is read", async () => {
    const walk = await makeWalk(app.db, "ongoing");
    const pid = crypto.randomUUID();
    const ip = someIp();
    const socket = await socketFrom(app, { ip, pid });
    const saved = await ack<{ id: number }>(socket, "walk:observe", observation(walk.id, "photo-owner-key"));
    if (!saved.ok) throw new Error("observation refused");
    socket.close();
    const budget = PUBLIC_BUDGETS["walk.photo"].device.points;
    const upload = () =>
      postMultipart(
        app,
        `/vandringar/${walk.id}/observationer/${saved.data.id}/foto`,
        { ip, pid },
        { name: "photo", filename: "a.jpg", type: "image/jpeg", data: Buffer.from("not an image") },
      );
    const results = await Promise.all(Array.from({ length: budget + 2 }, upload));
    expect(results.filter((r) => r.status === 429)).toHaveLength(2);
    const refused = results.find((r) => r.status === 429)!;
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await refused.json()).toEqual({ ok: false, error: "limits.tooMany" });
  });

  it("'is this fixed?' answers from one device: after its budget the form answers 429 with the message", async () => {
    const walk = await makeWalk(app.db, "ongoing");
    const from = { ip: someIp(), pid: crypto.randomUUID() };
    const budget = PUBLIC_BUDGETS["walk.check"].device.points;
    const results = await Promise.all(
      Array.from({ length: budget + 1 }, () =>
        postForm(
          app,
          dataPath(`/vandringar/${walk.id}/karta`, "routes/vandringar.$id.karta"),
          { intent: "measureCheck", measureId: "999999", answer: "fixed" },
          from,
        ),
      ),
    );
    const refused = results.filter((r) => r.status === 429);
    expect(refused).toHaveLength(1);
    expect(await refused[0]!.json()).toMatchObject({ check: { measureId: 999999, errors: { _form: "limits.tooMany" } } });
  });
});
