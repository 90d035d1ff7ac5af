import type { LinksFunction } from "@remix-run/node";
import dialoguesCss from "~/styles/dialogues.css";

export const dialogueLinks: LinksFunction = () => [{ rel: "stylesheet", href: dialoguesCss }];
