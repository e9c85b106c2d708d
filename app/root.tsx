import { useContext } from "react";
import {
  Form,
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  data,
  useLocation,
  type LinkDescriptor,
} from "react-router";
import tokensCss from "@utrecht/design-tokens/dist/index.css?url";
import utrechtCss from "@utrecht/component-library-css/dist/index.css?url";
import type { Route } from "./+types/root";
import { isCrossSiteWrite } from "./auth/csrf";
import { getSession } from "./auth/session.server";
import { config } from "./lib/config.server";
import { NonceContext } from "./context";
import { LocaleProvider, loadAllMessages, translator, useT, type Locale, type MessageKey } from "./i18n";
import { getLocale } from "./i18n/locale.server";
import { readFlash } from "./lib/flash.server";
import { useRootData, type RootData } from "./lib/root-data";
import { mailPreviewEnabled } from "./lib/mail.server";
import { needsCodeOfConduct } from "./domain/moderation/code-of-conduct";
import { AppLink, AppNavigation, isCurrentPath } from "./ui/app-link";
import { Alert, ButtonLink, Heading, Paragraph } from "./ui/components";
import appCss from "./ui/app.css?url";

export const links: Route.LinksFunction = () => {
  const links: LinkDescriptor[] = [
    { rel: "stylesheet", href: tokensCss },
    { rel: "stylesheet", href: utrechtCss },
    { rel: "stylesheet", href: appCss },
    { rel: "stylesheet", href: "/theme.css" },
    { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
  ];
  return links;
};

/**
 * A page brings only the texts it shows (see app/i18n/catalogs.client.ts), so
 * client-side navigations and fetcher calls also wait for the rest of the
 * texts (fetched once, in parallel with the data): a new page never renders
 * with a text missing.
 */
export const clientMiddleware: Route.ClientMiddlewareFunction[] = [
  async (_args, next) => {
    await Promise.all([next(), loadAllMessages()]);
  },
];

/**
 * Cross-site posts never reach an action (see app/auth/csrf.ts), and neither
 * does multipart form data that does not parse (an action would fail on it
 * with a 500). The server already refused bodies that are no form at all, or
 * too large (http-stack.js).
 */
export const middleware: Route.MiddlewareFunction[] = [
  async ({ request }) => {
    if (isCrossSiteWrite(request, config().publicUrl)) {
      // A page renders the 403 page from this; a resource route sends the text.
      const t = translator(getLocale(request));
      throw new Response(`${t("errorPage.forbiddenTitle")}. ${t("errorPage.forbidden")}`, {
        status: 403,
        headers: { "Content-Type": "text/plain; charset=utf-8" },
      });
    }
    if (/^multipart\//i.test(request.headers.get("Content-Type") ?? "")) {
      const readable = await request
        .clone()
        .formData()
        .then(() => true, () => false);
      if (!readable) {
        throw new Response(translator(getLocale(request))("errorPage.badRequestTitle"), {
          status: 400,
          headers: { "Content-Type": "text/plain; charset=utf-8" },
        });
      }
    }
  },
];

export async function loader({ request }: Route.LoaderArgs) {
  const session = getSession(request);
  const locale = getLocale(request);
  const { flash, clear } = readFlash(request);
  return data<RootData>(
    {
      locale,
      user: session
        ? {
            displayName: session.user.displayName,
            role: session.user.role,
            needsCodeOfConduct: needsCodeOfConduct(session.user.codeOfConductVersion),
          }
        : null,
      flash,
      mailPreview: mailPreviewEnabled(),
    },
    clear ? { headers: { "Set-Cookie": clear } } : undefined,
  );
}


export function Layout({ children }: { children: React.ReactNode }) {
  const root = useRootData();
  const locale: Locale = root?.locale ?? "nl";
  const nonce = useContext(NonceContext);
  const t = translator(locale);
  return (
    <html lang={locale} dir="ltr">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="description" content={t("meta.description")} />
        <link rel="alternate" type="application/atom+xml" title={t("feed.title")} href="/feed.xml" />
        <Meta />
        {/* Style sheets, the icon and module preloads need no nonce (the CSP allows
            'self' for them); without one, a visitor's kept page has its nonces
            only in the scripts at the end (app/lib/page-cache.server.ts). */}
        <Links nonce="" />
      </head>
      <body className="utrecht-theme utrecht-body vl-body">
        <LocaleProvider value={locale}>
          <AppNavigation>
            <a className="utrecht-skip-link utrecht-skip-link--visible-on-focus" href="#main">
              {t("skipLink")}
            </a>
            <SiteHeader />
            <main id="main" tabIndex={-1} className="vl-main">
              {root?.flash ? (
                <Alert type="ok" live>
                  {t(root.flash.key, root.flash.vars)}
                </Alert>
              ) : null}
              {children}
            </main>
            <SiteFooter />
          </AppNavigation>
        </LocaleProvider>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

function SiteHeader() {
  const root = useRootData();
  const t = useT();
  const location = useLocation();
  const user = root?.user;
  const locale = root?.locale ?? "nl";
  const here = location.pathname + location.search;
  const nav: Array<{ to: string; label: MessageKey; end?: boolean }> = [
    { to: "/", label: "nav.home", end: true },
    { to: "/rondes", label: "nav.cycles" },
    { to: "/berichten", label: "nav.posts" },
    { to: "/antwoorden", label: "nav.answers" },
    { to: "/over", label: "nav.about" },
  ];
  if (user?.role === "ambtenaar") nav.push({ to: "/beoordelen", label: "nav.review" });
  if (user?.role === "projectleider" || user?.role === "beheerder") {
    nav.push({ to: "/moderatie", label: "nav.moderation" }, { to: "/beheer/logboek", label: "nav.audit" });
  }
  if (user?.role === "beheerder") nav.push({ to: "/beheer/accounts", label: "nav.accounts" });
  return (
    <header className="utrecht-page-header vl-header">
      <div className="vl-header__inner">
        <a href="/" className="vl-logo">
          {t("meta.siteName")}
        </a>
        <nav aria-label={t("nav.label")} className="vl-nav">
          <ul className="vl-nav__list">
            {nav.map((item) => (
              <li key={item.to}>
                <NavItem to={item.to} end={item.end} pathname={location.pathname} label={t(item.label)} />
              </li>
            ))}
            {user ? (
              <>
                <li>
                  <NavItem to="/account" pathname={location.pathname} label={t("nav.account")} />
                </li>
                <li>
                  <Form method="post" action="/uitloggen" className="vl-inline-form">
                    <button type="submit" className="vl-nav__link vl-nav__button">
                      {t("nav.logout")}
                    </button>
                  </Form>
                </li>
              </>
            ) : (
              <>
                <li>
                  <NavItem to="/inloggen" pathname={location.pathname} label={t("nav.login")} />
                </li>
                <li>
                  <NavItem to="/registreren" pathname={location.pathname} label={t("nav.signup")} />
                </li>
              </>
            )}
          </ul>
        </nav>
        <Form method="post" action="/taal" className="vl-lang" reloadDocument>
          <input type="hidden" name="lang" value={locale === "nl" ? "en" : "nl"} />
          <input type="hidden" name="redirectTo" value={here} />
          <button type="submit" className="vl-nav__button vl-lang__button" lang={locale === "nl" ? "en" : "nl"}>
            {locale === "nl" ? "English" : "Nederlands"}
          </button>
        </Form>
        {user ? <p className="vl-header__user">{t("nav.signedInAs", { name: user.displayName })}</p> : null}
      </div>
    </header>
  );
}

/** A link in the site's menu; `aria-current="page"` on the page the visitor is on (or below it, unless `end`). */
function NavItem({ to, end, pathname, label }: { to: string; end?: boolean; pathname: string; label: string }) {
  return (
    <AppLink to={to} className="vl-nav__link" aria-current={isCurrentPath(pathname, to, end) ? "page" : undefined}>
      {label}
    </AppLink>
  );
}

function SiteFooter() {
  const t = useT();
  const root = useRootData();
  const links: Array<{ to: string; label: MessageKey }> = [
    { to: "/over", label: "footer.about" },
    { to: "/gedragscode", label: "footer.conduct" },
    { to: "/privacy", label: "footer.privacy" },
    { to: "/toegankelijkheid", label: "footer.accessibility" },
    { to: "/kwetsbaarheid-melden", label: "footer.vulnerability" },
  ];
  if (root?.mailPreview) links.push({ to: "/mail", label: "nav.mail" });
  return (
    <footer className="utrecht-page-footer vl-footer">
      <div className="vl-footer__inner">
        <p className="vl-footer__tagline">{t("footer.tagline")}</p>
        <nav aria-label={t("footer.label")}>
          <ul className="vl-footer__list">
            {links.map((link) => (
              <li key={link.to}>
                <a className="vl-footer__link" href={link.to}>
                  {t(link.label)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </div>
    </footer>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  const t = useT();
  let title: MessageKey = "errorPage.genericTitle";
  let body: MessageKey = "errorPage.generic";
  let status = 500;
  if (isRouteErrorResponse(error)) {
    status = error.status;
    if (status === 404) {
      title = "errorPage.notFoundTitle";
      body = "errorPage.notFound";
    } else if (status === 403) {
      title = "errorPage.forbiddenTitle";
      body = "errorPage.forbidden";
    } else if (status === 429) {
      title = "errorPage.tooManyTitle";
      body = "errorPage.tooMany";
    } else if (status === 400 || status === 405 || status === 413) {
      title = "errorPage.badRequestTitle";
      body = "error.badRequest";
    }
  } else if (import.meta.env.DEV && error instanceof Error) {
    console.error(error);
  }
  return (
    <div className="vl-error-page">
      <title>{`${t(title)} | ${t("meta.siteName")}`}</title>
      <Heading level={1}>{t(title)}</Heading>
      <Paragraph lead>{t(body)}</Paragraph>
      <Paragraph className="vl-muted">{t("errorPage.code", { status })}</Paragraph>
      <ButtonLink to="/" variant="secondary">
        {t("errorPage.home")}
      </ButtonLink>
    </div>
  );
}
