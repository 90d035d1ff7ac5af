import type { Migration } from "kysely";
import * as m0001 from "./0001_foundation";
import * as m0002 from "./0002_dialogues";
import * as m0003 from "./0003_questions";
import * as m0004 from "./0004_walks";
import * as m0005 from "./0005_measures";
import * as m0006 from "./0006_measure_checks";

/**
 * Static list so migrations work the same under tsx, vitest and any bundler.
 * Append new migrations here; names sort lexically.
 */
export const migrations: Record<string, Migration> = {
  "0001_foundation": m0001,
  "0002_dialogues": m0002,
  "0003_questions": m0003,
  "0004_walks": m0004,
  "0005_measures": m0005,
  "0006_measure_checks": m0006,
};
