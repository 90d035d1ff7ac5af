import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import url from "node:url";
import type { AddressInfo } from "node:net";
import pino from "pino";
import sharp from "sharp";
import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../../db/connection";
import { createServer, bodyLimitFor, FORM_BODY_LIMIT, PHOTO_UPLOAD_LIMIT } from "../../../server/app";
import { action as newAction } from "~/routes/personal.vandringar.ny";
import { action as overviewAction } from "~/routes/personal.vandringar.$id._index";
import { action as protocolAction } from "~/routes/personal.vandringar.$id.protokoll";
import { loader as csvLoader } from "~/routes/personal.vandringar.$id.protokoll[.]csv";
import { loader as geoLoader } from "~/routes/personal.vandringar.$id.protokoll[.]geojson";
import { action as mapAction } from "~/routes/vandringar.$id.karta";
import { createTestDb } from "../../helpers/db";
import { makeDistrict, makeOrganisation, makeStaff } from "../../helpers/factories";
import { fixedClock } from "~/clock";
import { formRequest, staffCookie, testConfig, testContext } from "../../helpers/context";

let db: DB;
let leader: { cookie: string; csrfToken: string };

// The app's clock for the staff flow: 17:30 in Stockholm on a summer evening, so a walk at
// 18:00 the same day lies ahead and may already be started (up to two hours early).
const clock = fixedClock("2026-06-15T17:30:00+02:00");
const ctx = (extra: Parameters<typeof testContext>[1] = {}) => testContext(db, { clock, ...extra });

beforeAll(async () => {
  db = await createTestDb();
  const s = await makeStaff(db, { role: "walk_leader" });
  leader = await staffCookie(db, s.id);
});
afterAll(async () => {
  await db.destroy();
});

const staffPost = (path: string, fields: Record<string, string>) => formRequest(path, { _csrf: leader.csrfToken, ...fields }, { Cookie: leader.cookie });

