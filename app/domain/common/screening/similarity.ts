/**
 * Text similarity for spotting likely duplicate questions.
 *
 * Method (small and documented rather than a dependency): both texts are
 * normalised (lower case, diacritics folded so "å/ä/ö" compare as "a/a/o",
 * punctuation removed, whitespace collapsed, common Swedish and English
 * stopwords dropped), each remaining word is split into padded character
 * bigrams (" gatan " → " g", "ga", "at", "ta", "an", "n "), and the two bigram
 * multisets are compared with the Sørensen–Dice coefficient:
 *
 *     dice(A, B) = 2·|A ∩ B| / (|A| + |B|)      (0 = nothing shared, 1 = same)
 *
 * Word-level padding makes the score insensitive to word order, and bigrams make
 * it tolerant of inflection ("belysningen" / "belysning") and typos.
 */

/** Words too common to say anything about a question's topic (stored diacritic-folded). */
export const STOPWORDS: ReadonlySet<string> = new Set(
  [
    // Swedish
    "och",
    "i",
    "att",
    "det",
    "som",
    "en",
    "ett",
    "pa",
    "ar",
    "av",
    "for",
    "med",
    "till",
    "den",
    "har",
    "de",
    "dem",
    "inte",
    "om",
    "men",
    "var",
    "jag",
    "sig",
    "fran",
    "vi",
    "sa",
    "kan",
    "man",
    "nar",
    "hon",
    "han",
    "under",
    "ocksa",
    "efter",
    "eller",
    "nu",
    "sin",
    "dar",
    "vid",
    "mot",
    "ska",
    "skall",
    "skulle",
    "kommer",
    "ut",
    "far",
    "finns",
    "vara",
    "hade",
    "alla",
    "andra",
    "mycket",
    "an",
    "har",
    "da",
    "sedan",
    "over",
    "bara",
    "in",
    "blir",
    "upp",
    "aven",
    "vad",
    "sina",
    "ju",
    "nagon",
    "nagot",
    "nagra",
    "hur",
    "varfor",
    "vilka",
    "vilken",
    "vilket",
    "ni",
    "er",
    "era",
    "ert",
    "oss",
    "mig",
    "dig",
    "denna",
    "detta",
    "dessa",
    "min",
    "mitt",
    "mina",
    "din",
    "ditt",
    "dina",
    "sitt",
    "vara",
    "vart",
    "vi",
    "hos",
    "utan",
    "tror",
    "gora",
    "gor",
    "gjort",
    "finnas",
    "fa",
    "nagonting",
    "tank",
    "tanker",
    "snalla",
    "hej",
    "fraga",
    "undrar",
    // English
    "the",
    "a",
    "an",
    "is",
    "are",
    "was",
    "be",
    "to",
    "of",
    "and",
    "or",
    "in",
    "on",
    "at",
    "for",
    "with",
    "what",
    "why",
    "how",
    "when",
    "where",
    "who",
    "will",
    "would",
    "do",
    "does",
    "did",
    "you",
    "we",
    "i",
    "it",
    "this",
    "that",
    "there",
    "can",
    "could",
    "should",
    "your",
    "our",
    "my",
    "about",
  ].map(foldDiacritics),
);

/** Lower case, fold diacritics, keep letters and digits, collapse whitespace. */
export function normaliseForComparison(text: string): string {
  return foldDiacritics(text.toLocaleLowerCase("sv"))
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** The content words of a text: normalised, stopwords removed (all words kept if nothing else is left). */
export function contentWords(text: string): string[] {
  const words = normaliseForComparison(text).split(" ").filter(Boolean);
  const content = words.filter((w) => !STOPWORDS.has(w));
  return content.length > 0 ? content : words;
}

/** Sørensen–Dice coefficient over padded per-word character bigrams, 0..1. */
export function questionSimilarity(a: string, b: string): number {
  const ba = bigrams(contentWords(a));
  const bb = bigrams(contentWords(b));
  const total = size(ba) + size(bb);
  if (total === 0) return 0;
  let shared = 0;
  for (const [gram, count] of ba) shared += Math.min(count, bb.get(gram) ?? 0);
  return (2 * shared) / total;
}

function bigrams(words: string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const word of words) {
    const padded = ` ${word} `;
    for (let i = 0; i < padded.length - 1; i++) {
      const gram = padded.slice(i, i + 2);
      out.set(gram, (out.get(gram) ?? 0) + 1);
    }
  }
  return out;
}

function size(grams: Map<string, number>): number {
  let n = 0;
  for (const count of grams.values()) n += count;
  return n;
}

function foldDiacritics(s: string): string {
  // NFD splits "å" into "a" + combining ring; drop the combining marks.
  return s.normalize("NFD").replace(/\p{M}+/gu, "");
}
