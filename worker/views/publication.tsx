import { decodeReferences } from "../content/character-references";
import type { Publication, PublicationSummary } from "../schemas/publication";
import { Layout, type LayoutProps, localPath, ownName, type PageContext, scriptJson } from "./layout";
import { Kicker, siteDate } from "./parts";

type Neighbour = Pick<PublicationSummary, "title" | "url">;

export interface PublicationProps {
  page: PageContext;
  publication: Publication;
  newer?: Neighbour;
  older?: Neighbour;
  /** Shown through a preview link: marked as not published, and kept out of search engines. */
  preview?: boolean;
  frame: Omit<LayoutProps, "page" | "children" | "title" | "description" | "head">;
}

// Stored HTML is sanitized: a `<` or `>` only starts or ends a tag (sanitize.ts
// escapes them in text and in attribute values). So each try stops at the next
// `<` or `>`, and the tries never overlap: one linear pass, however the body is made.
const firstImage = (html: string) => /<img[^<>]*\ssrc="([^"]+)"/.exec(html)?.[1];

/** The publication's first image, for link previews: absolute, as the attribute stands for it. */
function imageOf(publication: Publication, origin: string): string | undefined {
  const image = firstImage(publication.body_html);
  // The attribute as stored is HTML (`&amp;`); the address is what it stands for.
  return image ? new URL(decodeReferences(image), origin).href : undefined;
}

/**
 * Open Graph and schema.org `NewsArticle`: what link previews and search
 * engines read. Its `og:image` is the layout's, which falls back to the emblem.
 */
function Metadata({ page, publication }: Pick<PublicationProps, "page" | "publication">) {
  const imageUrl = imageOf(publication, page.origin);
  const article = {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    headline: publication.title,
    description: publication.lead,
    datePublished: publication.published_at,
    dateModified: publication.modified_at ?? undefined,
    inLanguage: publication.lang,
    url: publication.url,
    mainEntityOfPage: publication.url,
    articleSection: page.t.kinds[publication.kind],
    keywords: publication.tags,
    image: imageUrl ? [imageUrl] : undefined,
    author: { "@type": "Organization", name: page.site.name, url: page.origin },
    publisher: { "@type": "Organization", name: page.site.name, url: page.origin },
  };
  return (
    <>
      <meta property="og:type" content="article" />
      <meta property="og:site_name" content={page.site.name} />
      <meta property="og:title" content={publication.title} />
      <meta property="og:description" content={publication.lead} />
      <meta property="og:url" content={publication.url} />
      <meta property="og:locale" content={publication.lang} />
      <meta property="article:published_time" content={publication.published_at} />
      {publication.modified_at ? (
        <meta property="article:modified_time" content={publication.modified_at} />
      ) : null}
      <meta property="article:section" content={page.t.kinds[publication.kind]} />
      {publication.tags.map((tag) => (
        <meta property="article:tag" content={tag} />
      ))}
      <meta name="twitter:card" content={imageUrl ? "summary_large_image" : "summary"} />
      {/* oEmbed discovery: a consumer given this page's address finds how to embed it. */}
      <link
        rel="alternate"
        type="application/json+oembed"
        href={`${page.origin}/oembed?url=${encodeURIComponent(publication.url)}&format=json`}
        title={publication.title}
      />
      <script type="application/ld+json" dangerouslySetInnerHTML={scriptJson(article)} />
    </>
  );
}

/** What became of the text since it went out: its withdrawal, and the notes of its public changes. */
function Lifecycle({ page, publication }: Pick<PublicationProps, "page" | "publication">) {
  const { t } = page;
  const { withdrawn_at: withdrawnAt, changes } = publication;
  return (
    <>
      {withdrawnAt ? (
        <p class="withdrawn" role="note">
          <strong>
            <time datetime={withdrawnAt}>{t.withdrawn(siteDate(page.site, withdrawnAt))}</time>:
          </strong>{" "}
          {publication.withdrawal_reason}
        </p>
      ) : null}
      {changes.length > 0 ? (
        <section class="changes">
          <p>
            <time datetime={changes[0].at}>{t.updated(siteDate(page.site, changes[0].at))}</time>
          </p>
          <ul>
            {changes.map((change) => (
              <li>
                <time datetime={change.at}>{siteDate(page.site, change.at)}</time>: {change.note}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

/** One publication in full: kind, date, title, lead, body, tags, its translations and neighbours. */
export function PublicationPage(props: PublicationProps) {
  const { page, publication, newer, older } = props;
  const { t } = page;
  return (
    <Layout
      {...props.frame}
      page={page}
      title={t.pageTitle(publication.title, page.site.name)}
      description={publication.lead}
      image={imageOf(publication, page.origin)}
      head={
        props.preview ? (
          <meta name="robots" content="noindex" />
        ) : (
          <Metadata page={page} publication={publication} />
        )
      }
    >
      {props.preview ? (
        <p class="preview-band" role="note">
          <strong>{t.previewBand}</strong> {t.previewText}
        </p>
      ) : null}
      <article class="publication" lang={publication.lang}>
        <Kicker page={page} item={publication} />
        <h1>{publication.title}</h1>
        <Lifecycle page={page} publication={publication} />
        {publication.translations.length > 0 ? (
          <p class="translations">
            {t.translations}:{" "}
            {publication.translations.map((translation) => (
              <>
                <a href={translation.url} hreflang={translation.lang} lang={translation.lang}>
                  {ownName(translation.lang)}
                </a>{" "}
              </>
            ))}
          </p>
        ) : null}
        <p class="lead">{publication.lead}</p>
        <div class="body" dangerouslySetInnerHTML={{ __html: publication.body_html }} />
        {publication.tags.length > 0 ? (
          <ul class="tags" aria-label={t.tags}>
            {publication.tags.map((tag) => (
              <li>
                <a href={localPath(`/publications?tag=${encodeURIComponent(tag)}`, page)}>#{tag}</a>
              </li>
            ))}
          </ul>
        ) : null}
      </article>
      <nav class="neighbours" aria-label={t.archive}>
        {newer ? (
          <a href={newer.url} rel="prev">
            <span>← {t.newer}</span>
            {newer.title}
          </a>
        ) : null}
        {older ? (
          <a class="next" href={older.url} rel="next">
            <span>{t.older} →</span>
            {older.title}
          </a>
        ) : null}
      </nav>
    </Layout>
  );
}
