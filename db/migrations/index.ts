import type { Migration } from "kysely";
import * as m0001 from "./0001_foundation";
import * as m0002 from "./0002_dialogues";
import * as m0003 from "./0003_questions";
import * as m0004 from "./0004_walks";
import * as m0005 from "./0005_measures";
import * as m0006 from "./0006_measure_checks";
import * as m0007 from "./0007_staff_mfa";
import * as m0008 from "./0008_staff_oidc";
import * as m0009 from "./0009_email_quota";
import * as m0010 from "./0010_polls";
import * as m0011 from "./0011_cameras";
import * as m0012 from "./0012_indicators";
import * as m0013 from "./0013_camera_review_reminders";
import * as m0018 from "./0018_tally_version";

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
  "0007_staff_mfa": m0007,
  "0008_staff_oidc": m0008,
  "0009_email_quota": m0009,
  "0010_polls": m0010,
  "0011_cameras": m0011,
  "0012_indicators": m0012,
  "0013_camera_review_reminders": m0013,
  "0018_tally_version": m0018,
};
