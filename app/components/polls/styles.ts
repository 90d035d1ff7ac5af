import type { LinksFunction } from "@remix-run/node";
import pollsCss from "~/styles/polls.css";

export const pollLinks: LinksFunction = () => [{ rel: "stylesheet", href: pollsCss }];
