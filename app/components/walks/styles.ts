import type { LinksFunction } from "@remix-run/node";
import leafletCss from "leaflet/dist/leaflet.css";
import dialoguesCss from "~/styles/dialogues.css";
import walksCss from "~/styles/walks.css";

export const walkLinks: LinksFunction = () => [
  { rel: "stylesheet", href: leafletCss },
  { rel: "stylesheet", href: dialoguesCss },
  { rel: "stylesheet", href: walksCss },
];
