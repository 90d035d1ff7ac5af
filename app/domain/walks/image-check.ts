/** Photo checks that need no image library. Pure. */

export const PHOTO_MAX_BYTES = 10 * 1024 * 1024;
/** Decoding more pixels than this is refused before decoding (a "pixel flood" / decompression bomb). */
export const PHOTO_MAX_PIXELS = 40_000_000;
/** Stored photos are at most this many pixels on the long side. */
export const PHOTO_MAX_EDGE = 1600;

export type ImageKind = "jpeg" | "png" | "webp";

/** The format by content (magic bytes), never by file name or declared type. */
export function sniffImage(bytes: Uint8Array): ImageKind | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "jpeg";
  if (bytes.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((b, i) => bytes[i] === b)) return "png";
  if (
    bytes.length >= 12 &&
    String.fromCharCode(bytes[0], bytes[1], bytes[2], bytes[3]) === "RIFF" &&
    String.fromCharCode(bytes[8], bytes[9], bytes[10], bytes[11]) === "WEBP"
  ) {
    return "webp";
  }
  return null;
}

/** Server-generated file names only: a UUID and .jpg. Anything else is not ours. */
export const PHOTO_NAME = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\.jpg$/;
