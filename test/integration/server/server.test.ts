import http from "node:http";
import path from "node:path";
import url from "node:url";
import type { AddressInfo } from "node:net";
import pino from "pino";
import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer } from "../../../server/app";
import { createTestDb } from "../../helpers/db";
import { testConfig } from "../../helpers/context";
import { seedDemo, DEMO_STAFF, DEMO_PASSWORD } from "../../../db/seed";
import { hashPassword } from "~/domain/staff/password.server";
import { fixedClock } from "~/clock";

const APP_TIME = "2026-06-15T15:30:00.000Z";
let base: string;
// The Origin checks compare with PUBLIC_URL (http://localhost:3000 in tests), never with the Host header.
const config = testConfig();
let server: ReturnType<typeof createServer>;
let db: Awaited<ReturnType<typeof createTestDb>>;

beforeAll(async () => {
  db = await createTestDb();
  await seedDemo(db, { hashPassword, now: new Date(APP_TIME) });
  const build = (await import(url.pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;
  server = createServer({ config, db, logger: pino({ level: "silent" }), getBuild: () => build, version: "test", clock: fixedClock(APP_TIME) });
  await new Promise<void>((r) => server.httpServer.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await server.close();
});

describe("http server", () => {
  it("reports health with database status, version and the app's clock", async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", database: "ok", version: "test", time: APP_TIME });
  });

  it("serves the Swedish shell with security headers, a CSP nonce on every inline script and a participant cookie", async () => {
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(200);
    const csp = res.headers.get("content-security-policy") ?? "";
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("same-origin");
    expect(res.headers.get("x-request-id")).toMatch(/[\w-]+/);
    expect(res.headers.get("set-cookie")).toMatch(/tryggve_pid=[0-9a-f-]{36}; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Lax/);
    const html = await res.text();
    expect(html).toContain('<html lang="sv">');
    const scripts = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const s of scripts) expect(s[1]).toContain(`nonce="${nonce}"`);
  });

  it("serves fingerprinted assets with long cache headers", async () => {
    const html = await (await fetch(`${base}/`)).text();
    const asset = /href="(\/build\/_assets\/[^"]+\.css)"/.exec(html)?.[1];
    expect(asset).toBeTruthy();
    const res = await fetch(`${base}${asset}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toContain("immutable");
    expect(res.headers.get("cache-control")).toContain("max-age=31536000");
  });

  it("switches to English with the language form and answers unknown routes with a localised 404", async () => {
    const sw = await fetch(`${base}/sprak`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: config.PUBLIC_URL },
      body: "lng=en&redirectTo=%2Fnothing-here",
    });
    expect(sw.status).toBe(302);
    const cookie =
      sw.headers
        .getSetCookie()
        .find((c) => c.startsWith("tryggve_lang="))
        ?.split(";")[0] ?? "";
    const res = await fetch(`${base}/nothing-here`, { headers: { cookie } });
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain("Page not found");
    expect(html).toMatch(/<title>Page not found – Tryggve<\/title>/);
    const sv = await fetch(`${base}/nothing-here`);
    expect(await sv.text()).toContain("Sidan finns inte");
  });

  it("refuses oversized form posts with a clear 413 page and no stack trace", async () => {
    const res = await fetch(`${base}/tillganglighet`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "description=" + "a".repeat(1024 * 1024 + 10),
    });
    expect(res.status).toBe(413);
    const html = await res.text();
    expect(html).toContain("Det du skickade är för stort.");
    expect(html).not.toMatch(/at \w+ \(/);
  });

  it("refuses a chunked body without a declared length, so the limit cannot be bypassed", async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const url = new URL(`${base}/tillganglighet`);
      const req = http.request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded", "transfer-encoding": "chunked" },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on("error", reject);
      req.write("description=" + "a".repeat(64 * 1024));
      req.end();
    });
    expect(status).toBe(411);
    expect(await db.selectFrom("accessibility_reports").select("id").execute()).toHaveLength(0);
  });

  it("refuses cross-site form posts", async () => {
    const res = await fetch(`${base}/tillganglighet`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "https://evil.example" },
      body: "description=x",
    });
    expect(res.status).toBe(403);
  });

  it("answers a malformed (non-form) post with a 400, not a crash", async () => {
    const res = await fetch(`${base}/tillganglighet`, {
      method: "POST",
      headers: { "content-type": "multipart/form-data; boundary=nothing" },
      body: "garbage",
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Formuläret kunde inte läsas");
  });

  it("signs a demo moderator in through the real form post", async () => {
    const moderator = DEMO_STAFF.find((s) => s.role === "moderator")!;
    const res = await fetch(`${base}/personal/logga-in?_data=routes%2Fpersonal.logga-in`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: config.PUBLIC_URL },
      body: new URLSearchParams({ email: moderator.email, password: DEMO_PASSWORD }).toString(),
    });
    expect([200, 204, 302]).toContain(res.status);
    expect(res.headers.get("set-cookie")).toMatch(/tryggve_staff=/);
  });
});
