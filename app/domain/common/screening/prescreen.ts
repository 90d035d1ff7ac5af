/**
 * Automatic pre-screen of a submitted question. It only flags — a moderator
 * decides. Every flag carries `start`/`end` offsets (UTF-16, as JavaScript
 * strings index) into the original text so the moderator queue can highlight
 * `text.slice(start, end)`.
 *
 * Swedish-aware: personnummer and samordningsnummer (date + Luhn checked),
 * Swedish phone numbers, Swedish street addresses, å/ä/ö-aware word boundaries.
 * Pure: no I/O; the blocklist and the existing questions are passed in.
 * See docs/qa-rules.md.
 */
import { type Blocklist, type BlocklistCategory, findBlocklistMatches } from "~/domain/common/screening/blocklist";
import { questionSimilarity } from "~/domain/common/screening/similarity";

export const FLAG_KINDS = ["personnummer", "phone", "email", "address", "url", "blocklist", "shouting", "duplicate"] as const;
export type FlagKind = (typeof FLAG_KINDS)[number];

export interface Flag {
  kind: FlagKind;
  start: number;
  end: number;
  match: string;
  /** For `duplicate`: the existing question this one resembles. */
  duplicateOfId?: number;
  /** For `duplicate`: similarity 0..1 (Sørensen–Dice, see similarity.ts). */
  similarity?: number;
  /** For `blocklist`: the category of the listed term. */
  category?: BlocklistCategory;
}

export interface PrescreenContext {
  /** Questions already in the dialogue (any status the caller wants compared). */
  existing: ReadonlyArray<{ id: number; text: string }>;
  blocklist: Blocklist;
}

/** A question is a likely duplicate at or above this similarity. */
export const DUPLICATE_THRESHOLD = 0.65;
/** At most this many duplicate flags, most similar first. */
export const MAX_DUPLICATE_FLAGS = 3;
/** Shouting needs at least this many letters (in the whole text, or in one run of upper-case words). */
export const SHOUTING_MIN_LETTERS = 12;
/** Share of upper-case letters among all letters at which the whole text counts as shouting. */
export const SHOUTING_UPPERCASE_RATIO = 0.7;
/** A run of upper-case words inside normal text needs at least this many words. */
export const SHOUTING_MIN_RUN_WORDS = 3;

export function prescreen(text: string, ctx: PrescreenContext): Flag[] {
  const personnummer = findPersonnummer(text);
  const email = findEmails(text);
  const flags: Flag[] = [
    ...personnummer,
    // The same digits as a valid personnummer are not also a phone number.
    ...withoutOverlap(findPhoneNumbers(text), personnummer),
    ...email,
    // The domain part of an email is not also a URL.
    ...withoutOverlap(findUrls(text), email),
    ...findAddresses(text),
    ...findBlocklisted(text, ctx.blocklist),
    ...findShouting(text),
    ...findDuplicates(text, ctx.existing),
  ];
  return flags.sort((a, b) => a.start - b.start || FLAG_KINDS.indexOf(a.kind) - FLAG_KINDS.indexOf(b.kind));
}

// ---------------------------------------------------------------------------
// Personnummer / samordningsnummer

const PERSONNUMMER_RE = /(?<!\p{N})(?:(\d{8})-?|(\d{6})[-+]?)(\d{4})(?!\p{N})/gu;

export function findPersonnummer(text: string): Flag[] {
  const flags: Flag[] = [];
  for (const m of text.matchAll(PERSONNUMMER_RE)) {
    const date = m[1] ?? m[2];
    if (isValidPersonnummer(date, m[3])) flags.push(flag("personnummer", text, m.index, m.index + m[0].length));
  }
  return flags;
}

/**
 * `date` is YYMMDD or YYYYMMDD, `serial` the last four digits (three-digit birth
 * number + check digit). Samordningsnummer have 60 added to the day.
 */
export function isValidPersonnummer(date: string, serial: string): boolean {
  if (!/^(\d{6}|\d{8})$/.test(date) || !/^\d{4}$/.test(serial)) return false;
  const full = date.length === 8;
  const century = full ? Number(date.slice(0, 2)) : null;
  if (century !== null && (century < 18 || century > 20)) return false;
  const yymmdd = full ? date.slice(2) : date;
  const month = Number(yymmdd.slice(2, 4));
  let day = Number(yymmdd.slice(4, 6));
  if (day > 60) day -= 60; // samordningsnummer
  const year = century !== null ? century * 100 + Number(yymmdd.slice(0, 2)) : null;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false;
  return luhnValid(yymmdd + serial);
}

