/**
 * The moderation blocklist: words and phrases (threats, hate, slurs, harassment)
 * that the pre-screen flags for a moderator. It never rejects anything by itself.
 *
 * The data lives in `blocklist.sv.json`, which the municipality edits. Swedish
 * inflections are listed explicitly per entry (`variants`), so matching stays
 * predictable: every form is matched as a whole word or phrase, case-insensitive,
 * with word boundaries that treat å, ä, ö (and every other Unicode letter) as
 * letters — JavaScript's `\b` does not. `except` lists longer phrases in which a
 * match is harmless (e.g. "ska skjuta upp" = "will postpone").
 */
import { z } from "zod";

export const BLOCKLIST_CATEGORIES = ["threat", "hate", "slur", "harassment"] as const;
export type BlocklistCategory = (typeof BLOCKLIST_CATEGORIES)[number];

const form = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .transform((s) => normaliseForm(s));

export const BlocklistEntrySchema = z.object({
  term: form,
  category: z.enum(BLOCKLIST_CATEGORIES),
  variants: z.array(form).max(200).default([]),
  except: z.array(form).max(50).default([]),
  /** Free text for the people editing the file; not used when matching. */
  note: z.string().max(500).optional(),
});

export const BlocklistFileSchema = z
  .object({
    version: z.literal(1),
    description: z.string().optional(),
    entries: z.array(BlocklistEntrySchema).max(5000),
  })
  .superRefine((file, ctx) => {
    const seen = new Map<string, number>();
    file.entries.forEach((entry, i) => {
      for (const f of [entry.term, ...entry.variants]) {
        const key = f.toLocaleLowerCase("sv");
        const first = seen.get(key);
        if (first !== undefined && first !== i) {
          ctx.addIssue({
            code: "custom",
            path: ["entries", i],
            message: `"${f}" is already listed in entry ${first}`,
          });
        }
        seen.set(key, first ?? i);
      }
    });
  });

export type BlocklistEntry = z.output<typeof BlocklistEntrySchema>;

export interface BlocklistMatch {
  start: number;
  end: number;
  match: string;
  term: string;
  category: BlocklistCategory;
}

export interface CompiledForm {
  entry: BlocklistEntry;
  pattern: RegExp;
  exceptions: RegExp[];
}

export interface Blocklist {
  readonly entries: readonly BlocklistEntry[];
  /** @internal compiled patterns; built by loadBlocklist. */
  readonly compiled: readonly CompiledForm[];
}

/** Validate (zod) and compile a blocklist file. Throws a ZodError when the file is invalid. */
export function loadBlocklist(json: unknown): Blocklist {
  const file = BlocklistFileSchema.parse(json);
  const compiled: CompiledForm[] = [];
  for (const entry of file.entries) {
    const exceptions = entry.except.map(wholeWordPattern);
    for (const f of new Set([entry.term, ...entry.variants])) {
      compiled.push({ entry, pattern: wholeWordPattern(f), exceptions });
    }
  }
  return { entries: file.entries, compiled };
}

export const EMPTY_BLOCKLIST: Blocklist = { entries: [], compiled: [] };

/**
 * Every blocklisted word or phrase in `text`, with offsets into `text`.
 * Overlapping matches keep the longest (e.g. "jag ska döda" over "döda").
 */
export function findBlocklistMatches(text: string, blocklist: Blocklist): BlocklistMatch[] {
  const found: BlocklistMatch[] = [];
  for (const { entry, pattern, exceptions } of blocklist.compiled) {
    const excepted = exceptions.flatMap((re) => spans(text, re));
    for (const [start, end] of spans(text, pattern)) {
      if (excepted.some(([s, e]) => s <= start && end <= e)) continue;
      found.push({ start, end, match: text.slice(start, end), term: entry.term, category: entry.category });
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: BlocklistMatch[] = [];
  for (const m of found) {
    const last = kept[kept.length - 1];
    if (last && m.start < last.end) continue; // overlaps a longer or earlier match
    kept.push(m);
  }
  return kept;
}

/** Letters and digits of any script count as word characters (unlike `\b`). */
export const WORD_CHAR = String.raw`[\p{L}\p{M}\p{N}]`;

function wholeWordPattern(form: string): RegExp {
  const body = form
    .split(" ")
    .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join(String.raw`[\s\u00A0]+`);
  return new RegExp(`(?<!${WORD_CHAR})${body}(?!${WORD_CHAR})`, "giu");
}

function spans(text: string, pattern: RegExp): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const m of text.matchAll(pattern)) {
    out.push([m.index, m.index + m[0].length]);
  }
  return out;
}

function normaliseForm(s: string): string {
  return s.normalize("NFC").replace(/\s+/g, " ");
}
