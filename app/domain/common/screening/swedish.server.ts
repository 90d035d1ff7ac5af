/**
 * The shipped Swedish blocklist, compiled once per process: the Q&A pre-screen and
 * the walk observation screening read the same list. Server-only, so the data file
 * stays out of the browser bundle.
 */
import { loadBlocklist, type Blocklist } from "~/domain/common/screening/blocklist";
import blocklistJson from "~/domain/common/screening/blocklist.sv.json";

let compiled: Blocklist | undefined;

export function swedishBlocklist(): Blocklist {
  compiled ??= loadBlocklist(blocklistJson);
  return compiled;
}
