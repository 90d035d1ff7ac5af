/**
 * The personal-data screening of observation text: the Q&A pre-screen
 * (app/domain/questions/prescreen.ts) applied to every free-text field.
 * Pure. A flagged observation is held for staff; a clean one is public at once.
 *
 * Street addresses are not a reason to hold: an observation is *about* a place,
 * and its address or landmark is the point. Shouting and duplicates are Q&A
 * concerns, not privacy ones.
 */
import { loadBlocklist, type Blocklist } from "~/domain/questions/blocklist";
import blocklistJson from "~/domain/questions/blocklist.sv.json";
import { prescreen, type FlagKind } from "~/domain/questions/prescreen";

export const HOLDING_FLAGS: readonly FlagKind[] = ["personnummer", "phone", "email", "url", "blocklist"];

let compiled: Blocklist | undefined;
function blocklist(): Blocklist {
  compiled ??= loadBlocklist(blocklistJson);
  return compiled;
}

export function screenObservation(fields: {
  description: string | null;
  address: string | null;
  raisedBy: string | null;
  lampPost?: string | null;
}): FlagKind[] {
  const found = new Set<FlagKind>();
  for (const text of [fields.description, fields.address, fields.raisedBy]) {
    if (!text) continue;
    for (const f of prescreen(text, { existing: [], blocklist: blocklist() })) {
      if (HOLDING_FLAGS.includes(f.kind)) found.add(f.kind);
    }
  }
  return [...found].sort();
}
