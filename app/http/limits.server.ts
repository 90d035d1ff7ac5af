/**
 * The public budgets at the edge (docs/security.md, "Limits"): form actions and socket
 * handlers count a request with `checkBudget` (or hand `budgetGate` to a domain function that
 * checks for a replay first), and a refusal answers 429 with Retry-After and `limits.tooMany`
 * next to the form, or an ack `rate_limited` with `retryAfterSeconds`.
 */
import { json, type AppLoadContext } from "@remix-run/node";
import type { DB } from "../../db/connection";
import type { PublicAction } from "~/domain/common/rate-budgets";
import { consumePublicBudget, type BudgetRefusal, type Requester } from "~/domain/common/rate-limits.server";
import { BUDGET_ERROR, formErrors, retryAfterHeaders } from "~/http/errors";

type LimitContext = Pick<AppLoadContext, "db" | "clientIp" | "participantId">;

/** A gate for domain functions: counts the request when called, and answers a refusal or null. */
export function budgetGate(db: DB, action: PublicAction, who: Requester): () => Promise<BudgetRefusal | null> {
  return async () => {
    const decision = await consumePublicBudget(db, action, who);
    return decision.ok ? null : { ok: false, error: "too_many_requests", retryAfterSeconds: decision.retryAfterSeconds };
  };
}

/** Counts one form post of a resident against the action's budgets. */
export function checkBudget(ctx: LimitContext, action: PublicAction, target?: string | number): Promise<BudgetRefusal | null> {
  return budgetGate(ctx.db, action, { device: ctx.participantId, ip: ctx.clientIp, target })();
}

/** The gate for a form post (device and address from the request). */
export function formGate(ctx: LimitContext, action: PublicAction, target?: string | number) {
  return budgetGate(ctx.db, action, { device: ctx.participantId, ip: ctx.clientIp, target });
}

/** The form errors of a budget refusal: the message at the form, not at a field. */
export function budgetFormErrors(): Record<string, string> {
  return formErrors(BUDGET_ERROR).errors;
}

/** A 429 JSON answer with Retry-After; `body` carries what was typed so the form keeps it. */
export function tooManyRequests<T>(body: T, refusal: Pick<BudgetRefusal, "retryAfterSeconds">) {
  return json(body, { status: 429, headers: retryAfterHeaders(refusal.retryAfterSeconds) });
}
