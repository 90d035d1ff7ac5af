/**
 * Observation photos: checked by content, decoded with a pixel limit,
 * re-encoded as JPEG at most PHOTO_MAX_EDGE px, every metadata block (EXIF
 * incl. GPS, XMP, IPTC, ICC) dropped, stored under a server-generated name.
 * Photos are never public until staff approve them (no identifiable people).
 */
import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import type { DB } from "../../../db/connection";
import { logAudit } from "~/domain/audit/audit.server";
import { PHOTO_MAX_BYTES, PHOTO_MAX_EDGE, PHOTO_MAX_PIXELS, PHOTO_NAME, sniffImage } from "~/domain/walks/image-check";

export type PhotoError = "walks.errors.photoNotImage" | "walks.errors.photoTooLarge" | "walks.errors.photoTooManyPixels" | "walks.errors.photoUnreadable";

export type ProcessedPhoto = { ok: true; data: Buffer; width: number; height: number } | { ok: false; error: PhotoError };

export async function processPhoto(bytes: Uint8Array): Promise<ProcessedPhoto> {
  if (bytes.byteLength > PHOTO_MAX_BYTES) return { ok: false, error: "walks.errors.photoTooLarge" };
  if (!sniffImage(bytes)) return { ok: false, error: "walks.errors.photoNotImage" };
  try {
    // Header first: refuse a pixel flood before any decoding.
    const meta = await sharp(bytes, { limitInputPixels: PHOTO_MAX_PIXELS }).metadata();
    if (!meta.width || !meta.height) return { ok: false, error: "walks.errors.photoUnreadable" };
    if (meta.width * meta.height > PHOTO_MAX_PIXELS) return { ok: false, error: "walks.errors.photoTooManyPixels" };
    // rotate() applies the EXIF orientation to the pixels, so dropping EXIF keeps the picture upright.
    // sharp writes no metadata unless withMetadata()/keepMetadata() is called.
    const { data, info } = await sharp(bytes, { limitInputPixels: PHOTO_MAX_PIXELS, failOn: "error" })
      .rotate()
      .resize({ width: PHOTO_MAX_EDGE, height: PHOTO_MAX_EDGE, fit: "inside", withoutEnlargement: true })
      .jpeg({ quality: 80, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    return { ok: true, data, width: info.width, height: info.height };
  } catch (err) {
    const message = err instanceof Error ? err.message : "";
    if (/pixel limit/i.test(message)) return { ok: false, error: "walks.errors.photoTooManyPixels" };
    return { ok: false, error: "walks.errors.photoUnreadable" };
  }
}

export type StorePhotoResult = { ok: true; fileName: string } | { ok: false; error: PhotoError | "walks.notFound" | "walks.errors.notYours" };

/**
 * Attaches a photo to an observation of this device (or replaces its photo:
 * a retry after a broken upload is harmless). The new photo waits for review.
 */
export async function storePhoto(
  db: DB,
  config: { PHOTO_DIR: string },
  observationId: number,
  bytes: Uint8Array,
  who: { participantId: string },
  now: Date = new Date(),
): Promise<StorePhotoResult> {
  const obs = await db.selectFrom("walk_observations").select(["id", "participant_id", "walk_id"]).where("id", "=", observationId).executeTakeFirst();
  if (!obs) return { ok: false, error: "walks.notFound" };
  if (obs.participant_id !== who.participantId) return { ok: false, error: "walks.errors.notYours" };
  const processed = await processPhoto(bytes);
  if (!processed.ok) return processed;
  const fileName = `${crypto.randomUUID()}.jpg`;
  await fs.mkdir(config.PHOTO_DIR, { recursive: true });
  const target = path.join(config.PHOTO_DIR, fileName);
  await fs.writeFile(target, processed.data, { flag: "wx" });
  let previous: string | null = null;
  try {
    await db.transaction().execute(async (trx) => {
      const old = await trx.selectFrom("walk_photos").select("file_name").where("observation_id", "=", observationId).executeTakeFirst();
      previous = old?.file_name ?? null;
      if (old) await trx.deleteFrom("walk_photos").where("observation_id", "=", observationId).execute();
      await trx
        .insertInto("walk_photos")
        .values({
          observation_id: observationId,
          file_name: fileName,
          width: processed.width,
          height: processed.height,
          bytes: processed.data.byteLength,
          created_at: now.toISOString(),
        })
        .execute();
      await logAudit(
        trx,
        {
          actor: null,
          action: "walk.photo_uploaded",
          targetType: "walk_observation",
          targetId: observationId,
          details: { walkId: obs.walk_id, bytes: processed.data.byteLength },
        },
        now,
      );
    });
  } catch (err) {
    await fs.rm(target, { force: true });
    throw err;
  }
  if (previous) await fs.rm(path.join(config.PHOTO_DIR, previous), { force: true });
  return { ok: true, fileName };
}

/** Who may see a stored photo: anyone once approved; staff and the uploading device before that. */
export async function readPhoto(
  db: DB,
  config: { PHOTO_DIR: string },
  fileName: string,
  who: { participantId: string | null; staff: boolean },
): Promise<Buffer | null> {
  if (!PHOTO_NAME.test(fileName)) return null;
  const row = await db
    .selectFrom("walk_photos as p")
    .innerJoin("walk_observations as o", "o.id", "p.observation_id")
    .select(["p.status", "o.participant_id", "o.status as obs_status"])
    .where("p.file_name", "=", fileName)
    .executeTakeFirst();
  if (!row) return null;
  const publicOk = row.status === "approved" && row.obs_status === "published";
  const ownerOk = who.participantId !== null && row.participant_id === who.participantId;
  if (!publicOk && !ownerOk && !who.staff) return null;
  try {
    return await fs.readFile(path.join(config.PHOTO_DIR, fileName));
  } catch {
    return null;
  }
}
