// Issue 10, docs/security.md "Reporting a vulnerability": researchers find where to report a
// problem from a standard place (RFC 9116), and the policy page it points to exists.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type App } from "../../helpers/app";
import { securityTxt } from "~/domain/common/security-txt";

let app: App;

beforeAll(async () => {
  app = await startApp({ env: { PUBLIC_URL: "https://tryggve.stockholm.example", SECURITY_CONTACT: "mailto:security@stockholm.example" } });
});
afterAll(async () => {
  await app.close();
});

function fields(text: string): Map<string, string> {
  return new Map(
    text
      .trim()
      .split("\n")
      .map((line) => [line.slice(0, line.indexOf(":")), line.slice(line.indexOf(":") + 1).trim()]),
  );
}

describe("/.well-known/security.txt", () => {
  it("names the contact, a future expiry, the languages, its canonical address on PUBLIC_URL and the policy", async () => {
    const res = await fetch(`${app.base}/.well-known/security.txt`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
    const f = fields(await res.text());
    expect(f.get("Contact")).toBe("mailto:security@stockholm.example");
    expect(f.get("Preferred-Languages")).toBe("sv, en");
    expect(f.get("Canonical")).toBe("https://tryggve.stockholm.example/.well-known/security.txt");
    expect(f.get("Policy")).toBe("https://tryggve.stockholm.example/sakerhet");
    const expires = new Date(f.get("Expires")!);
    expect(expires.getTime()).toBeGreaterThan(Date.now() + 300 * 86400_000);
    expect(expires.getTime()).toBeLessThanOrEqual(Date.now() + 365 * 86400_000);
  });

  it("falls back to the service's contact address", () => {
    const text = securityTxt({ publicUrl: "http://localhost:3000", contact: "mailto:tryggve@stockholm.example", now: new Date("2026-12-02T12:00:00Z") });
    expect(text).toContain("Contact: mailto:tryggve@stockholm.example\n");
    expect(text).toContain("Expires: 2027-12-01T12:00:00Z\n");
  });

  it("the policy page says how to report, in Swedish and in English", async () => {
    const sv = await fetch(`${app.base}/sakerhet`);
    expect(sv.status).toBe(200);
    const svHtml = await sv.text();
    expect(svHtml).toContain("Säkerhet och sårbarheter");
    expect(svHtml).toContain('href="mailto:security@stockholm.example"');
    const en = await fetch(`${app.base}/sakerhet?lng=en`);
    expect(await en.text()).toContain("How to report");
  });
});
