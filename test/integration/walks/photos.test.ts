import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../../db/connection";
import { processPhoto, readPhoto, storePhoto } from "~/domain/walks/photos.server";
import { submitObservation } from "~/domain/walks/observations.server";
import { ObservationSchema } from "~/domain/walks/walk.schema";
import { createTestDb } from "../../helpers/db";
import { makeWalk, observation } from "../../helpers/walks";

let db: DB;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tryggve-photos-"));
const config = { PHOTO_DIR: dir };
const PID = "0b8f1c3e-1111-4aaa-8bbb-123456789abc";

beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => {
  await db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A real JPEG with EXIF GPS tags (Stockholm) and a camera make, as a phone writes it. */
async function jpegWithGps(width = 2400, height = 1800) {
  return sharp({ create: { width, height, channels: 3, background: { r: 120, g: 140, b: 160 } } })
    .withExif({
      IFD0: { Make: "TestPhone", Model: "X1", Copyright: "Anna Andersson" },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: "59/1 16/1 12/1", GPSLongitudeRef: "E", GPSLongitude: "18/1 6/1 48/1" },
    })
    .jpeg()
    .toBuffer();
}

describe("photo pipeline", () => {
  it("the test photo really carries GPS before processing", async () => {
    const meta = await sharp(await jpegWithGps()).metadata();
    expect(meta.exif).toBeDefined();
    expect(meta.exif!.toString("latin1")).toContain("TestPhone");
  });

  it("re-encodes, shrinks and strips every metadata block including GPS", async () => {
    const r = await processPhoto(await jpegWithGps());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const meta = await sharp(r.data).metadata();
    expect(meta.format).toBe("jpeg");
    expect(Math.max(meta.width!, meta.height!)).toBe(1600);
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(meta.iptc).toBeUndefined();
    expect(r.data.toString("latin1")).not.toContain("TestPhone");
    expect(r.data.toString("latin1")).not.toContain("Exif");
  });

  it("refuses what is not an image, too large a file, and a pixel flood", async () => {
    expect(await processPhoto(new TextEncoder().encode("<svg xmlns='http://www.w3.org/2000/svg'/>"))).toEqual({
      ok: false,
      error: "walks.errors.photoNotImage",
    });
    expect(await processPhoto(new Uint8Array(10 * 1024 * 1024 + 1))).toEqual({ ok: false, error: "walks.errors.photoTooLarge" });
    // A tiny PNG that declares 10,000 × 10,000 pixels (100 MP).
    const flood = await sharp({ create: { width: 10000, height: 10000, channels: 3, background: { r: 0, g: 0, b: 0 } } })
      .png({ compressionLevel: 9 })
      .toBuffer();
    expect(flood.byteLength).toBeLessThan(10 * 1024 * 1024);
    expect(await processPhoto(flood)).toEqual({ ok: false, error: "walks.errors.photoTooManyPixels" });
    // JPEG magic bytes followed by garbage.
    expect(await processPhoto(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]))).toEqual({ ok: false, error: "walks.errors.photoUnreadable" });
  });

  it("stores under a server-generated name, only for the owner, and serves it to the public only after approval", async () => {
    const walk = await makeWalk(db);
    const sub = await submitObservation(db, ObservationSchema.parse(observation(walk.id, "photo-key-0001")), { participantId: PID, lateWindowDays: 14 });
    expect(sub.ok).toBe(true);
    if (!sub.ok) return;
    const id = sub.observation.id;
    expect(await storePhoto(db, config, id, await jpegWithGps(), { participantId: "5f0c3a52-3d1e-4f7a-9a4b-2f7a1c9e8d10" })).toEqual({
      ok: false,
      error: "walks.errors.notYours",
    });
    const stored = await storePhoto(db, config, id, await jpegWithGps(800, 600), { participantId: PID });
    expect(stored.ok).toBe(true);
    if (!stored.ok) return;
    expect(stored.fileName).toMatch(/^[0-9a-f-]{36}\.jpg$/);
    const onDisk = fs.readFileSync(path.join(dir, stored.fileName));
    expect((await sharp(onDisk).metadata()).exif).toBeUndefined();
    expect(await readPhoto(db, config, stored.fileName, { participantId: null, staff: false })).toBeNull();
    expect(await readPhoto(db, config, stored.fileName, { participantId: PID, staff: false })).not.toBeNull();
    expect(await readPhoto(db, config, "../../etc/passwd", { participantId: PID, staff: true })).toBeNull();
    await db.updateTable("walk_photos").set({ status: "approved" }).where("observation_id", "=", id).execute();
    expect(await readPhoto(db, config, stored.fileName, { participantId: null, staff: false })).not.toBeNull();
  });
});