describe("walk staff flow through the route actions", () => {
  it("plans, starts, records, writes the protocol, sends it and exports it", async () => {
    const district = await makeDistrict(db);
    const org = await makeOrganisation(db, { name: "Trafikkontoret", contact_email: "tk@example.org" });
    const plan = (startTime: string) =>
      newAction({
        request: staffPost("/personal/vandringar/ny", {
          title: "Kvällsvandring",
          districtId: String(district.id),
          meetingPoint: "Torget",
          meetingLat: "59.3",
          meetingLng: "18.0",
          route: "59.3, 18.0\n59.301, 18.01",
          date: "2026-06-15",
          startTime,
          endTime: "19:30",
          expectedLight: "dark",
        }),
        params: {},
        context: ctx(),
      }) as Promise<Response>;
    // 17:00 has passed by the app's clock (17:30); 18:00 has not.
    const late = await plan("17:00");
    expect(late.status).toBe(400);
    expect(((await late.json()) as { errors: Record<string, string> }).errors).toMatchObject({ date: "walks.errors.dateInPast" });
    const created = await plan("18:00");
    const location = created.headers.get("Location");
    expect(location).toMatch(/^\/personal\/vandringar\/\d+\?klart=skapad$/);
    const walkId = location!.split("/")[3].split("?")[0];
    const walk = await db.selectFrom("walks").selectAll().where("id", "=", Number(walkId)).executeTakeFirstOrThrow();
    expect(JSON.parse(walk.route ?? "null")).toEqual(
      walk.route
        ? [
            [18, 59.3],
            [18.01, 59.301],
          ]
        : null,
    );

    const post = async (fields: Record<string, string>, context = ctx()) => {
      const res = (await overviewAction({
        request: staffPost(`/personal/vandringar/${walkId}`, fields),
        params: { id: walkId },
        context,
      })) as Response;
      return { status: res.status, body: (await res.json()) as { ok: boolean; errors?: Record<string, string> } };
    };
    // Starting needs weather and light.
    expect(await post({ intent: "start", actualLight: "dark" })).toMatchObject({
      status: 400,
      body: { ok: false, errors: { weather: "walks.errors.required" } },
    });
    // A walk may start at most two hours before its time (18:00), by the app's clock.
    expect(await post({ intent: "start", weather: "Regn, 3 °C", actualLight: "dark" }, ctx({ clock: fixedClock("2026-06-15T15:59:00+02:00") }))).toMatchObject({
      status: 400,
      body: { ok: false, errors: { _form: "walks.errors.tooEarlyToStart" } },
    });
    expect(await post({ intent: "start", weather: "Regn, 3 °C", actualLight: "dark" })).toMatchObject({ status: 200, body: { ok: true } });
    const started = await db.selectFrom("walks").select("started_at").where("id", "=", Number(walkId)).executeTakeFirstOrThrow();
    expect(started.started_at).toBe("2026-06-15T15:30:00.000Z");
    expect(await post({ intent: "addGroup", name: "Grupp 1", leader: "Ville", participants: "9" })).toMatchObject({ status: 200 });
    expect(await post({ intent: "addInvitation", organisationId: String(org.id), email: "" })).toMatchObject({ status: 200 });
    expect(await post({ intent: "sendInvitations" })).toMatchObject({ status: 200 });

    // A resident without JavaScript adds a place through the form post.
    const pid = crypto.randomUUID();
    const form = formRequest(`/vandringar/${walkId}/karta`, {
      idempotencyKey: crypto.randomUUID(),
      lat: "59,3005",
      lng: "18.002",
      feeling: "0",
      timeOfDay: "dark",
      description: "Mörkt",
    });
    const body = new URLSearchParams(await form.text());
    body.append("categories", "lighting");
    body.append("categories", "underpass");
    const res = (await mapAction({
      request: new Request(form.url, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: body.toString() }),
      params: { id: walkId },
      context: ctx({ participantId: pid }),
    })) as Response;
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`/vandringar/${walkId}/karta?sparad=published#platser`);
    const obs = await db.selectFrom("walk_observations").selectAll().where("walk_id", "=", Number(walkId)).executeTakeFirstOrThrow();

    // Protocol: measure, responsible party, priority; then send.
    const protocolPost = async (fields: Record<string, string>) => {
      const r = (await protocolAction({
        request: staffPost(`/personal/vandringar/${walkId}/protokoll`, fields),
        params: { id: walkId },
        context: ctx(),
      })) as Response;
      return { status: r.status, body: (await r.json()) as Record<string, unknown> };
    };
    expect(await protocolPost({ intent: "sendProtocol" })).toMatchObject({ status: 400, body: { errors: { _form: "walks.errors.protocolNotReady" } } });
    expect(await post({ intent: "finish" })).toMatchObject({ status: 200 });
    expect(
      await protocolPost({
        intent: "protocolItem",
        observationId: String(obs.id),
        number: "1",
        proposedMeasure: "Byt armaturer",
        responsibleOrganisationId: String(org.id),
        priority: "high",
      }),
    ).toMatchObject({ status: 200 });
    expect(await protocolPost({ intent: "protocolItem", observationId: String(obs.id), number: "1", priority: "urgent" })).toMatchObject({
      status: 400,
      body: { errors: { priority: "walks.errors.priority" } },
    });
    expect(await protocolPost({ intent: "sendProtocol" })).toMatchObject({ status: 200, body: { ok: true, vars: { emails: 1, items: 1 } } });
    const mails = await db.selectFrom("email_outbox").selectAll().where("kind", "in", ["walk_protocol", "walk_invitation"]).execute();
    expect(mails.map((m) => m.kind).sort()).toEqual(["walk_invitation", "walk_protocol"]);
    const protocolMail = mails.find((m) => m.kind === "walk_protocol")!;
    expect(protocolMail.to_address).toBe("tk@example.org");
    expect(protocolMail.text_body).toContain("Byt armaturer");
    expect((await db.selectFrom("walk_observations").select("followup_status").where("id", "=", obs.id).executeTakeFirstOrThrow()).followup_status).toBe(
      "sent",
    );
    // Sending again has nothing new.
    expect(await protocolPost({ intent: "sendProtocol" })).toMatchObject({ status: 400, body: { errors: { _form: "walks.errors.nothingToSend" } } });

    const csv = (await csvLoader({
      request: new Request(`http://localhost/personal/vandringar/${walkId}/protokoll.csv`, { headers: { Cookie: leader.cookie } }),
      params: { id: walkId },
      context: ctx(),
    })) as Response;
    expect(csv.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const text = await csv.text();
    expect(text.split("\r\n")[0]).toContain("Nr,Latitud,Longitud");
    expect(text).toContain("Byt armaturer");
    const geo = (await geoLoader({
      request: new Request(`http://localhost/x`, { headers: { Cookie: leader.cookie } }),
      params: { id: walkId },
      context: ctx(),
    })) as Response;
    const fc = (await geo.json()) as { type: string; features: Array<{ geometry: { coordinates: number[] }; properties: { responsibleParty: string } }> };
    expect(fc.type).toBe("FeatureCollection");
    expect(fc.features[0].geometry.coordinates).toEqual([18.002, 59.3005]);
    expect(fc.features[0].properties.responsibleParty).toBe("Trafikkontoret");
    const audit = await db.selectFrom("audit_log").select("action").where("action", "like", "walk.%").execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["walk.created", "walk.start", "walk.protocol_item_saved", "walk.protocol_sent"]));
  });
});

