import { json } from "@remix-run/node";

// Unknown addresses: a 404 rendered by the root error boundary in the visitor's language.
export async function loader() {
  throw json({ error: "errors.notFound" }, { status: 404 });
}

export async function action() {
  throw json({ error: "errors.notFound" }, { status: 404 });
}

export default function NotFound() {
  return null;
}
