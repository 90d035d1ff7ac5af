/**
 * The ground rules of the live Q&A (the domain brief's "Ground rules for the live
 * Q&A"; DOMAIN.md is kept outside this repository). A rejection always carries
 * exactly one of these codes; the asker is told the rule privately and the
 * public sees counts per rule.
 *
 * Pure data, safe to import in the browser.
 */

export const REJECTION_RULES = [
  "names_private_person",
  "personal_data",
  "confidential_case",
  "threat_hate_harassment",
  "off_topic",
  "advertising_campaigning",
  "spam_duplicate",
] as const;

export type RejectionRule = (typeof REJECTION_RULES)[number];

export function isRejectionRule(value: unknown): value is RejectionRule {
  return typeof value === "string" && (REJECTION_RULES as readonly string[]).includes(value);
}

/** UI labels for the rules. Plain data; the i18n layer may copy or wrap it. */
export const REJECTION_RULE_LABELS: Record<RejectionRule, { sv: string; en: string }> = {
  names_private_person: {
    sv: "Namnger eller pekar ut en privatperson",
    en: "Names or points out a private person",
  },
  personal_data: {
    sv: "Innehåller personuppgifter (personnummer, telefon, adress, e-post)",
    en: "Contains personal data (personal identity number, phone, address, email)",
  },
  confidential_case: {
    sv: "Gäller ett enskilt ärende som omfattas av sekretess",
    en: "Concerns an individual case covered by confidentiality",
  },
  threat_hate_harassment: {
    sv: "Hot, hat eller trakasserier",
    en: "Threat, hate or harassment",
  },
  off_topic: {
    sv: "Hör inte till dialogens ämne",
    en: "Off-topic for this dialogue",
  },
  advertising_campaigning: {
    sv: "Reklam eller partipolitisk kampanj",
    en: "Advertising or party campaigning",
  },
  spam_duplicate: {
    sv: "Skräppost eller dubblett",
    en: "Spam or duplicate",
  },
};
