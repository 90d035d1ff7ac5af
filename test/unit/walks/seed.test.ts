import { describe, expect, it } from "vitest";
import { seedDemo } from "../../../db/seed";
import { createTestDb } from "../../helpers/db";

describe("demo walk seed", () => {
  it("adds a Skarpnäck walk with a route, groups and observations including a positive place", async () => {
    const db = await createTestDb();
    // A fast stand-in hash: the seed only stores it.
    await seedDemo(db, { hashPassword: async () => "x" });
    const walk = await db
      .selectFrom("walks")
      .innerJoin("districts", "districts.id", "walks.district_id")
      .select(["walks.id", "walks.route", "walks.status", "districts.slug"])
      .executeTakeFirstOrThrow();
    expect(walk.slug).toBe("skarpnack");
    expect(walk.status).toBe("protocol");
    expect(JSON.parse(walk.route ?? "[]").length).toBeGreaterThan(1);
    const obs = await db.selectFrom("walk_observations").select(["positive", "status", "lat", "lng"]).where("walk_id", "=", walk.id).execute();
    expect(obs).toHaveLength(5);
    expect(obs.filter((o) => o.positive === 1)).toHaveLength(1);
    expect(obs.every((o) => o.status === "published" && o.lat > 59.2 && o.lng > 18)).toBe(true);
    expect(await db.selectFrom("walk_groups").select("id").where("walk_id", "=", walk.id).execute()).toHaveLength(2);
    await db.destroy();
  });
});
