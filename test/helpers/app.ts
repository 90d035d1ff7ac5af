import http from "node:http";
import path from "node:path";
import url from "node:url";
import type { AddressInfo } from "node:net";
import pino, { type Logger } from "pino";
import type { ServerBuild } from "@remix-run/node";
import { createServer } from "../../server/app";
import { DEMO_PASSWORD, DEMO_STAFF, seedDemo } from "../../db/seed";
import { hashPassword } from "~/domain/staff/password.server";
import type { Config } from "~/config.server";
import { createTestDb } from "./db";
import { testConfig } from "./context";

export type App = Awaited<ReturnType<typeof startApp>>;

/**
 * The real server (server/app.ts with the Remix build) on 127.0.0.1 port 0, over a fresh
 * database with the demo data. `env` is configuration as the environment would give it; the
 * Origin checks compare with `config.PUBLIC_URL` (http://localhost:3000 unless `env` sets it).
 */
export async function startApp(opts: { env?: Record<string, string>; logger?: Logger } = {}) {
  const db = await createTestDb();
  await seedDemo(db, { hashPassword, now: new Date() });
  const build = (await import(url.pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;
  const config: Config = testConfig(opts.env);
  const server = createServer({ config, db, logger: opts.logger ?? pino({ level: "silent" }), getBuild: () => build, version: "test" });
  await new Promise<void>((r) => server.httpServer.listen(0, "127.0.0.1", r));
  const base = `http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}`;
  return { base, config, db, server, close: () => server.close() };
}

export const demoStaff = (role: (typeof DEMO_STAFF)[number]["role"]) => DEMO_STAFF.find((s) => s.role === role)!;

/** The name=value part of each Set-Cookie. */
export function cookiePairs(res: Response): string[] {
  return res.headers.getSetCookie().map((c) => c.split(";")[0]!);
}

/**
 * The headers a browser on PUBLIC_URL sends with a form post, through a proxy that keeps the Host:
 * Origin and Host both name PUBLIC_URL (Remix itself refuses an action whose Origin and Host differ).
 */
export function fromSite(config: Pick<Config, "PUBLIC_URL">): Record<string, string> {
  return { origin: config.PUBLIC_URL, host: new URL(config.PUBLIC_URL).host };
}

/**
 * Signs a demo account in through the real form post and returns the response (a 302 on success)
 * and the session cookie's name=value. `headers` adds to (or replaces) the Origin, Host and Cookie.
 */
export async function signIn(
  app: Pick<App, "base" | "config">,
  opts: { role?: (typeof DEMO_STAFF)[number]["role"]; redirectTo?: string; password?: string; headers?: Record<string, string> } = {},
) {
  const staff = demoStaff(opts.role ?? "moderator");
  const fields: Record<string, string> = { email: staff.email, password: opts.password ?? DEMO_PASSWORD };
  if (opts.redirectTo !== undefined) fields.redirectTo = opts.redirectTo;
  const res = await request(app.base, "/personal/logga-in", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...fromSite(app.config), ...opts.headers },
    body: new URLSearchParams(fields).toString(),
  });
  const session = cookiePairs(res).find((c) => /^(__Host-)?tryggve_staff=./.test(c));
  return { res, session, staff };
}

/**
 * fetch() for what fetch will not send as given (a Host header): node:http underneath, redirects
 * not followed, the answer as a standard Response.
 */
export function request(base: string, path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Response> {
  const target = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: init.method ?? "GET",
        path,
        headers: { ...(init.body !== undefined ? { "content-length": String(Buffer.byteLength(init.body)) } : {}), ...init.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (d: Buffer) => chunks.push(d));
        res.on("end", () => {
          const headers = new Headers();
          for (const [name, value] of Object.entries(res.headers)) {
            for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, v);
          }
          const status = res.statusCode ?? 0;
          const body = [101, 204, 205, 304].includes(status) ? null : Buffer.concat(chunks);
          resolve(new Response(body, { status, headers }));
        });
      },
    );
    req.on("error", reject);
    req.end(init.body);
  });
}
