/**
 * One browser tab for component tests: the app's real route modules (loader, action,
 * page component, shouldRevalidate) inside `createRemixStub`, under the same providers as
 * root.tsx (i18next, SocketProvider), in StrictMode as entry.client.tsx renders them.
 *
 * The socket is a real socket.io-client connected to a real server (test/helpers/realtime.ts
 * `startRealtime`, port 0). Why this works in a jsdom test: vitest loads socket.io-client
 * from node_modules as a Node module, so engine.io-client uses its Node WebSocket transport
 * (the `ws` package), not jsdom's WebSocket. That one accepts `extraHeaders`, which carry the
 * tab's cookie (participant id or staff session) and an Origin the server allows. jsdom's own
 * WebSocket (like a real browser's) cannot set a Cookie header, and the polling transport would
 * need jsdom's XMLHttpRequest to send cookies to another origin; the Node WebSocket transport
 * with `extraHeaders` avoids both. The DOM itself is jsdom (`// @vitest-environment jsdom` in
 * each test file, so the rest of the suite keeps the node environment).
 *
 * Two things keep the order of events as a browser has it (the moderation queue's focus
 * handling depends on it: with neither, its tests fail on correct code):
 *   - `ws` emits every message of one network read synchronously, so an ack and the event the
 *     server sent right after it were handled before the ack's promise callbacks ran. A
 *     browser dispatches each WebSocket message as its own task; `allowSynchronousEvents:
 *     false` does the same here.
 *   - see `window.event` below.
 *
 * Each tab records its loader and action calls: after a live action neither may run (the
 * socket's ack and events update the screen, never a reload of the page's data).
 */
