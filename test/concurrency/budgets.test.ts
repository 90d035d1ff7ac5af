/**
 * The public budgets' check-and-consume is atomic (app/domain/common/rate-limits.server.ts):
 * requests sent at once are counted one after another, so exactly the budget gets through,
 * a refusal gives back what the earlier budgets took, and the daily e-mail cap holds under a
 * burst. Addresses are keyed so that IPv6 clients cannot rotate within their /64.
 */
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../db/connection";
import { EMAIL_PER_ADDRESS, PUBLIC_BUDGETS } from "~/domain/common/rate-budgets";
import { consumePublicBudget, ipKey } from "~/domain/common/rate-limits.server";
import { queueCappedEmail } from "~/domain/email/outbox.server";
import { testConfig } from "../helpers/context";
import { createTestDb } from "../helpers/db";

let db: DB;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => {
  await db.destroy();
});

describe("public budgets under a burst", () => {
  it("one address, a fresh device each, all at once: exactly the address's budget is admitted", async () => {
    const ip = "203.0.113.7";
    const budget = PUBLIC_BUDGETS["a11y.report"].ip.points;
    const results = await Promise.all(Array.from({ length: budget * 3 }, () => consumePublicBudget(db, "a11y.report", { device: crypto.randomUUID(), ip })));
    expect(results.filter((r) => r.ok)).toHaveLength(budget);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.by === "ip" && r.retryAfterSeconds > 0)).toBe(true);
  });

  it("a device over its own budget does not use up its address: the room behind it keeps its share", async () => {
    const ip = "203.0.113.8";
    const script = crypto.randomUUID();
    const { device, ip: room } = PUBLIC_BUDGETS["measure.follow"];
    const byScript = await Promise.all(Array.from({ length: device.points * 5 }, () => consumePublicBudget(db, "measure.follow", { device: script, ip })));
    expect(byScript.filter((r) => r.ok)).toHaveLength(device.points);
    expect(byScript.filter((r) => !r.ok).every((r) => !r.ok && r.by === "device")).toBe(true);
    const neighbours = await Promise.all(
      Array.from({ length: room.points - device.points }, () => consumePublicBudget(db, "measure.follow", { device: crypto.randomUUID(), ip })),
    );
    expect(neighbours.every((r) => r.ok)).toBe(true);
  });

  it("refused at the address, a device keeps its points (they are given back)", async () => {
    const ip = "203.0.113.9";
    const budget = PUBLIC_BUDGETS["qa.vote"];
    const pid = crypto.randomUUID();
    // Fill the question's per-address budget with other devices, then one device tries five times.
    await Promise.all(
      Array.from({ length: budget.ipPerTarget.points }, () => consumePublicBudget(db, "qa.vote", { device: crypto.randomUUID(), ip, target: 1 })),
    );
    const refused = await Promise.all(Array.from({ length: 5 }, () => consumePublicBudget(db, "qa.vote", { device: pid, ip, target: 1 })));
    expect(refused.every((r) => !r.ok && r.by === "ip")).toBe(true);
    // All of its device budget is still there for another question.
    const other = await Promise.all(
      Array.from({ length: budget.device.points }, (_, i) => consumePublicBudget(db, "qa.vote", { device: pid, ip, target: 100 + i })),
    );
    expect(other.every((r) => r.ok)).toBe(true);
  });

  it("IPv6 addresses count by their /64; IPv4-mapped addresses as IPv4", () => {
    expect(ipKey("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(ipKey("2001:db8:1:2:ffff:ffff:ffff:fffe")).toBe("2001:db8:1:2::/64");
    expect(ipKey("2001:0db8:0001:0002::")).toBe("2001:db8:1:2::/64");
    expect(ipKey("::1")).toBe("0:0:0:0::/64");
    expect(ipKey("::ffff:192.0.2.1")).toBe("192.0.2.1");
    expect(ipKey("192.0.2.1")).toBe("192.0.2.1");
  });
});

describe("the daily e-mail cap under a burst", () => {
  it("17 capped mails for one address at once, its case varied: exactly the cap is queued", async () => {
    const to = `burst-${crypto.randomUUID()}@example.org`;
    const results = await Promise.all(
      Array.from({ length: 17 }, (_, i) =>
        queueCappedEmail(db, testConfig(), { kind: "measure_follow_confirm", to: i % 2 ? to.toUpperCase() : to, subject: "s", text: "t" }),
      ),
    );
    expect(results.filter((r) => r.queued)).toHaveLength(EMAIL_PER_ADDRESS.points);
    const stored = await db
      .selectFrom("email_outbox")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where((eb) => eb(eb.fn("lower", ["to_address"]), "=", to))
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(EMAIL_PER_ADDRESS.points);
  });

  it("a new window starts a day after the first mail", async () => {
    const to = `window-${crypto.randomUUID()}@example.org`;
    const start = new Date("2026-03-01T08:00:00Z");
    for (let i = 0; i < EMAIL_PER_ADDRESS.points; i++) {
      expect((await queueCappedEmail(db, testConfig(), { kind: "reminder", to, subject: "s", text: "t" }, start)).queued).toBe(true);
    }
    const late = await queueCappedEmail(db, testConfig(), { kind: "reminder", to, subject: "s", text: "t" }, new Date("2026-03-02T07:59:00Z"));
    expect(late).toEqual({ queued: false, retryAfterSeconds: 60 });
    expect((await queueCappedEmail(db, testConfig(), { kind: "reminder", to, subject: "s", text: "t" }, new Date("2026-03-02T08:00:00Z"))).queued).toBe(true);
  });
});
