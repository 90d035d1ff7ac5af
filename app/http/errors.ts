/**
 * One error vocabulary for both live paths. Domain services refuse with a typed
 * code; this module turns that code into
 *   - an i18n key (what the form, toast or ack shows; Swedish first),
 *   - the field it belongs to, if any (so the message sits next to the input),
 *   - a protocol ErrorCode for socket acks (docs/realtime.md) and an HTTP status for form posts.
 * Browser-safe: no server imports, so the client can explain an ack it did not expect.
 */
import type { FieldErrors } from "~/domain/common/errors";
import type { QaError } from "~/domain/questions/qa-core.server";
import type { PollError } from "~/domain/polls/polls.server";
import type { SubmitError } from "~/domain/walks/observations.server";
import type { AckFailure, ErrorCode } from "~/realtime/events";
import type { I18nKey } from "~/i18n/keys";

export interface ErrorInfo {
  key: I18nKey;
  code: ErrorCode;
  status: number;
  field?: string;
}

const state = (key: I18nKey, field?: string): ErrorInfo => ({ key, code: "invalid_state", status: 409, field });

export const QA_ERRORS: Readonly<Record<QaError, ErrorInfo>> = {
  not_found: { key: "qa.errors.notFound", code: "not_found", status: 404 },
  closed: { key: "qa.closed", code: "closed", status: 409 },
  rate_limited: { key: "qa.errors.rateLimited", code: "rate_limited", status: 429 },
  forbidden: { key: "qa.errors.forbidden", code: "forbidden", status: 403 },
  wrong_organisation: { key: "qa.errors.wrongOrganisation", code: "forbidden", status: 403 },
  claimed_by_other: { key: "qa.errors.claimed", code: "conflict", status: 409 },
  duplicate_key_other_device: { key: "qa.errors.duplicateKey", code: "invalid_payload", status: 400 },
  invalid_rule: state("qa.errors.invalidRule", "rule"),
  current_other_dialogue: state("qa.errors.currentOtherDialogue"),
  invalid_transition: state("qa.errors.invalidState"),
  merge_into_self: state("qa.errors.mergeIntoSelf", "intoQuestionId"),
  merge_other_dialogue: state("qa.errors.mergeOtherDialogue", "intoQuestionId"),
  merge_target_not_published: state("qa.errors.mergeTargetNotPublished", "intoQuestionId"),
  invalid_due_date: state("qa.errors.invalidDueDate", "dueDate"),
  due_date_in_past: state("qa.errors.dueDateInPast", "dueDate"),
  answer_required: state("qa.errors.answerRequired", "answer"),
};

const WALK_PROTOCOL: Partial<Record<SubmitError, ErrorCode>> = {
  "walks.notFound": "not_found",
  "walks.errors.tooFast": "rate_limited",
  "walks.errors.tooMany": "rate_limited",
  "walks.errors.notStarted": "closed",
  "walks.errors.windowClosed": "closed",
};

/** Walk observation codes are already i18n keys; they map to the protocol here. */
export function walkErrorInfo(error: SubmitError, field?: string): ErrorInfo {
  const code = WALK_PROTOCOL[error] ?? "invalid_payload";
  const status = code === "not_found" ? 404 : code === "rate_limited" ? 429 : code === "closed" ? 409 : 400;
  return { key: error, code, status, field };
}

/** Transport-level failures that no domain service produces. */
export const TRANSPORT_ERRORS = {
  invalid_payload: { key: "errors.malformedForm", code: "invalid_payload", status: 400 },
  forbidden: { key: "errors.forbidden", code: "forbidden", status: 403 },
  rate_limited: { key: "qa.errors.rateLimited", code: "rate_limited", status: 429 },
  internal: { key: "qa.errors.internal", code: "internal", status: 500 },
  /** Client side only: no ack within the timeout. */
  timeout: { key: "qa.errors.timeout", code: "internal", status: 504 },
} as const satisfies Record<string, ErrorInfo>;

/**
 * A public budget refused the request (~/domain/common/rate-budgets.ts, docs/security.md "Limits"):
 * a form answers 429 with Retry-After and this message next to the form, an ack refuses with
 * `rate_limited`, reason `too_many_requests` and `retryAfterSeconds`.
 */
