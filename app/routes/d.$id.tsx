import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { idSchema } from "~/domain/common/ids";

// Short link shown in present mode: /d/12 → the dialogue's questions.
export async function loader({ params }: LoaderFunctionArgs) {
  const parsed = idSchema.safeParse(params.id);
  if (!parsed.success) throw json({ error: "errors.notFound" }, { status: 404 });
  return redirect(`/dialoger/${parsed.data}/fragor`);
}