/** Luhn (mod 10) over a digit string, weights 2,1,2,1… from the left as Skatteverket specifies for 10 digits. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    // Double every second digit counting from the right, excluding the check digit.
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function daysInMonth(year: number | null, month: number): number {
  if (month === 2) {
    if (year === null) return 29; // century unknown: allow the leap day
    return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

// ---------------------------------------------------------------------------
// Phone numbers

// National: 0 + area code/mobile prefix, 8–10 digits in all, single spaces or dashes
// between digits ("070-123 45 67", "08-123 456 78", "0910-123 45"), or "(08) 123 45 67".
const PHONE_NATIONAL_RE = /(?<![\p{N}+])(?:\(0[1-9]\d{0,2}\)[ ]?\d|0[1-9])(?:[ -]?\d){2,8}(?!\p{N})/gu;
// International: +46 / 0046, optional "(0)", then 7–9 digits.
const PHONE_INTERNATIONAL_RE = /(?<![\p{N}+])(?:\+|00)46[ -]?(?:\(0\)[ -]?)?[1-9](?:[ -]?\d){6,8}(?!\p{N})/gu;

export function findPhoneNumbers(text: string): Flag[] {
  const flags: Flag[] = [];
  for (const m of text.matchAll(PHONE_INTERNATIONAL_RE)) {
    flags.push(flag("phone", text, m.index, m.index + m[0].length));
  }
  for (const m of text.matchAll(PHONE_NATIONAL_RE)) {
    const digits = m[0].replace(/\D/g, "").length;
    if (digits < 8 || digits > 10) continue;
    flags.push(flag("phone", text, m.index, m.index + m[0].length));
  }
  return dedupeOverlaps(flags);
}

// ---------------------------------------------------------------------------
// Email addresses (also "namn(at)exempel.se" and "namn [at] exempel.se")

const EMAIL_RE = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+(?:@|\s?[[(]at[\])]\s?)[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}(?![\p{L}\p{N}])/giu;

export function findEmails(text: string): Flag[] {
  return [...text.matchAll(EMAIL_RE)].map((m) => flag("email", text, m.index, m.index + m[0].length));
}

// ---------------------------------------------------------------------------
// URLs: http(s)://…, www.…, and bare domains with a known top-level domain

/**
 * Top-level domains recognised without "http" or "www". Lower case only, so a
 * missing space after a full stop ("…kväll.Nu") is not a domain. Deliberately
 * leaves out TLDs that are common Swedish or English words ("de", "is", "it", "to", "me").
 */
export const BARE_DOMAIN_TLDS = [
  "se",
  "nu",
  "com",
  "org",
  "net",
  "eu",
  "info",
  "io",
  "biz",
  "dk",
  "no",
  "fi",
  "uk",
  "co",
  "xyz",
  "app",
  "online",
  "shop",
  "site",
  "tv",
  "ly",
  "ru",
  "gov",
  "edu",
] as const;

const URL_SCHEME_RE = /(?<![\p{L}\p{N}])(?:https?:\/\/|www\.)[^\s<>"]+/giu;
const URL_BARE_RE = new RegExp(
  String.raw`(?<![\p{L}\p{N}.@/_-])(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+(?:${BARE_DOMAIN_TLDS.join("|")})(?![\p{L}\p{N}_-])(?:[/?#][^\s<>"]*)?`,
  "gu",
);
const URL_TRAILING_PUNCTUATION = /[.,;:!?)\]}'"»”’]+$/u;

export function findUrls(text: string): Flag[] {
  const flags: Flag[] = [];
  for (const re of [URL_SCHEME_RE, URL_BARE_RE]) {
    for (const m of text.matchAll(re)) {
      const trimmed = m[0].replace(URL_TRAILING_PUNCTUATION, "");
      if (trimmed.length === 0 || /^(?:https?:\/\/|www\.)$/i.test(trimmed)) continue;
      flags.push(flag("url", text, m.index, m.index + trimmed.length));
    }
  }
  return dedupeOverlaps(flags);
}

