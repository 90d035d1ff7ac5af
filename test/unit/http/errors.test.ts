import { describe, expect, it } from "vitest";
import { QA_ERRORS, TRANSPORT_ERRORS, ackErrors, formErrors, qaAckFailure, validationAckFailure } from "~/http/errors";
import { createI18n } from "~/i18n/i18n";

describe("one error vocabulary", () => {
  const sv = createI18n("sv");
  const en = createI18n("en");
  const infos = [...Object.values(QA_ERRORS), ...Object.values(TRANSPORT_ERRORS)];

  it("every code has a message in Swedish and English", () => {
    for (const { key } of infos) {
      expect(sv.exists(key), `sv ${key}`).toBe(true);
      expect(en.exists(key), `en ${key}`).toBe(true);
      expect(sv.t(key)).not.toBe(en.t(key));
    }
  });

  it("precise codes keep their field on both paths", () => {
    expect(qaAckFailure("due_date_in_past")).toEqual({
      ok: false,
      error: "invalid_state",
      reason: "due_date_in_past",
      key: "qa.errors.dueDateInPast",
      field: "dueDate",
    });
    expect(formErrors(QA_ERRORS.due_date_in_past)).toEqual({ status: 409, errors: { dueDate: "qa.errors.dueDateInPast" } });
    expect(formErrors(QA_ERRORS.rate_limited)).toEqual({ status: 429, errors: { _form: "qa.errors.rateLimited" } });
  });

  it("the browser shows field errors of a refused payload, else the one message, else the protocol code's", () => {
    expect(ackErrors(validationAckFailure({ text: "qa.errors.tooLong" }))).toEqual({ text: "qa.errors.tooLong" });
    expect(ackErrors(qaAckFailure("claimed_by_other"))).toEqual({ _form: "qa.errors.claimed" });
    expect(ackErrors({ error: "rate_limited" })).toEqual({ _form: "qa.errors.rateLimited" });
    expect(ackErrors({ error: "internal", key: "qa.errors.timeout" })).toEqual({ _form: "qa.errors.timeout" });
  });
});
