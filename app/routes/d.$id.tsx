import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { idSchema } from "~/domain/common/ids";
import { notFound } from "~/http/not-found.server";

// Short link shown in present mode: /d/12 → the dialogue's questions.
export async function loader({ params }: LoaderFunctionArgs) {
  const parsed = idSchema.safeParse(params.id);
  if (!parsed.success) notFound("dialogue");
  return redirect(`/dialoger/${parsed.data}/fragor`);
}