// ---------------------------------------------------------------------------
// Swedish street addresses: a street name followed by a street number

/**
 * Street-name endings. A compound ("Götgatan", "Sveavägen") must have something
 * before the ending; a separate word ("Sergels torg", "Tensta allé") must follow
 * a capitalised word.
 */
export const STREET_SUFFIXES = [
  "gatan",
  "gata",
  "vägen",
  "väg",
  "gränd",
  "gränden",
  "backe",
  "backen",
  "torg",
  "torget",
  "plan",
  "planen",
  "allé",
  "allén",
  "alle",
  "stig",
  "stigen",
  "led",
  "leden",
  "promenaden",
  "promenad",
  "stråket",
  "stråk",
  "platsen",
  "plats",
  "kajen",
  "kaj",
  "bron",
  "brinken",
  "brink",
  "lunden",
  "terrassen",
  "slingan",
  "slinga",
  "ringen",
  "höjden",
  "strand",
  "stranden",
  "kvarnen",
] as const;

/**
 * Endings that are also everyday words or compounds ("våningsplan 3", "genväg 2",
 * "ingången", "detaljplanen"): the street word must then start with a capital letter.
 */
const AMBIGUOUS_SUFFIXES: ReadonlySet<string> = new Set([
  "väg",
  "plan",
  "planen",
  "led",
  "leden",
  "ringen",
  "bron",
  "höjden",
  "platsen",
  "plats",
  "kaj",
  "kajen",
  "strand",
  "stranden",
  "lunden",
  "slinga",
  "slingan",
  "stig",
  "stigen",
  "backen",
  "torget",
  "brink",
  "brinken",
  "kvarnen",
  "stråk",
  "promenad",
  "terrassen",
]);

/** First words of multi-word street names ("Birger Jarlsgatan", "S:t Eriksgatan"). */
const STREET_PREFIX_WORDS: ReadonlySet<string> = new Set([
  "sankt",
  "s:t",
  "st",
  "stora",
  "lilla",
  "gamla",
  "nya",
  "norra",
  "södra",
  "östra",
  "västra",
  "övre",
  "nedre",
  "birger",
  "mäster",
  "drottning",
  "kungs",
  "katarina",
  "maria",
  "fru",
  "kapten",
  "doktor",
  "dr",
  "professor",
]);

const SUFFIXES_LONGEST_FIRST = [...STREET_SUFFIXES].sort((a, b) => b.length - a.length);

