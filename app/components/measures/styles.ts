import type { LinksFunction } from "@remix-run/node";
import measuresCss from "~/styles/measures.css";
import dialoguesCss from "~/styles/dialogues.css";

export const measureLinks: LinksFunction = () => [
  { rel: "stylesheet", href: dialoguesCss },
  { rel: "stylesheet", href: measuresCss },
];
