import type { Migration } from "kysely";
import * as m0001 from "./0001_foundation";

/**
 * Static list so migrations work the same under tsx, vitest and any bundler.
 * Append new migrations here; names sort lexically.
 */
export const migrations: Record<string, Migration> = {
  "0001_foundation": m0001,
};
