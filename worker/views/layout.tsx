import type { Child } from "hono/jsx";
import { dateInZone, longDate, wallTime } from "../../widget/time";
import type { Site } from "../schemas/site";
import { Document } from "./document";
import type { InterfaceLang, Strings } from "./i18n";

/** What every page knows about the request it answers. */
export interface PageContext {
  site: Site;
  lang: InterfaceLang;
  /** Whether the reader chose the language (`?lang=`), which links then keep. */
  chosenLang: boolean;
  t: Strings;
  /** The instant the page shows, epoch ms. */
  now: number;
  origin: string;
  /** The widget's content-addressed script, which takes over the live parts. */
  widgetSrc: string;
}

export interface LanguageLink {
  lang: string;
  href: string;
}

export interface LayoutProps {
  page: PageContext;
  title: string;
  /** What search results and link previews say of the page. */
  description: string;
  canonical: string;
  /** Where this page is in the other interface languages (or translations). */
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

/** The site's answer, which every element but the counters starts from. */
export const siteAnswer = (page: PageContext) => ({ "/api/v1/site": page.site });

/** Today's date and the clocks, as the widget draws them, for the server's copy. */
function Now({ page }: { page: PageContext }) {
  const { site, t, now } = page;
  return (
    <div class="now">
      <chancery-today locale={t.locale}>
        <time part="date" datetime={dateInZone(now, site.time_zone)}>
          {longDate(now, site.time_zone, t.locale)}
        </time>
        <Carried answers={siteAnswer(page)} />
      </chancery-today>
      <chancery-clocks locale={t.locale}>
        <ul part="list" aria-label={t.clocks}>
          {site.clocks.map((clock) => (
            <li part="clock">
              <span part="label">{clock.label}</span>{" "}
              <time part="time" datetime={new Date(now).toISOString()}>
                {wallTime(now, clock.time_zone, {}, t.locale)}
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
            {lang.toUpperCase()}
          </a>
        </li>
      ))}
    </ul>
  );
}

/** A link within the site that keeps the reader's chosen language. */
export const localPath = (path: string, page: PageContext) =>
  page.chosenLang ? `${path}${path.includes("?") ? "&" : "?"}lang=${page.lang}` : path;

/** The frame of every page: masthead with date and clocks, navigation, search, footer. */
export function Layout(props: LayoutProps) {
  const { page, current } = props;
  const { site, t } = page;
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
          <link rel="alternate" type="application/rss+xml" title={`${site.name} (RSS)`} href="/feed.xml" />
          <link rel="alternate" type="application/atom+xml" title={`${site.name} (Atom)`} href="/atom.xml" />
          <link
            rel="alternate"
            type="application/feed+json"
            title={`${site.name} (JSON Feed)`}
            href="/feed.json"
          />
          {/* No favicon request: the site has no icon of its own yet. */}
          <link rel="icon" href="data:," />
          <link rel="stylesheet" href="/site.css" />
          <script type="module" src={page.widgetSrc} />
          {props.head}
        </>
      }
    >
      <a class="skip" href="#content">
        {t.skip}
      </a>
      <header class="masthead">
        <div class="wrap">
          <a class="site-name" href={nav[0].href}>
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
            <form class="search" action="/search" method="get">
              <label class="visually-hidden" for="q">
                {t.searchLabel}
              </label>
              <input type="search" id="q" name="q" value={props.query} placeholder={t.searchLabel} />
              {page.chosenLang ? <input type="hidden" name="lang" value={page.lang} /> : null}
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
              <a href="/feed.xml">RSS</a> · <a href="/atom.xml">Atom</a> · <a href="/feed.json">JSON Feed</a>
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