import { URLSearchParams as NodeURLSearchParams } from "node:url";
import { transferableAbortController } from "node:util";
import { createRemixStub } from "@remix-run/testing";
import { Outlet, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import type { ActionFunction, ActionFunctionArgs, AppLoadContext, LoaderFunction, LoaderFunctionArgs } from "@remix-run/node";
import { configure, render } from "@testing-library/react";
import { StrictMode, useMemo, type ComponentType } from "react";
import { I18nextProvider } from "react-i18next";
import { NodeWebSocket } from "engine.io-client";
import { io } from "socket.io-client";
import { createI18n } from "~/i18n/i18n";
import { loader as rootLoader } from "~/root";
import { SocketProvider, type ClientSocket } from "~/realtime/use-socket";

/**
 * `window.event` as a browser has it. vitest's jsdom globals keep any value assigned to a
 * window property for good, and React 18's development build assigns `window.event` while it
 * replays an event (invokeGuardedCallbackDev). From then on `window.event` is that stale
 * event, so React treats every later update (a socket message, too) as part of a discrete
 * user event and renders it at once, ahead of promise callbacks, which no browser does.
 * Reading through to jsdom's own getter (and ignoring the assignment) keeps the order real.
 */
const jsdomWindow = (globalThis as unknown as { jsdom: { window: { event: Event | undefined } } }).jsdom.window;
Object.defineProperty(globalThis, "event", { configurable: true, enumerable: true, get: () => jsdomWindow.event, set: () => {} });

/**
 * Node 24's fetch (undici 7) refuses a `signal` that is not its own AbortSignal, and in a jsdom
 * test the global `AbortController` is jsdom's, so every Request React Router built for a loader
 * threw ("Expected signal to be an instance of AbortSignal") and no page rendered; Node 20 did
 * not check. A foreign signal is relayed to one of Node's own (`transferableAbortController`
 * is Node's AbortController whatever the globals say), which aborts with it.
 */
// Typed as a plain constructor: as `typeof AbortSignal`, TypeScript would narrow a jsdom signal to never below.
const NodeAbortSignal = transferableAbortController().signal.constructor as new () => object;
function asNodeSignal(signal: AbortSignal): AbortSignal {
  if (signal instanceof NodeAbortSignal) return signal;
  const relay = transferableAbortController();
  if (signal.aborted) relay.abort(signal.reason);
  else signal.addEventListener("abort", () => relay.abort(signal.reason), { once: true });
  return relay.signal;
}
/**
 * The same for a form's body: jsdom's URLSearchParams or FormData is not a body Node's fetch
 * knows (it sent "[object URLSearchParams]" as text/plain), so string-only form data is handed
 * over as Node's URLSearchParams.
 */
function asNodeBody(body: RequestInit["body"]): RequestInit["body"] {
  if (body instanceof NodeURLSearchParams || !(body instanceof globalThis.URLSearchParams || body instanceof globalThis.FormData)) return body;
  const entries = [...(body as Iterable<[string, FormDataEntryValue]>)];
  if (!entries.every(([, v]) => typeof v === "string")) return body;
  return new NodeURLSearchParams(entries as Array<[string, string]>);
}
const NodeRequest = globalThis.Request;
/** What this Node's fetch accepts as it is (Node 20: both; Node 24: neither): only the rest is handed over. */
const FETCH_TAKES_JSDOM_SIGNALS = (() => {
  try {
    new NodeRequest("http://localhost/", { signal: new AbortController().signal });
    return true;
  } catch {
    return false;
  }
})();
const FETCH_TAKES_JSDOM_BODIES =
  new NodeRequest("http://localhost/", { method: "POST", body: new URLSearchParams("a=b") }).headers
    .get("content-type")
    ?.startsWith("application/x-www-form-urlencoded") ?? false;
globalThis.Request = class extends NodeRequest {
  constructor(input: RequestInfo | URL, init?: RequestInit) {
    // Only keys the caller gave: an explicit `body: undefined` drops a copied Request's body on Node 20.
    const own: RequestInit | undefined = init ? { ...init } : undefined;
    if (own?.body != null && !FETCH_TAKES_JSDOM_BODIES) own.body = asNodeBody(own.body);
    if (own?.signal && !FETCH_TAKES_JSDOM_SIGNALS) own.signal = asNodeSignal(own.signal);
    super(input, own);
  }
} as typeof Request;

// findBy*/waitFor wait up to 5 s, not 1 s: a round trip through the server and SQLite can take that long on a busy 2-core machine.
configure({ asyncUtilTimeout: 5000 });

/** engine.io's Node WebSocket transport, one message per task (see above). */
class BrowserOrderWebSocket extends NodeWebSocket {
  createSocket(uri: string, protocols: string | string[] | undefined, opts: Record<string, unknown>) {
    return super.createSocket(uri, protocols, { ...opts, allowSynchronousEvents: false });
  }
}

type Loader = LoaderFunction;
type Action = ActionFunction;

export interface RouteModule {
  path: string;
  /** The route file's id, e.g. "routes/dialoger.$id.delta" (useRouteLoaderData uses "root"). */
  id: string;
  loader?: Loader;
  action?: Action;
  Component?: ComponentType;
  shouldRevalidate?: ShouldRevalidateFunction;
}

export interface TabOptions {
  url: string;
  /** The socket.io server's URL (startRealtime().url). */
  serverUrl: string;
  /** Cookie header of this tab: `tryggve_pid=…` for a resident, the session cookie for staff. */
  cookie: string;
  /** The load context the Express adapter would build for this device (testContext). */
  context: AppLoadContext;
  routes: RouteModule[];
  /** Options for the tab's socket (e.g. `autoConnect: false` for a device that starts offline). */
  socket?: { autoConnect?: boolean };
}

export interface Tab {
  /** Every socket the provider created (StrictMode mounts twice in development: the first is closed again). */
  sockets: ClientSocket[];
  /** The tab's live socket. */
  socket(): ClientSocket;
  /** Loader and action calls after the first render, by route id (a live action must add none). */
  loads: string[];
  posts: Array<{ route: string; form: Record<string, string> }>;
  unmount(): void;
}

/** The request the browser would send: the stub's request plus this tab's cookie. */
function withCookie(request: Request, cookie: string): Request {
  const headers = new Headers(request.headers);
  headers.set("Cookie", cookie);
  return new Request(request, { headers });
}

export function openTab(opts: TabOptions): Tab {
  const sockets: ClientSocket[] = [];
  const loads: string[] = [];
  const posts: Tab["posts"] = [];
  const factory = () => {
    const s: ClientSocket = io(opts.serverUrl, {
      transports: [BrowserOrderWebSocket],
      extraHeaders: { cookie: opts.cookie, origin: opts.serverUrl },
      forceNew: true,
      reconnectionDelay: 50,
      reconnectionDelayMax: 200,
      autoConnect: opts.socket?.autoConnect ?? true,
    });
    sockets.push(s);
    return s;
  };

  function Root() {
    const { locale } = useLoaderData<typeof rootLoader>();
    const i18n = useMemo(() => createI18n(locale), [locale]);
    return (
      <I18nextProvider i18n={i18n}>
        <SocketProvider factory={factory}>
          <Outlet />
        </SocketProvider>
      </I18nextProvider>
    );
  }

  const wrapLoader = (id: string, loader: Loader) => (args: LoaderFunctionArgs) => {
    loads.push(id);
    return loader({ ...args, request: withCookie(args.request, opts.cookie), context: opts.context });
  };
  const wrapAction = (id: string, action: Action) => async (args: ActionFunctionArgs) => {
    const request = withCookie(args.request, opts.cookie);
    const form = Object.fromEntries([...(await request.clone().formData()).entries()].map(([k, v]) => [k, String(v)]));
    posts.push({ route: id, form });
    return action({ ...args, request, context: opts.context });
  };

  const Stub = createRemixStub([
    {
      id: "root",
      path: "/",
      loader: wrapLoader("root", rootLoader),
      Component: Root,
      children: opts.routes.map((r) => ({
        id: r.id,
        path: r.path,
        loader: r.loader ? wrapLoader(r.id, r.loader) : undefined,
        action: r.action ? wrapAction(r.id, r.action) : undefined,
        Component: r.Component,
        shouldRevalidate: r.shouldRevalidate,
      })),
    },
  ]);
  const view = render(
    <StrictMode>
      <Stub initialEntries={[opts.url]} future={{ v3_fetcherPersist: true, v3_relativeSplatPath: true }} />
    </StrictMode>,
  );
  return {
    sockets,
    socket() {
      const live = sockets.at(-1);
      if (!live) throw new Error("the tab has not created its socket yet");
      return live;
    },
    loads,
    posts,
    unmount: () => view.unmount(),
  };
}
