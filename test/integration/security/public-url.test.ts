// Issue 10, finding 3 and "Origin of every link": with PUBLIC_URL unset, an anonymous POST with
// `Host: tryggve-stockholm.evil.example` made the site mail links to that host, and the Origin
// checks compared with the Host header. docs/security.md, "One public origin".
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fromSite, request, startApp, type App } from "../../helpers/app";
import { makeQaDialogue } from "../../helpers/qa";
import { loadConfig } from "~/config.server";
import { childEnv } from "../../helpers/child-env";

const EVIL_HOST = "tryggve-stockholm.evil.example";
const EVIL_ORIGIN = `http://${EVIL_HOST}`;
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const FORM = { "content-type": "application/x-www-form-urlencoded" };

/** Every absolute http(s) URL in a text. */
const urlsIn = (text: string) => [...text.matchAll(/https?:\/\/[^\s"'<>)]+/g)].map((m) => m[0]);

let app: App;

beforeAll(async () => {
  // Development/test defaults: no PUBLIC_URL set, so it is http://localhost:${PORT}.
  app = await startApp();
});
afterAll(async () => {
  await app.close();
});

describe("links in e-mail", () => {
  it("point at PUBLIC_URL after an anonymous POST with a forged Host header", async () => {
    expect(app.config.PUBLIC_URL).toBe("http://localhost:3000");
    const dialogue = await makeQaDialogue(app.db, "published");
    const register = await request(app.base, `/dialoger/${dialogue.id}?_data=routes%2Fdialoger.%24id._index`, {
      method: "POST",
      headers: { ...FORM, host: EVIL_HOST },
      body: form({ mode: "in_person", email: "resident@example.org", wantsUpdates: "on" }),
    });
    expect(register.status).toBe(200);
    expect(((await register.json()) as { cancelUrl: string }).cancelUrl).toMatch(/^http:\/\/localhost:3000\/dialoger\/avboka\//);

    const measures = await app.db.selectFrom("measures").select("id").orderBy("id").execute();
    let followed = false;
    for (const m of measures) {
      const follow = await request(app.base, `/atgarder/${m.id}?_data=routes%2Fatgarder.%24id`, {
        method: "POST",
        headers: { ...FORM, host: EVIL_HOST },
        body: form({ email: "neighbour@example.org" }),
      });
      if (follow.status === 200) {
        followed = true;
        break;
      }
    }
    expect(followed).toBe(true);

    const mail = await app.db.selectFrom("email_outbox").select(["to_address", "text_body", "ics_content"]).execute();
    expect(mail.map((m) => m.to_address).sort()).toEqual(["neighbour@example.org", "resident@example.org"]);
    const urls = mail.flatMap((m) => urlsIn(`${m.text_body}\n${m.ics_content ?? ""}`));
    expect(urls.length).toBeGreaterThanOrEqual(2);
    for (const u of urls) expect(new URL(u).origin).toBe("http://localhost:3000");
    for (const m of mail) expect(`${m.text_body}${m.ics_content ?? ""}`).not.toContain("evil.example");
  });

  it("and in calendars: links and the iCal UID come from PUBLIC_URL, not the Host header", async () => {
    const dialogue = await makeQaDialogue(app.db, "published");
    const ics = await request(app.base, `/dialoger/${dialogue.id}/kalender.ics`, { headers: { host: EVIL_HOST } });
    expect(ics.status).toBe(200);
    const body = await ics.text();
    expect(body).toContain(`UID:dialogue-${dialogue.id}@localhost:3000`);
    expect(body).not.toContain("evil.example");
  });
});

describe("the Origin checks compare with PUBLIC_URL, never with the Host header", () => {
  it("refuse a form post whose Origin matches only a forged Host", async () => {
    const res = await request(app.base, "/sprak", {
      method: "POST",
      headers: { ...FORM, host: EVIL_HOST, origin: EVIL_ORIGIN },
      body: form({ lng: "en", redirectTo: "/" }),
    });
    expect(res.status).toBe(403);
    const own = await request(app.base, "/sprak", {
      method: "POST",
      headers: { ...FORM, ...fromSite(app.config) },
      body: form({ lng: "en", redirectTo: "/" }),
    });
    expect(own.status).toBe(302);
  });

  it("refuse a socket handshake whose Origin matches only a forged Host", async () => {
    const handshake = (headers: Record<string, string>) => request(app.base, "/socket.io/?EIO=4&transport=polling", { headers });
    expect((await handshake({ host: EVIL_HOST, origin: EVIL_ORIGIN })).status).toBe(403);
    expect((await handshake(fromSite(app.config))).status).toBe(200);
  });
});

describe("PUBLIC_URL in production", () => {
  it("is required: the server refuses to start without it, saying why", () => {
    expect(() => loadConfig({ NODE_ENV: "production", SESSION_SECRET: "x".repeat(40) })).toThrow(/PUBLIC_URL is required in production/);
    const db = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "tryggve-public-url-")), "db.sqlite");
    const r = spawnSync(process.execPath, ["--import", "tsx", "server/index.ts"], {
      env: childEnv({ NODE_ENV: "production", SESSION_SECRET: "x".repeat(40), DATABASE_PATH: db, PORT: "0" }),
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("PUBLIC_URL is required in production");
  });

  it("must be a bare http(s) origin, and is the origin when given", () => {
    const prod = { NODE_ENV: "production", SESSION_SECRET: "x".repeat(40) };
    expect(loadConfig({ ...prod, PUBLIC_URL: "https://tryggve.stockholm.example/" }).PUBLIC_URL).toBe("https://tryggve.stockholm.example");
    expect(() => loadConfig({ ...prod, PUBLIC_URL: "https://tryggve.stockholm.example/app" })).toThrow(/PUBLIC_URL must be an origin only/);
    expect(() => loadConfig({ ...prod, PUBLIC_URL: "ftp://tryggve.stockholm.example" })).toThrow(/PUBLIC_URL must be an http/);
    expect(loadConfig({ PORT: "4321" }).PUBLIC_URL).toBe("http://localhost:4321");
  });
});