describe("body limits", () => {
  it("raises the limit only for the photo endpoint", () => {
    expect(bodyLimitFor("POST", "/vandringar/12/observationer/34/foto")).toBe(PHOTO_UPLOAD_LIMIT);
    expect(bodyLimitFor("POST", "/vandringar/12/karta")).toBe(FORM_BODY_LIMIT);
    expect(bodyLimitFor("POST", "/vandringar/12/observationer/34/foto/x")).toBe(FORM_BODY_LIMIT);
    expect(bodyLimitFor("GET", "/vandringar/12/observationer/34/foto")).toBe(FORM_BODY_LIMIT);
  });

  it("a real server accepts a 2 MB photo upload for the owner and refuses a form post over 1 MB elsewhere", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tryggve-photo-http-"));
    const sdb = await createTestDb();
    const build = (await import(url.pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;
    const server = createServer({ config: testConfig({ PHOTO_DIR: dir }), db: sdb, logger: pino({ level: "silent" }), getBuild: () => build, version: "test" });
    await new Promise<void>((r) => server.httpServer.listen(0, "127.0.0.1", r));
    const base = `http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}`;
    try {
      const district = await makeDistrict(sdb);
      const now = new Date().toISOString();
      const walk = await sdb
        .insertInto("walks")
        .values({
          district_id: district.id,
          title: "W",
          meeting_point: "T",
          starts_at: now,
          ends_at: now,
          expected_light: "day",
          status: "ongoing",
          created_at: now,
          updated_at: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const pid = crypto.randomUUID();
      const obs = await sdb
        .insertInto("walk_observations")
        .values({
          walk_id: walk.id,
          district_id: district.id,
          participant_id: pid,
          idempotency_key: "http-photo-1",
          lat: 59.3,
          lng: 18,
          categories: '["litter"]',
          feeling: 1,
          time_of_day: "day",
          status: "published",
          created_at: now,
          updated_at: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      // Noise does not compress: a ~2 MB JPEG.
      const noise = Buffer.from(Array.from({ length: 1200 * 900 * 3 }, (_, i) => (i * 2654435761) % 251));
      const jpeg = await sharp(noise, { raw: { width: 1200, height: 900, channels: 3 } })
        .jpeg({ quality: 100 })
        .toBuffer();
      expect(jpeg.byteLength).toBeGreaterThan(FORM_BODY_LIMIT);
      const upload = (cookiePid: string) => {
        const fd = new FormData();
        fd.append("photo", new Blob([new Uint8Array(jpeg)], { type: "image/jpeg" }), "p.jpg");
        return fetch(`${base}/vandringar/${walk.id}/observationer/${obs.id}/foto`, {
          method: "POST",
          body: fd,
          headers: { Cookie: `tryggve_pid=${cookiePid}` },
        });
      };
      const stranger = await upload(crypto.randomUUID());
      expect(stranger.status).toBe(403);
      const ok = await upload(pid);
      expect(ok.status).toBe(200);
      expect(await ok.json()).toEqual({ ok: true });
      const row = await sdb.selectFrom("walk_photos").selectAll().where("observation_id", "=", obs.id).executeTakeFirstOrThrow();
      expect(row.status).toBe("pending");
      // Not public before approval; visible to the device that took it.
      expect((await fetch(`${base}/vandringar/foton/${row.file_name}`)).status).toBe(404);
      const own = await fetch(`${base}/vandringar/foton/${row.file_name}`, { headers: { Cookie: `tryggve_pid=${pid}` } });
      expect(own.status).toBe(200);
      expect(own.headers.get("content-type")).toBe("image/jpeg");
      const big = await fetch(`${base}/vandringar/${walk.id}/karta`, {
        method: "POST",
        body: "x=" + "a".repeat(1024 * 1024 + 10),
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
      });
      expect(big.status).toBe(413);
    } finally {
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