export const BUDGET_ERROR = { key: "limits.tooMany", code: "rate_limited", status: 429 } as const satisfies ErrorInfo;
export const BUDGET_REASON = "too_many_requests";

export function budgetAckFailure(retryAfterSeconds: number): AckFailure {
  return { ...ackFailure(BUDGET_REASON, BUDGET_ERROR), retryAfterSeconds };
}

/** The Retry-After header of a 429 (whole seconds). */
export function retryAfterHeaders(retryAfterSeconds: number): Record<string, string> {
  return { "Retry-After": String(Math.max(1, Math.ceil(retryAfterSeconds))) };
}

/**
 * A route's `headers` export for resident forms: a document request (no JavaScript) keeps the
 * action's Retry-After on its 429, which Remix would otherwise drop.
 */
export function keepRetryAfter({ actionHeaders }: { actionHeaders: Headers }): Record<string, string> {
  const retryAfter = actionHeaders.get("Retry-After");
  return retryAfter ? { "Retry-After": retryAfter } : {};
}

/** Too much e-mail to one address in a day: the form says so at the e-mail field. */
export const EMAIL_CAP_ERROR = { key: "limits.emailCap", code: "rate_limited", status: 429, field: "email" } as const satisfies ErrorInfo;

export function qaErrorInfo(error: QaError): ErrorInfo {
  return QA_ERRORS[error];
}

/** A socket ack refusing with a domain code: protocol code, the precise reason and its message key. */
export function ackFailure(reason: string, info: ErrorInfo, message?: string): AckFailure {
  return { ok: false, error: info.code, reason, key: info.key, ...(info.field ? { field: info.field } : {}), ...(message ? { message } : {}) };
}

export function qaAckFailure(error: QaError, message?: string): AckFailure {
  return ackFailure(error, QA_ERRORS[error], message);
}

/** A payload that failed its zod schema: field errors are i18n keys, as in forms. */
export function validationAckFailure(errors: FieldErrors): AckFailure {
  const first = Object.entries(errors)[0];
  return {
    ok: false,
    error: "invalid_payload",
    reason: "invalid_payload",
    key: first?.[1] ?? TRANSPORT_ERRORS.invalid_payload.key,
    ...(first && first[0] !== "_form" ? { field: first[0] } : {}),
    errors,
  };
}

/** The form-post equivalent: the field (or `_form`) to show the message at, and the status. */
export function formErrors(info: ErrorInfo): { status: number; errors: FieldErrors } {
  return { status: info.status, errors: { [info.field ?? "_form"]: info.key } };
}

/**
 * What the browser shows for a failed ack: field errors when there are, otherwise one message.
 * An ack without a key (an older server, a transport failure) falls back to its protocol code.
 */
export function ackErrors(failure: Pick<AckFailure, "error" | "key" | "field" | "errors">): FieldErrors {
  if (failure.errors && Object.keys(failure.errors).length > 0) return failure.errors;
  const key = failure.key ?? (TRANSPORT_ERRORS as Record<string, ErrorInfo>)[failure.error]?.key ?? TRANSPORT_ERRORS.internal.key;
  return { [failure.field ?? "_form"]: key };
}

/** Live polls (docs/polls.md): every refusal of an answer or a moderator's control. */
export const POLL_ERRORS: Readonly<Record<PollError, ErrorInfo>> = {
  not_found: { key: "polls.errors.notFound", code: "not_found", status: 404 },
  dialogue_not_found: { key: "qa.errors.notFound", code: "not_found", status: 404 },
  closed: { key: "polls.errors.closed", code: "closed", status: 409 },
  already_answered: { key: "polls.errors.alreadyAnswered", code: "invalid_state", status: 409 },
  other_dialogue: { key: "polls.errors.otherDialogue", code: "invalid_payload", status: 400 },
  invalid_choice: { key: "polls.errors.choice", code: "invalid_payload", status: 400, field: "choices" },
  duplicate_key_other_device: { key: "qa.errors.duplicateKey", code: "invalid_payload", status: 400 },
  invalid_transition: state("polls.errors.invalidTransition"),
};

export function pollAckFailure(error: PollError): AckFailure {
  return ackFailure(error, POLL_ERRORS[error]);
}
