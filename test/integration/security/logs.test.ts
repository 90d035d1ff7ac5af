// Issue 10, finding 1: the request log carried every cookie (a replayable staff session) and tied
// each resident's tryggve_pid to a full IP address. docs/security.md, "Logs".
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cookiePairs, signIn, startApp, type App } from "../../helpers/app";
import { scrubUrl, truncateIp } from "../../../server/logging";

const lines: string[] = [];
// Every line the server writes at the default level (info), captured in memory.
const logger = pino({ level: "info" }, { write: (line: string) => void lines.push(line) });
const CLIENT_IP = "198.51.100.77";
let app: App;

beforeAll(async () => {
  // Behind a proxy (TRUST_PROXY): the client address comes from X-Forwarded-For, as in production.
  app = await startApp({ env: { LOG_LEVEL: "info", TRUST_PROXY: "true" }, logger });
});
afterAll(async () => {
  await app.close();
});

describe("request logs", () => {
  it("carry neither the staff session cookie, nor tryggve_pid, nor a full IP, through a real sign-in", async () => {
    const xff = { "x-forwarded-for": CLIENT_IP };
    // A resident device first: the server hands out tryggve_pid.
    const home = await fetch(`${app.base}/`, { headers: xff });
    const pidCookie = cookiePairs(home).find((c) => c.startsWith("tryggve_pid="))!;
    const pid = pidCookie.split("=")[1]!;
    expect(pid).toMatch(/^[0-9a-f-]{36}$/);

    // The same device signs in for real, then uses staff pages, a data request and a refused one.
    const { res, session } = await signIn(app, { headers: { ...xff, cookie: pidCookie, authorization: "Basic c2VjcmV0OnNlY3JldA==" } });
    expect(res.status).toBe(302);
    expect(session).toBeTruthy();
    const cookie = `${pidCookie}; ${session!}`;
    expect((await fetch(`${app.base}/personal`, { headers: { ...xff, cookie } })).status).toBe(200);
    expect((await fetch(`${app.base}/personal/utkorg?_data=routes%2Fpersonal.utkorg._index`, { headers: { ...xff, cookie } })).status).toBe(200);
    expect((await fetch(`${app.base}/personal/konton`, { headers: { ...xff, cookie } })).status).toBe(403);
    // A link token from an e-mail (cancel a registration) in the path.
    await fetch(`${app.base}/dialoger/avboka/cancel-token-abc123def456`, { headers: { ...xff, cookie } });
    await expect.poll(() => lines.filter((l) => l.includes('"msg":"request completed"')).length).toBeGreaterThanOrEqual(6);

    const log = lines.join("\n");
    const sessionValue = session!.slice(session!.indexOf("=") + 1);
    const sessionId = JSON.parse(Buffer.from(decodeURIComponent(sessionValue).split(".")[0]!, "base64").toString("utf8")) as string;
    // None of this is in it…
    expect(log).not.toContain(sessionValue);
    expect(log).not.toContain(decodeURIComponent(sessionValue));
    expect(log).not.toContain(sessionId);
    expect(log).not.toContain(pid);
    expect(log).not.toContain("tryggve_pid");
    expect(log).not.toContain("c2VjcmV0OnNlY3JldA==");
    expect(log).not.toContain(CLIENT_IP);
    expect(log).not.toContain("cancel-token-abc123def456");
    // …though the log is really there, with the requests and their (truncated) network.
    expect(log).toContain("/personal/logga-in");
    expect(log).toContain("198.51.100.0/24");
    expect(log).toContain("[redacted]");
  });
});

describe("what the log keeps of an address and a URL", () => {
  it("truncates IPv4 to /24 and IPv6 to /48, IPv4-mapped IPv6 as IPv4", () => {
    expect(truncateIp("203.0.113.9")).toBe("203.0.113.0/24");
    expect(truncateIp("::ffff:203.0.113.9")).toBe("203.0.113.0/24");
    expect(truncateIp("2001:db8:85a3:8d3:1319:8a2e:370:7348")).toBe("2001:db8:85a3::/48");
    expect(truncateIp("2001:db8::1")).toBe("2001:db8:0::/48");
    expect(truncateIp("::1")).toBe("0:0:0::/48");
    expect(truncateIp("fe80::1%eth0")).toBe("fe80:0:0::/48");
    expect(truncateIp("not an address")).toBeUndefined();
    expect(truncateIp(undefined)).toBeUndefined();
  });

  it("replaces the secret of an e-mail link, in paths and in full URLs", () => {
    expect(scrubUrl("/atgarder/folj/abc?x=1")).toBe("/atgarder/folj/[redacted]?x=1");
    expect(scrubUrl("/atgarder/avfolj/abc")).toBe("/atgarder/avfolj/[redacted]");
    expect(scrubUrl("https://tryggve.example/dialoger/avboka/abc")).toBe("https://tryggve.example/dialoger/avboka/[redacted]");
    expect(scrubUrl("/dialoger/12")).toBe("/dialoger/12");
  });
});