// A word directly followed by a 1–3 digit number (not a time "18.30" or a decimal),
// then optional letter ("5B", "5 B"), range ("12-14"), "lgh 1102" and floor ("2 tr").
const ADDRESS_RE =
  /(?<![\p{L}\p{N}])(\p{L}[\p{L}'’-]*)[ \u00A0]+\d{1,3}(?!\p{N}|[.:,]\p{N})(?:[a-zA-Z](?![\p{L}\p{N}])|[ ][A-Z](?![\p{L}\p{N}]))?(?:[ ]?[-–][ ]?\d{1,3}(?!\p{N}))?(?:,?[ ]*(?:lgh|lägenhet)\.?[ ]*\d{4}(?!\p{N}))?(?:,?[ ]*\d{1,2}[ ]?tr(?:\.|(?![\p{L}\p{N}])))?/gu;
const PRECEDING_WORD_RE = /(?<![\p{L}\p{N}:])(\p{L}[\p{L}:.]*)[ \u00A0]+$/u;

export function findAddresses(text: string): Flag[] {
  const flags: Flag[] = [];
  for (const m of text.matchAll(ADDRESS_RE)) {
    const word = m[1];
    const start = streetStart(text, m.index, word);
    if (start === null) continue;
    flags.push(flag("address", text, start, m.index + m[0].length));
  }
  return flags;
}

/** Where the street name starts, or null when `word` is not a street name. */
function streetStart(text: string, wordStart: number, word: string): number | null {
  const lower = word.toLocaleLowerCase("sv");
  const capitalised = /^\p{Lu}/u.test(word);
  const before = PRECEDING_WORD_RE.exec(text.slice(0, wordStart));
  const previous = before?.[1] ?? null;
  const previousStart = before ? wordStart - before[0].length : wordStart;

  if ((STREET_SUFFIXES as readonly string[]).includes(lower)) {
    // Separate word: "Sergels torg 1", "Hökens gata 3". The street name is the previous word.
    if (previous === null || !/^\p{Lu}/u.test(previous)) return null;
    return previousStart;
  }
  const suffix = SUFFIXES_LONGEST_FIRST.find((s) => lower.endsWith(s) && lower.length - s.length >= 2);
  if (!suffix) return null;
  if (AMBIGUOUS_SUFFIXES.has(suffix) && !capitalised) return null;
  if (previous !== null && /^\p{Lu}/u.test(previous) && STREET_PREFIX_WORDS.has(previous.toLocaleLowerCase("sv"))) {
    return previousStart;
  }
  return wordStart;
}

// ---------------------------------------------------------------------------
// Blocklist

function findBlocklisted(text: string, blocklist: Blocklist): Flag[] {
  return findBlocklistMatches(text, blocklist).map((m) => ({
    ...flag("blocklist", text, m.start, m.end),
    category: m.category,
  }));
}

// ---------------------------------------------------------------------------
// Shouting: only letters count; digits, punctuation and emoji are ignored

const WORD_RE = /\p{L}+/gu;

export function findShouting(text: string): Flag[] {
  const words = [...text.matchAll(WORD_RE)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    letters: m[0].length,
    upper: [...m[0].matchAll(/\p{Lu}/gu)].length,
  }));
  const letters = words.reduce((n, w) => n + w.letters, 0);
  const upper = words.reduce((n, w) => n + w.upper, 0);
  if (letters >= SHOUTING_MIN_LETTERS && upper / letters >= SHOUTING_UPPERCASE_RATIO) {
    return [flag("shouting", text, words[0].start, words[words.length - 1].end)];
  }
  // Otherwise look for runs of all-caps words inside normal text ("… VARFÖR GÖR NI INGET").
  const flags: Flag[] = [];
  let run: typeof words = [];
  const closeRun = () => {
    const runLetters = run.reduce((n, w) => n + w.letters, 0);
    if (run.length >= SHOUTING_MIN_RUN_WORDS && runLetters >= SHOUTING_MIN_LETTERS) {
      flags.push(flag("shouting", text, run[0].start, run[run.length - 1].end));
    }
    run = [];
  };
  for (const w of words) {
    // Single capitals ("I", "Å") do not start or extend a run.
    if (w.letters >= 2 && w.upper === w.letters) run.push(w);
    else closeRun();
  }
  closeRun();
  return flags;
}

// ---------------------------------------------------------------------------
// Likely duplicates

export function findDuplicates(text: string, existing: PrescreenContext["existing"]): Flag[] {
  const trimmedStart = text.length - text.trimStart().length;
  const trimmedEnd = text.trimEnd().length;
  if (trimmedEnd <= trimmedStart) return [];
  return existing
    .map((q) => ({ id: q.id, similarity: questionSimilarity(text, q.text) }))
    .filter((c) => c.similarity >= DUPLICATE_THRESHOLD)
    .sort((a, b) => b.similarity - a.similarity || a.id - b.id)
    .slice(0, MAX_DUPLICATE_FLAGS)
    .map((c) => ({
      ...flag("duplicate", text, trimmedStart, trimmedEnd),
      duplicateOfId: c.id,
      similarity: Math.round(c.similarity * 1000) / 1000,
    }));
}

// ---------------------------------------------------------------------------

function flag(kind: FlagKind, text: string, start: number, end: number): Flag {
  return { kind, start, end, match: text.slice(start, end) };
}

function overlaps(a: Flag, b: Flag): boolean {
  return a.start < b.end && b.start < a.end;
}

function withoutOverlap(flags: Flag[], stronger: Flag[]): Flag[] {
  return flags.filter((f) => !stronger.some((s) => overlaps(f, s)));
}

/** Within one kind: keep the longest of overlapping matches. */
function dedupeOverlaps(flags: Flag[]): Flag[] {
  const sorted = [...flags].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Flag[] = [];
  for (const f of sorted) {
    const last = kept[kept.length - 1];
    if (last && overlaps(last, f)) {
      if (f.end - f.start > last.end - last.start) kept[kept.length - 1] = f;
      continue;
    }
    kept.push(f);
  }
  return kept;
}
