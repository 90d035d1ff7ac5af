/**
 * Public budgets of the resident forms without a socket (docs/security.md "Limits"): dialogue
 * registrations, following a measure by e-mail, accessibility reports; and the daily cap on
 * e-mail to one address. Through the real server with TRUST_PROXY on. Before the budgets one
 * device registered, followed and reported without end, a script rotating cookies from one
 * address likewise, and 17 follow requests for one address in a few seconds queued 17 mails.
 */
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EMAIL_PER_ADDRESS, PUBLIC_BUDGETS } from "~/domain/common/rate-budgets";
import { requestFollow } from "~/domain/measures/followers.server";
import type { App } from "../../helpers/app";
import { dataPath, postForm, someIp, startLimitedApp } from "../../helpers/limits";
import { makeQaDialogue } from "../../helpers/qa";

let app: App;
beforeAll(async () => {
  app = await startLimitedApp();
});
afterAll(async () => {
  await app.close();
});

const count = async (table: "dialogue_registrations" | "accessibility_reports" | "measure_followers" | "email_outbox", where?: [string, string]) => {
  let q = app.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n"));
  if (where) q = q.where(where[0] as never, "=", where[1] as never);
  return Number((await q.executeTakeFirstOrThrow()).n);
};

/** Open measures for following: copies of a demo measure, so each test has its own. */
async function openMeasures(n: number): Promise<number[]> {
  const template = await app.db.selectFrom("measures").selectAll().where("status", "in", ["proposed", "sent", "accepted", "planned"]).executeTakeFirstOrThrow();
  const { id: _id, ...row } = template;
  const ids: number[] = [];
  for (let i = 0; i < n; i++) ids.push((await app.db.insertInto("measures").values(row).returning("id").executeTakeFirstOrThrow()).id);
  return ids;
}

