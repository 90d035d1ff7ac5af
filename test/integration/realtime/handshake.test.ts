import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../../db/connection";
import { createTestDb } from "../../helpers/db";
import { makeStaff } from "../../helpers/factories";
import { staffCookie } from "../../helpers/context";
import { startRealtime, whoami } from "../../helpers/realtime";

let db: DB;
let rt: Awaited<ReturnType<typeof startRealtime>>;

beforeAll(async () => {
  db = await createTestDb();
  rt = await startRealtime(db);
});
afterAll(async () => {
  await rt.close();
  await db.destroy();
});

describe("socket handshake", () => {
  it("gives a signed-in staff socket its role from the page session cookie", async () => {
    const staff = await makeStaff(db, { role: "moderator" });
    const { cookie } = await staffCookie(db, staff.id);
    const socket = await rt.connect({ cookie });
    const me = await whoami(socket);
    expect(me.staff).toEqual({ id: staff.id, role: "moderator", organisationId: null });
  });

  it("lets a resident connect anonymously, identified only by the participant cookie", async () => {
    const socket = await rt.connect({ cookie: "tryggve_pid=5f0c3a52-3d1e-4f7a-9a4b-2f7a1c9e8d10" });
    expect(await whoami(socket)).toEqual({ staff: null, participant: true });
  });

  it("rejects a forged session cookie", async () => {
    const forged = "tryggve_staff=" + Buffer.from(JSON.stringify("guess")).toString("base64") + ".forged";
    await expect(rt.connect({ cookie: forged })).rejects.toThrow(/invalid_session/);
  });

  it("rejects a handshake from a foreign Origin", async () => {
    await expect(rt.connect({ origin: "https://evil.example" })).rejects.toThrow();
    // The same client from this site's own origin is let in, so the refusal above was the origin's doing.
    await expect(rt.connect({ origin: rt.url })).resolves.toMatchObject({ connected: true });
  });

  it("notices a sign-out that happened after the handshake", async () => {
    const staff = await makeStaff(db, { role: "admin" });
    const { cookie } = await staffCookie(db, staff.id);
    const socket = await rt.connect({ cookie });
    expect((await whoami(socket)).staff?.role).toBe("admin");
    await db.deleteFrom("staff_sessions").where("staff_id", "=", staff.id).execute();
    expect((await whoami(socket)).staff).toBeNull();
  });
});
