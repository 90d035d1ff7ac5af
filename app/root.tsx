import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import {
  Form,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useLocation,
  useMatches,
  useRouteError,
} from "@remix-run/react";
import { useMemo, type ReactNode } from "react";
import { I18nextProvider, useTranslation } from "react-i18next";
import { createI18n } from "~/i18n/i18n";
import { getLocale } from "~/i18n/locale.server";
import { getStaffUser } from "~/http/auth.server";
import { listDistricts } from "~/domain/areas/districts.server";
import { useNonce } from "~/utils/nonce";
import { useRootData } from "~/utils/root-data";
import { SocketProvider } from "~/realtime/use-socket";
import { liveShouldRevalidate } from "~/utils/live-revalidation";
import { tKey } from "~/i18n/keys";
import { localeFromMatches, tFor } from "~/utils/i18n-helpers";
import styles from "~/styles/app.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = ({ error, matches }) => {
  const t = tFor(localeFromMatches(matches));
  if (!error) return [{ title: t("app.name") }];
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const key = status === 404 ? "errors.notFoundTitle" : status === 403 ? "errors.forbiddenTitle" : "errors.title";
  return [{ title: `${t(key)} – Tryggve` }];
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const [locale, staff, districts] = await Promise.all([getLocale(request), getStaffUser(request, context), listDistricts(context.db)]);
  return json({
    locale,
    staff: staff ? { name: staff.name, role: staff.role, csrfToken: staff.csrfToken } : null,
    districts: districts.map((d) => ({ slug: d.slug, name: d.name })),
    operator: context.config.SERVICE_OPERATOR,
    contactEmail: context.config.CONTACT_EMAIL,
  });
}

function Header() {
  const data = useRootData();
  const { t } = useTranslation();
  const location = useLocation();
  const here = location.pathname + location.search;
  return (
    <header className="site-header">
      <div className="container header-row">
        <Link to="/" className="brand">
          <span aria-hidden="true" className="brand-mark">
            ◆
          </span>{" "}
          {t("app.name")}
        </Link>
        <nav aria-label={t("nav.label")} className="main-nav">
          <ul>
            <li>
              <NavLink to="/" end>
                {t("nav.home")}
              </NavLink>
            </li>
            <li>
              <NavLink to="/dialoger">{t("dialogues.title")}</NavLink>
            </li>
            <li>
              <NavLink to="/vandringar">{t("walks.title")}</NavLink>
            </li>
            <li>
              <NavLink to="/mina">{t("measures.mine.title")}</NavLink>
            </li>
            <li>
              <NavLink to={data?.staff ? "/personal" : "/personal/logga-in"}>{data?.staff ? t("nav.staff") : t("nav.signIn")}</NavLink>
            </li>
          </ul>
        </nav>
        <div className="header-tools">
          {data && data.districts.length > 0 ? (
            <Form method="get" action="/omrade" className="district-chooser">
              <label htmlFor="district-chooser">{t("districts.chooserLabel")}</label>
              <select id="district-chooser" name="omrade" defaultValue="">
                <option value="" disabled>
                  {t("districts.choose")}
                </option>
                {data.districts.map((d) => (
                  <option key={d.slug} value={d.slug}>
                    {d.name}
                  </option>
                ))}
              </select>
              <button type="submit">{t("districts.show")}</button>
            </Form>
          ) : null}
          <Form method="post" action="/sprak" className="language-switch" reloadDocument>
            <input type="hidden" name="lng" value={t("language.switchToLang")} />
            <input type="hidden" name="redirectTo" value={here} />
            <button type="submit" lang={t("language.switchToLang")}>
              {t("language.switchTo")}
            </button>
          </Form>
          {data?.staff ? (
            <Form method="post" action="/personal/logga-ut" className="sign-out">
              <input type="hidden" name="_csrf" value={data.staff.csrfToken} />
              <span className="signed-in-as">{t("nav.signedInAs", { name: data.staff.name, role: t(`roles.${data.staff.role}`) })}</span>{" "}
              <button type="submit">{t("nav.signOut")}</button>
            </Form>
          ) : null}
        </div>
      </div>
    </header>
  );
}

function Footer() {
  const data = useRootData();
  const { t } = useTranslation();
  return (
    <footer className="site-footer">
      <div className="container">
        <p>{t("footer.operatedBy", { operator: data?.operator ?? "Stockholms stad" })}</p>
        {data ? (
          <p>
            {t("footer.contact", { email: "" })}
            <a href={`mailto:${data.contactEmail}`}>{data.contactEmail}</a>
          </p>
        ) : null}
        <p>
          {t("footer.bbs")} {t("footer.publicDocument")}
        </p>
        <ul className="footer-links">
          <li>
            <Link to="/tillganglighet">{t("nav.accessibility")}</Link>
          </li>
          <li>
            <Link to="/integritet">{t("nav.privacy")}</Link>
          </li>
          <li>
            <Link to="/sakerhet">{t("nav.securityPolicy")}</Link>
          </li>
        </ul>
      </div>
    </footer>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRootData();
  const locale = data?.locale ?? "sv";
  const i18n = useMemo(() => createI18n(locale), [locale]);
  const nonce = useNonce();
  // Routes with handle.bare (present mode) render without header and footer.
  const bare = useMatches().some((m) => (m.handle as { bare?: boolean } | undefined)?.bare);
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <I18nextProvider i18n={i18n}>
          <SocketProvider>
            <a href="#main" className="skip-link">
              {i18n.t("app.skipToContent")}
            </a>
            {bare ? null : <Header />}
            <main id="main" tabIndex={-1} className={bare ? "bare" : "container"}>
              {children}
            </main>
            {bare ? null : <Footer />}
          </SocketProvider>
        </I18nextProvider>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

/**
 * The live room's actions go over the socket; when they fall back to a form post
 * (socket down) the post's answer and the socket's replay update the screen, so the
 * root loader is not run again for them, nor when only `?sort=` changes (docs/realtime.md).
 */
export const shouldRevalidate: ShouldRevalidateFunction = liveShouldRevalidate;

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  let title = t("errors.title");
  let message = t("errors.generic");
  let status = 500;
  if (isRouteErrorResponse(error)) {
    status = error.status;
    const key = (error.data as { error?: unknown } | null)?.error;
    if (error.status === 404) {
      title = t("errors.notFoundTitle");
      message = tKey(t, typeof key === "string" ? key : null, undefined, "errors.notFound");
    } else if (error.status === 403) {
      title = t("errors.forbiddenTitle");
      message = tKey(t, typeof key === "string" ? key : null, undefined, "errors.forbidden");
    } else if (typeof key === "string" && key.startsWith("errors.")) {
      message = tKey(t, key, undefined, "errors.generic");
    }
  }
  return (
    <div className="error-page">
      <h1>{title}</h1>
      <p>{message}</p>
      <p className="muted">HTTP {status}</p>
      <p>
        <Link to="/">{t("errors.backHome")}</Link>
      </p>
    </div>
  );
}
