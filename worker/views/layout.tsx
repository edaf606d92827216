import type { Child } from "hono/jsx";
import { dateInZone, longDate, wallTime } from "../../widget/time";
import { languageName, type Strings } from "../catalogues";
import type { PublicSite } from "../schemas/site";
import { AlertBanner, alertsAnswer, type PageAlert } from "./alert-banner";
import { Document } from "./document";

/** What every page knows about the request it answers. */
export interface PageContext {
  /** The site with its own words in the page's language. */
  site: PublicSite;
  /** The page's language: one of the site's languages. */
  lang: string;
  t: Strings;
  /** The locale dates and times are written in: the catalogue's, or the page's language when it has none. */
  locale: string;
  /** The instant the page shows, epoch ms. */
  now: number;
  origin: string;
  /** The widget's content-addressed script, which takes over the live parts. */
  widgetSrc: string;
  /** The citizen alerts active at `now`, most severe first: every page shows them above all else. */
  alerts: PageAlert[];
}

export interface LanguageLink {
  lang: string;
  href: string;
}

/**
 * A language's name in itself, as a reader looks for it in a list:
 * "English", "Русский".
 */
export function ownName(tag: string): string {
  const name = languageName(tag, tag);
  return name.charAt(0).toLocaleUpperCase(tag) + name.slice(1);
}

export interface LayoutProps {
  page: PageContext;
  title: string;
  /** What search results and link previews say of the page. */
  description: string;
  /** The page's own image for link previews (absolute); without one, previews show the emblem. */
  image?: string;
  canonical: string;
  /** Where this page is in each of the site's languages (or a publication's versions). */
  languages: LanguageLink[];
  /** `hreflang` alternates, `x-default` included when there is one. */
  alternates?: LanguageLink[];
  current?: "home" | "archive" | "search";
  query?: string;
  head?: Child;
  children: Child;
}

/**
 * JSON inside a `<script>` element: `<` is escaped, so no text in the data
 * can close the element.
 */
export function scriptJson(data: unknown): { __html: string } {
  return { __html: JSON.stringify(data).replaceAll("<", "\\u003c") };
}

/**
 * The API answers (keyed by URL) a chancery element starts from, inside the
 * element itself: the widget reads only its own child, so nothing else on a
 * page, whoever wrote it, can feed an element.
 */
export function Carried({ answers }: { answers: Record<string, unknown> }) {
  return <script type="application/json" dangerouslySetInnerHTML={scriptJson(answers)} />;
}

/** The site's answer in the page's language, as every element but the counters asks for it. */
export const siteAnswer = (page: PageContext) => ({ [`/api/v1/site?lang=${page.lang}`]: page.site });

/** Today's date and the clocks, as the widget draws them, for the server's copy. */
function Now({ page }: { page: PageContext }) {
  const { site, t, now, locale } = page;
  return (
    <div class="now">
      <chancery-today locale={locale} lang={page.lang}>
        <time part="date" datetime={dateInZone(now, site.time_zone)}>
          {longDate(now, site.time_zone, locale)}
        </time>
        <Carried answers={siteAnswer(page)} />
      </chancery-today>
      {/* The page names the clocks in its language; the widget's list inside stays unnamed. */}
      <chancery-clocks locale={locale} lang={page.lang} role="group" aria-label={t.clocks}>
        <ul part="list">
          {site.clocks.map((clock) => (
            <li part="clock">
              <span part="label">{clock.label}</span>{" "}
              <time part="time" datetime={new Date(now).toISOString()}>
                {wallTime(now, clock.time_zone, {}, locale)}
              </time>
            </li>
          ))}
        </ul>
        <Carried answers={siteAnswer(page)} />
      </chancery-clocks>
    </div>
  );
}

function Languages({ page, languages }: { page: PageContext; languages: LanguageLink[] }) {
  if (languages.length < 2) return null;
  return (
    <ul class="langs" aria-label={page.t.interfaceLanguage}>
      {languages.map(({ lang, href }) => (
        <li>
          <a href={href} hreflang={lang} lang={lang} aria-current={lang === page.lang ? "true" : undefined}>
            {ownName(lang)}
          </a>
        </li>
      ))}
    </ul>
  );
}