describe("registrations", () => {
  it("one device registering again and again: refused after its budget with 429, Retry-After, the message and what was typed, and nothing stored", async () => {
    const dialogue = await makeQaDialogue(app.db, "published");
    const from = { ip: someIp(), pid: crypto.randomUUID() };
    const budget = PUBLIC_BUDGETS["dialogue.register"].device.points;
    const path = dataPath(`/dialoger/${dialogue.id}`, "routes/dialoger.$id._index");
    const results = await Promise.all(Array.from({ length: budget + 2 }, () => postForm(app, path, { mode: "remote", name: "Kim" }, from)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(budget);
    const refused = results.filter((r) => r.status === 429);
    expect(refused).toHaveLength(2);
    expect(Number(refused[0]!.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await refused[0]!.json()).toMatchObject({ ok: false, errors: { _form: "limits.tooMany" }, values: { mode: "remote", name: "Kim" } });
    expect(await count("dialogue_registrations", ["dialogue_id", String(dialogue.id)])).toBe(budget);
  });

  it("registrations from one address with a fresh cookie each: exactly the address's budget is stored", async () => {
    const dialogue = await makeQaDialogue(app.db, "published");
    const ip = someIp();
    const budget = PUBLIC_BUDGETS["dialogue.register"].ip.points;
    const path = dataPath(`/dialoger/${dialogue.id}`, "routes/dialoger.$id._index");
    const results = await Promise.all(Array.from({ length: budget + 3 }, () => postForm(app, path, { mode: "remote" }, { ip })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(budget);
    expect(results.filter((r) => r.status === 429)).toHaveLength(3);
    expect(await count("dialogue_registrations", ["dialogue_id", String(dialogue.id)])).toBe(budget);
  });
});

describe("follow by e-mail", () => {
  it("one device following again and again, and one address rotating cookies: each refused after its budget, the address kept in the form", async () => {
    const [measureId] = await openMeasures(1);
    const path = dataPath(`/atgarder/${measureId}`, "routes/atgarder.$id");
    const device = { ip: someIp(), pid: crypto.randomUUID() };
    const deviceBudget = PUBLIC_BUDGETS["measure.follow"].device.points;
    const byDevice = await Promise.all(Array.from({ length: deviceBudget + 1 }, (_, i) => postForm(app, path, { email: `granne${i}@example.org` }, device)));
    expect(byDevice.filter((r) => r.status === 200)).toHaveLength(deviceBudget);
    const refused = byDevice.find((r) => r.status === 429)!;
    expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
    const body = (await refused.json()) as { errors: Record<string, string>; values: { email: string } };
    expect(body.errors).toEqual({ email: "limits.tooMany" });
    expect(body.values.email).toMatch(/^granne\d+@example\.org$/);

    const ip = someIp();
    const ipBudget = PUBLIC_BUDGETS["measure.follow"].ip.points;
    const byAddress = await Promise.all(Array.from({ length: ipBudget + 2 }, (_, i) => postForm(app, path, { email: `skript${i}@example.org` }, { ip })));
    expect(byAddress.filter((r) => r.status === 200)).toHaveLength(ipBudget);
    expect(byAddress.filter((r) => r.status === 429)).toHaveLength(2);
  });
});

describe("accessibility reports", () => {
  it("one device, and one address rotating cookies: each refused after its budget, the report's text kept, nothing half-saved", async () => {
    const before = await count("accessibility_reports");
    const device = { ip: someIp(), pid: crypto.randomUUID() };
    const deviceBudget = PUBLIC_BUDGETS["a11y.report"].device.points;
    const path = dataPath("/tillganglighet", "routes/tillganglighet");
    const byDevice = await Promise.all(
      Array.from({ length: deviceBudget + 1 }, (_, i) => postForm(app, path, { description: `Knappen syns inte ${i}`, pageUrl: "/dialoger" }, device)),
    );
    expect(byDevice.filter((r) => r.status === 200)).toHaveLength(deviceBudget);
    const refused = byDevice.find((r) => r.status === 429)!;
    expect(await refused.json()).toMatchObject({ ok: false, errors: { _form: "limits.tooMany" }, values: { pageUrl: "/dialoger" } });
    expect(await count("accessibility_reports")).toBe(before + deviceBudget);

    const ip = someIp();
    const ipBudget = PUBLIC_BUDGETS["a11y.report"].ip.points;
    const byAddress = await Promise.all(Array.from({ length: ipBudget + 2 }, (_, i) => postForm(app, path, { description: `Skript ${i}` }, { ip })));
    expect(byAddress.filter((r) => r.status === 200)).toHaveLength(ipBudget);
    expect(await count("accessibility_reports")).toBe(before + deviceBudget + ipBudget);
  });
});

describe("e-mail to one address", () => {
  it("17 follow requests for one address at once (17 measures): at most the daily cap is queued, the rest are told so and store nothing", async () => {
    const measures = await openMeasures(17);
    const email = `inkorg-${crypto.randomUUID()}@example.org`;
    const results = await Promise.all(measures.map((id) => requestFollow(app.db, app.config, id, email, { baseUrl: app.config.PUBLIC_URL })));
    expect(results.filter((r) => r === "ok")).toHaveLength(EMAIL_PER_ADDRESS.points);
    const capped = results.filter((r) => typeof r === "object");
    expect(capped).toHaveLength(17 - EMAIL_PER_ADDRESS.points);
    expect(capped.every((r) => typeof r === "object" && r.retryAfterSeconds > 23 * 3600)).toBe(true);
    expect(await count("email_outbox", ["to_address", email])).toBe(EMAIL_PER_ADDRESS.points);
    expect(await count("measure_followers", ["email", email])).toBe(EMAIL_PER_ADDRESS.points);
  });

  it("through the forms, from many addresses: the cap counts follow and registration mail together, and the form says so at the e-mail field", async () => {
    const email = `delad-${crypto.randomUUID()}@example.org`;
    const measures = await openMeasures(6);
    for (const id of measures) {
      const r = await postForm(app, dataPath(`/atgarder/${id}`, "routes/atgarder.$id"), { email }, { ip: someIp() });
      expect(r.status).toBe(200);
    }
    const dialogue = await makeQaDialogue(app.db, "published");
    const path = dataPath(`/dialoger/${dialogue.id}`, "routes/dialoger.$id._index");
    for (let i = 0; i < EMAIL_PER_ADDRESS.points - 6; i++) {
      const r = await postForm(app, path, { mode: "remote", email, wantsUpdates: "on" }, { ip: someIp() });
      expect(r.status).toBe(200);
    }
    const over = await postForm(app, path, { mode: "remote", email, wantsUpdates: "on", name: "Alex" }, { ip: someIp() });
    expect(over.status).toBe(429);
    expect(Number(over.headers.get("retry-after"))).toBeGreaterThan(23 * 3600);
    expect(await over.json()).toMatchObject({ ok: false, errors: { email: "limits.emailCap" }, values: { email, name: "Alex" } });
    const follow = await postForm(app, dataPath(`/atgarder/${measures[0]}`, "routes/atgarder.$id"), { email: email.toUpperCase() }, { ip: someIp() });
    expect(follow.status).toBe(429);
    expect(await follow.json()).toMatchObject({ errors: { email: "limits.emailCap" } });
    expect(await count("email_outbox", ["to_address", email])).toBe(EMAIL_PER_ADDRESS.points);
    expect(await count("dialogue_registrations", ["dialogue_id", String(dialogue.id)])).toBe(EMAIL_PER_ADDRESS.points - 6);
    // The page without JavaScript shows the Swedish message.
    const page = await postForm(app, `/dialoger/${dialogue.id}`, { mode: "remote", email, wantsUpdates: "on" }, { ip: someIp() });
    expect(page.status).toBe(429);
    expect(await page.text()).toContain("Vi har redan skickat så många e-postmeddelanden till den här adressen");
  });
});
