import type { DB } from "../../db/connection";
import { makeDistrict } from "./factories";

/** A dialogue row in the given status, for Q&A tests. */
export async function makeQaDialogue(db: DB, status: "draft" | "published" | "ongoing" | "ended" = "ongoing") {
  const district = await makeDistrict(db);
  const now = new Date();
  return db
    .insertInto("dialogues")
    .values({
      district_id: district.id,
      title: "Trygghetsdialog i testområdet",
      status,
      starts_at: new Date(now.getTime() + 3600_000).toISOString(),
      ends_at: new Date(now.getTime() + 3 * 3600_000).toISOString(),
      format: "hybrid",
      purpose: "Test",
      ladder_level: "dialog",
      influence_open: "Belysning",
      influence_closed: "Polisens resurser",
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
