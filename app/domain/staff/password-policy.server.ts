/**
 * The password policy for staff accounts, applied wherever a password is set (the admin's
 * account form, `npm run staff:create`, a staff member's own change):
 * - at least 12 characters (any characters, spaces included; at most 1024, in the schemas);
 * - not built on the account's own e-mail address or name;
 * - a zxcvbn-ts score of at least 3 of 4 ("safely unguessable": about 10^8 guesses or more),
 *   measured against its common-password list (language-common), English words and names
 *   (language-en), a short list of Swedish favourites and the words of this service.
 * Server-only: the dictionaries are large and take about half a second to load, once.
 */
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as zxcvbnCommon from "@zxcvbn-ts/language-common";
import * as zxcvbnEn from "@zxcvbn-ts/language-en";

export const MIN_PASSWORD_LENGTH = 12;
export const MIN_PASSWORD_SCORE = 3;

export type PasswordPolicyError = "errors.passwordLength" | "errors.passwordWeak" | "errors.passwordPersonal";
export type PasswordPolicyResult = { ok: true } | { ok: false; error: PasswordPolicyError };

// zxcvbn-ts has no Swedish package: the words Swedish password lists are full of.
const SWEDISH_COMMON = [
  "lösenord",
  "losenord",
  "sommar",
  "vinter",
  "hösten",
  "våren",
  "hejsan",
  "hemlig",
  "hemligt",
  "sverige",
  "svenska",
  "kärlek",
  "älskling",
  "fotboll",
  "välkommen",
  "måndag",
  "fredag",
  "katten",
  "hunden",
];

// What this service and its users are called: the obvious guesses for its own accounts.
const SERVICE_WORDS = ["tryggve", "stockholm", "stockholms stad", "stad", "trygghet", "trygghetsdialog", "trygghetsvandring", "personal", "admin", "moderator"];

let factory: ZxcvbnFactory | undefined;
function zxcvbn(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    dictionary: { ...zxcvbnCommon.dictionary, ...zxcvbnEn.dictionary, sv: SWEDISH_COMMON },
    graphs: zxcvbnCommon.adjacencyGraphs,
    translations: zxcvbnEn.translations,
  });
  return factory;
}

/** Lower case, letters and digits only: "Mira.Moderator" and "mira moderator" compare equal. */
function squash(s: string): string {
  return s
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, "");
}

/** The parts of an e-mail address and a name that a password must not be built on. */
function personalWords(account: { email: string; name?: string | null }): string[] {
  const email = account.email.trim().toLowerCase();
  const local = email.split("@")[0] ?? "";
  const name = account.name?.trim() ?? "";
  const parts = [...local.split(/[._+-]/), ...name.split(/\s+/)].filter((p) => squash(p).length >= 4);
  return [email, local, name, ...parts].filter((w) => squash(w).length >= 3);
}

export function checkPasswordPolicy(password: string, account: { email: string; name?: string | null }): PasswordPolicyResult {
  if ([...password].length < MIN_PASSWORD_LENGTH) return { ok: false, error: "errors.passwordLength" };
  const squashed = squash(password);
  // Twelve spaces or punctuation only: nothing to score.
  if (squashed.length === 0) return { ok: false, error: "errors.passwordWeak" };
  const personal = personalWords(account);
  if (personal.some((w) => squashed.includes(squash(w)))) return { ok: false, error: "errors.passwordPersonal" };
  const { score } = zxcvbn().check(password, [...personal, ...SERVICE_WORDS]);
  return score >= MIN_PASSWORD_SCORE ? { ok: true } : { ok: false, error: "errors.passwordWeak" };
}
