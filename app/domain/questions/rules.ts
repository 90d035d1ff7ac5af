/**
 * The ground rules of the live Q&A (the domain brief's "Ground rules for the live
 * Q&A"; DOMAIN.md is kept outside this repository). A rejection always carries
 * exactly one of these codes; the asker is told the rule privately and the
 * public sees counts per rule.
 *
 * Only the codes live here. The wording has one source, the table
 * qa_rejection_rules: seeded by migration 0003, edited by admins on
 * /personal/fragor/regler, read by every page that shows a rule.
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
