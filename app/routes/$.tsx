import { notFound } from "~/http/not-found.server";

// Unknown addresses: a 404 rendered by the root error boundary in the visitor's language.
export async function loader() {
  notFound("page");
}

export async function action() {
  notFound("page");
}

export default function NotFound() {
  return null;
}
