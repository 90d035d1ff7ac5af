/**
 * The personal-data screening of observation text: the Q&A pre-screen
 * (app/domain/common/screening/prescreen.ts) applied to every free-text field.
 * Pure. A flagged observation is held for staff; a clean one is public at once.
 *
 * Street addresses are not a reason to hold: an observation is *about* a place,
 * and its address or landmark is the point. Shouting and duplicates are Q&A
 * concerns, not privacy ones.
 */
import { prescreen, type FlagKind } from "~/domain/common/screening/prescreen";
import { swedishBlocklist } from "~/domain/common/screening/swedish.server";

export const HOLDING_FLAGS: readonly FlagKind[] = ["personnummer", "phone", "email", "url", "blocklist"];

export function screenObservation(fields: {
  description: string | null;
  address: string | null;
  raisedBy: string | null;
  lampPost?: string | null;
}): FlagKind[] {
  const found = new Set<FlagKind>();
  for (const text of [fields.description, fields.address, fields.raisedBy]) {
    if (!text) continue;
    for (const f of prescreen(text, { existing: [], blocklist: swedishBlocklist() })) {
      if (HOLDING_FLAGS.includes(f.kind)) found.add(f.kind);
    }
  }
  return [...found].sort();
}