/**
 * An address of the site in the page's language: home, archive and search
 * live under the language's prefix.
 * @example localPath("/publications?tag=visa", page) // "/ru/publications?tag=visa"
 */
export const localPath = (path: string, page: Pick<PageContext, "lang">) =>
  `/${page.lang.toLowerCase()}${path}`;

/** A language's feeds, each at its own address. */
const FEEDS = [
  { path: "/feed.xml", type: "application/rss+xml", name: "RSS" },
  { path: "/atom.xml", type: "application/atom+xml", name: "Atom" },
  { path: "/feed.json", type: "application/feed+json", name: "JSON Feed" },
] as const;

/** The frame of every page: masthead with date and clocks, navigation, search, footer. */
export function Layout(props: LayoutProps) {
  const { page, current } = props;
  const { site, t } = page;
  const previewImage = props.image ?? (site.emblem ? new URL(site.emblem, page.origin).href : undefined);
  const nav = [
    { key: "home", href: localPath("/", page), label: t.home },
    { key: "archive", href: localPath("/publications", page), label: t.archive },
  ];
  return (
    <Document
      title={props.title}
      description={props.description}
      lang={page.lang}
      head={
        <>
          <link rel="canonical" href={props.canonical} />
          {props.alternates?.map(({ lang, href }) => (
            <link rel="alternate" hreflang={lang} href={href} />
          ))}
          {FEEDS.map((feed) => (
            <link
              rel="alternate"
              type={feed.type}
              title={`${site.name} (${feed.name})`}
              href={localPath(feed.path, page)}
            />
          ))}
          {/* Without an emblem, `data:,` spares browsers asking for an icon the site lacks. */}
          <link rel="icon" href={site.emblem ?? "data:,"} />
          {previewImage ? <meta property="og:image" content={previewImage} /> : null}
          <link rel="stylesheet" href="/site.css" />
          <script type="module" src={page.widgetSrc} />
          {props.head}
        </>
      }
    >
      <a class="skip" href="#content">
        {t.skip}
      </a>
      <AlertBanner page={page}>
        <Carried answers={{ ...alertsAnswer(page), ...siteAnswer(page) }} />
      </AlertBanner>
      <header class="masthead">
        <div class="wrap">
          <a class="site-name" href={nav[0].href}>
            {/* The name beside it says what the link is: a screen reader need not hear it twice. */}
            {site.emblem ? <img class="emblem" src={site.emblem} alt="" /> : null}
            {site.name}
          </a>
          <Now page={page} />
          <Languages page={page} languages={props.languages} />
        </div>
        <div class="wrap">
          <nav class="site" aria-label={site.name}>
            <ul>
              {nav.map((item) => (
                <li>
                  <a href={item.href} aria-current={item.key === current ? "page" : undefined}>
                    {item.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <search>
            <form class="search" action={localPath("/search", page)} method="get">
              <label class="visually-hidden" for="q">
                {t.searchLabel}
              </label>
              <input type="search" id="q" name="q" value={props.query} placeholder={t.searchLabel} />
              <button type="submit">{t.searchButton}</button>
            </form>
          </search>
        </div>
      </header>
      <main id="content" class="wrap">
        {props.children}
      </main>
      <footer class="site">
        <div class="wrap">
          <p>{site.name}</p>
          <ul>
            <li>
              {FEEDS.map((feed, at) => (
                <>
                  {at > 0 ? " · " : null}
                  <a href={localPath(feed.path, page)}>{feed.name}</a>
                </>
              ))}
            </li>
            <li>
              <a href="/embed">{t.embed}</a>
            </li>
            <li>
              <a href="/api/docs">{t.api}</a>
            </li>
          </ul>
        </div>
      </footer>
    </Document>
  );
}
