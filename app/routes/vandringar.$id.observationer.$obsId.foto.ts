import { json, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData, type ActionFunctionArgs } from "@remix-run/node";
import { idParam } from "~/http/not-found.server";
import { BUDGET_ERROR } from "~/http/errors";
import { checkBudget, tooManyRequests } from "~/http/limits.server";
import { PHOTO_MAX_BYTES } from "~/domain/walks/image-check";
import { observationOwner } from "~/domain/walks/observations.server";
import { storePhoto } from "~/domain/walks/photos.server";

/**
 * Photo upload for one observation of this device. The body limit for this
 * path is raised to PHOTO_UPLOAD_LIMIT in server/app.ts; the part itself is
 * capped here at 10 MB while streaming, so nothing larger is buffered.
 */
/** Reads and drops an unwanted body (bounded by the server's limit), so the client gets the answer instead of a reset connection. */
async function drain(request: Request) {
  if (!request.body) return;
  const reader = request.body.getReader();
  try {
    for (;;) if ((await reader.read()).done) break;
  } catch {
    // The client went away: nothing to answer.
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const walkId = idParam("walk", params.id);
  const obsId = idParam("observation", params.obsId);
  const owner = await observationOwner(context.db, obsId);
  if (!owner || owner.walkId !== walkId) {
    await drain(request);
    return json({ ok: false, error: "walks.notFound" }, { status: 404 });
  }
  if (owner.participantId !== context.participantId) {
    await drain(request);
    return json({ ok: false, error: "walks.errors.notYours" }, { status: 403 });
  }
  const refused = await checkBudget(context, "walk.photo");
  if (refused) {
    await drain(request);
    return tooManyRequests({ ok: false, error: BUDGET_ERROR.key }, refused);
  }
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: PHOTO_MAX_BYTES, filter: ({ name }) => name === "photo" }),
    );
  } catch (err) {
    const tooLarge = err instanceof Error && /exceeded upload size|MaxPartSizeExceeded/i.test(err.message + err.name);
    return json({ ok: false, error: tooLarge ? "walks.errors.photoTooLarge" : "walks.errors.photoUnreadable" }, { status: tooLarge ? 413 : 400 });
  }
  const file = form.get("photo");
  if (!(file instanceof Blob) || file.size === 0) return json({ ok: false, error: "walks.errors.photoMissing" }, { status: 400 });
  const r = await storePhoto(
    context.db,
    context.config,
    obsId,
    new Uint8Array(await file.arrayBuffer()),
    { participantId: context.participantId },
    context.clock.now(),
  );
  if (!r.ok) return json({ ok: false, error: r.error }, { status: r.error === "walks.errors.notYours" ? 403 : 400 });
  context.publisher.emit(`walk:${walkId}:staff`, "walk:queue", { walkId });
  return json({ ok: true });
}
