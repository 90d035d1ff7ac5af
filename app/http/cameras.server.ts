/** The camera register's form glue: each page's form parsed with zod and handed to one domain function. */
import type { AppLoadContext } from "@remix-run/node";
import type { TFunction } from "i18next";
import type { StaffUser } from "~/http/auth.server";
import { formValues, parseForm } from "~/http/forms";
import { parseId } from "~/domain/common/ids";
import { CameraActionSchema, CameraFormSchema, FootageFormSchema, ReviewFormSchema } from "~/domain/cameras/cameras.schema";
import { changeCameraState, createCamera, updateCamera } from "~/domain/cameras/cameras.server";
import { saveFootageRequest } from "~/domain/cameras/footage.server";
import { completeReview } from "~/domain/cameras/reviews.server";
import type { ExportLabels } from "~/domain/cameras/register.server";
import type { CameraState } from "~/domain/cameras/state";

export type FormAnswer =
  | { ok: true; id: number; message: string; vars?: Record<string, string> }
  | { ok: false; errors: Record<string, string>; values?: Record<string, string>; status: number; notFound?: boolean };

const opts = (context: AppLoadContext) => ({ ip: context.clientIp, now: context.clock.now() });

/** New camera (from the form; a pin or measure it comes from rides along in hidden fields). */
export async function createCameraFromForm(context: AppLoadContext, staff: StaffUser, form: FormData): Promise<FormAnswer> {
  const parsed = parseForm(CameraFormSchema, form);
  if (!parsed.ok) return { ok: false, errors: parsed.errors, values: parsed.values, status: 400 };
  const r = await createCamera(context.db, staff, parsed.data, opts(context));
  if (!r.ok) return { ok: false, errors: r.errors, values: formValues(form), status: 400 };
  return { ok: true, id: r.id, message: "cameras.form.created" };
}

export async function updateCameraFromForm(context: AppLoadContext, staff: StaffUser, id: number, form: FormData): Promise<FormAnswer> {
  const parsed = parseForm(CameraFormSchema, form);
  if (!parsed.ok) return { ok: false, errors: parsed.errors, values: parsed.values, status: 400 };
  const r = await updateCamera(context.db, staff, id, parsed.data, opts(context));
  if (!r.ok) return { ok: false, errors: r.errors, values: formValues(form), status: r.notFound ? 404 : 400, notFound: r.notFound };
  return { ok: true, id, message: "cameras.form.saved" };
}

/** A state change from the camera page; a refusal lists what is missing (409). */
export async function cameraStateFromForm(context: AppLoadContext, staff: StaffUser, id: number, form: FormData): Promise<FormAnswer> {
  const parsed = parseForm(CameraActionSchema, form);
  if (!parsed.ok) return { ok: false, errors: { _form: parsed.errors.action ?? "cameras.errors.transitionNotAllowed" }, status: 400 };
  const r = await changeCameraState(context.db, staff, id, parsed.data.action, opts(context));
  if (!r.ok) return { ok: false, errors: r.errors, status: r.notFound ? 404 : 409, notFound: r.notFound };
  return { ok: true, id, message: `cameras.actionDone.${parsed.data.action}` };
}

export async function reviewFromForm(context: AppLoadContext, staff: StaffUser, id: number, form: FormData): Promise<FormAnswer & { nextDue?: string | null }> {
  const parsed = parseForm(ReviewFormSchema, form);
  if (!parsed.ok) return { ok: false, errors: parsed.errors, values: parsed.values, status: 400 };
  const r = await completeReview(context.db, staff, id, parsed.data, opts(context));
  if (!r.ok) {
    if (r.error === "not_found") return { ok: false, errors: {}, status: 404, notFound: true };
    return { ok: false, errors: { [r.field ?? "_form"]: r.error }, values: formValues(form), status: 409 };
  }
  return r.state === "removed"
    ? { ok: true, id, message: "cameras.review.doneRemoved" }
    : { ok: true, id, message: "cameras.review.done", vars: { due: r.nextDue ?? "" } };
}

/** Records or updates a footage request (requestId names the one being updated). */
export async function footageFromForm(context: AppLoadContext, staff: StaffUser, id: number, form: FormData): Promise<FormAnswer> {
  const requestId = parseId(form.get("requestId"));
  const parsed = parseForm(FootageFormSchema, form);
  if (!parsed.ok) return { ok: false, errors: parsed.errors, values: { ...parsed.values, requestId: requestId ? String(requestId) : "" }, status: 400 };
  const r = await saveFootageRequest(context.db, staff, id, requestId, parsed.data, opts(context));
  if (!r.ok)
    return {
      ok: false,
      errors: r.error === "forbidden" ? { _form: "cameras.errors.forbidden" } : {},
      status: r.error === "forbidden" ? 403 : 404,
      notFound: r.error === "not_found",
    };
  return { ok: true, id: r.value, message: "cameras.footage.saved" };
}

/** The export's labels in the reader's language. */
export function exportLabels(t: TFunction): ExportLabels {
  return {
    legalBasis: (c) =>
      c.legalBasis.kind === "imy_permit"
        ? t("cameras.public.legalPermit", { ref: c.legalBasis.ref, date: c.legalBasis.date ?? "" })
        : t("cameras.public.legalBalancing", { date: c.legalBasis.date ?? "" }),
    mode: (c) => t(`cameras.mode.${c.mode}`),
    state: (c) => t(`cameras.state.${c.state as CameraState}`),
    decision: (c) => (c.latestReview ? t(`cameras.decision.${c.latestReview.decision}`) : ""),
  };
}
