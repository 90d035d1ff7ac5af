import type { Logger } from "pino";
import type { DB } from "../db/connection";
import type { Clock } from "~/clock";
import type { Config } from "~/config.server";
import type { Publisher } from "~/realtime/publisher.server";

/** What the Express adapter hands every loader and action. */
export interface AppContext {
  db: DB;
  config: Config;
  logger: Logger;
  publisher: Publisher;
  /** The app's "now" for date rules (walk windows, due dates, what is upcoming): pass `clock.now()` to the domain. */
  clock: Clock;
  cspNonce: string;
  requestId: string;
  clientIp: string;
  participantId: string;
}

declare module "@remix-run/node" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends AppContext {}
}
