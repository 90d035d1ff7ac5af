/**
 * A small browser for single sign-on tests: one cookie jar per origin, redirects followed by
 * hand (so a test can stop at, inspect, alter or replay any step), the provider's login and
 * consent forms submitted as a person would. Requests to Tryggve go to the real server started
 * by test/helpers/app.ts with PUBLIC_URL's Host and Origin (the browser is on PUBLIC_URL);
 * requests to the provider are plain fetches to it.
 */
import { request, type App } from "./app";

export interface Page {
  url: URL;
  status: number;
  location: URL | null;
  body: string;
  setCookies: string[];
}

export class SsoBrowser {
  private jars = new Map<string, Map<string, string>>();
  readonly history: URL[] = [];

  constructor(private readonly app: Pick<App, "base" | "config">) {}

  /** The cookies this browser holds for an origin (name → value). */
  cookies(origin: string): Map<string, string> {
    let jar = this.jars.get(origin);
    if (!jar) this.jars.set(origin, (jar = new Map()));
    return jar;
  }

  get appOrigin(): string {
    return new URL(this.app.config.PUBLIC_URL).origin;
  }

  /** Forgets one of Tryggve's cookies (as if the callback were opened in another browser). */
  dropAppCookie(name: RegExp) {
    const jar = this.cookies(this.appOrigin);
    for (const key of [...jar.keys()]) if (name.test(key)) jar.delete(key);
  }

  private remember(origin: string, setCookies: string[]) {
    const jar = this.cookies(origin);
    for (const header of setCookies) {
      const [pair, ...attrs] = header.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired =
        attrs.some((a) => /^\s*max-age=0\s*$/i.test(a)) || attrs.some((a) => /^\s*expires=/i.test(a) && Date.parse(a.split("=")[1]!) < Date.now());
      if (expired || value === "") jar.delete(name);
      else jar.set(name, value);
    }
  }

  private cookieHeader(origin: string): string | undefined {
    const jar = this.cookies(origin);
    return jar.size ? [...jar].map(([k, v]) => `${k}=${v}`).join("; ") : undefined;
  }

  /** One request, redirects not followed. `form` makes it a urlencoded POST. */
  async open(target: string | URL, form?: Record<string, string>): Promise<Page> {
    const url = new URL(target, this.app.config.PUBLIC_URL);
    this.history.push(url);
    const headers: Record<string, string> = {};
    const cookie = this.cookieHeader(url.origin);
    if (cookie) headers.cookie = cookie;
    const body = form ? new URLSearchParams(form).toString() : undefined;
    if (form) headers["content-type"] = "application/x-www-form-urlencoded";
    let res: Response;
    if (url.origin === this.appOrigin) {
      // Tryggve: the real server on its test port, addressed as PUBLIC_URL (Host, and Origin on posts).
      if (form) headers.origin = this.appOrigin;
      res = await request(this.app.base, url.pathname + url.search, { method: form ? "POST" : "GET", headers: { host: url.host, ...headers }, body });
    } else {
      if (form) headers.origin = url.origin;
      res = await fetch(url, { method: form ? "POST" : "GET", headers, body, redirect: "manual" });
    }
    const setCookies = res.headers.getSetCookie();
    this.remember(url.origin, setCookies);
    const location = res.headers.get("location");
    return { url, status: res.status, location: location ? new URL(location, url) : null, body: await res.text(), setCookies };
  }

  /** Follows redirects from `page` until one would leave for `stopAt` (returned unopened) or a page answers. */
  async follow(page: Page, stopAt?: (url: URL) => boolean): Promise<Page> {
    let current = page;
    for (let hops = 0; current.location && hops < 20; hops++) {
      if (stopAt?.(current.location)) return current;
      current = await this.open(current.location);
    }
    return current;
  }
}

/** The provider's interaction form on a page: where it posts and which prompt it answers. */
export function providerForm(page: Page): { action: URL; prompt: "login" | "consent" } | null {
  const form = /<form[^>]*action="([^"]+)"[^>]*method="post"[^>]*>([\s\S]*?)<\/form>/i.exec(page.body);
  if (!form) return null;
  const prompt = /name="prompt" value="(login|consent)"/.exec(form[2]!)?.[1] as "login" | "consent" | undefined;
  return prompt ? { action: new URL(form[1]!.replace(/&amp;/g, "&"), page.url), prompt } : null;
}

/** The provider's "[ Cancel ]" link on an interaction page. */
export function providerAbortLink(page: Page): URL | null {
  const href = /<a href="([^"]+\/abort)"/.exec(page.body)?.[1];
  return href ? new URL(href, page.url) : null;
}

export interface SsoStart {
  /** Tryggve's answer to the button (302 to the provider). */
  start: Page;
  /** The authorization request Tryggve built. */
  authorizationUrl: URL;
}

/** Presses "Logga in med kommunens konto" on Tryggve's sign-in page (a real form post). */
export async function pressSsoButton(browser: SsoBrowser, redirectTo = "/personal"): Promise<SsoStart> {
  const start = await browser.open("/personal/sso", { redirectTo });
  if (start.status !== 302 || !start.location) throw new Error(`the SSO button answered ${start.status}: ${start.body.slice(0, 300)}`);
  return { start, authorizationUrl: start.location };
}

/**
 * At the provider: opens the authorization URL, signs in as the user `login` (any password: the
 * provider's development login), consents, and returns the redirect back to Tryggve, unopened.
 */
export async function signInAtProvider(browser: SsoBrowser, authorizationUrl: URL, login: string): Promise<URL> {
  const isCallback = (url: URL) => url.origin === browser.appOrigin;
  let page = await browser.follow(await browser.open(authorizationUrl), isCallback);
  for (let steps = 0; steps < 5; steps++) {
    if (page.location && isCallback(page.location)) return page.location;
    const form = providerForm(page);
    if (!form) throw new Error(`no login or consent form at ${page.url.href} (${page.status}): ${page.body.slice(0, 300)}`);
    const fields: Record<string, string> = form.prompt === "login" ? { prompt: "login", login, password: "any" } : { prompt: "consent" };
    page = await browser.follow(await browser.open(form.action, fields), isCallback);
  }
  throw new Error("the provider did not send the browser back to Tryggve");
}
