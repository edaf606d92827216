import type { PublicationSummary } from "../schemas/publication";
import type { PublicSite } from "../schemas/site";
import { Document } from "./document";
import { siteDate } from "./parts";

/**
 * One publication as another site frames it (the oEmbed answer's iframe):
 * its title linking to its page, its date on the site's calendar and its
 * lead, in its own language. Links open in the framing page's place, not
 * inside the small frame. With the widget's script the page tells the page
 * framing it its height, and an iframe wrapped in `<chancery-frame>` there
 * grows or shrinks to fit.
 */
export function EmbedPublicationPage({
  site,
  publication,
}: {
  site: PublicSite;
  publication: Pick<PublicationSummary, "title" | "lead" | "lang" | "published_at" | "url">;
}) {
  return (
    <Document
      title={`${publication.title} — ${site.name}`}
      description={publication.lead}
      lang={publication.lang}
      head={
        <>
          <link rel="stylesheet" href="/site.css" />
          <script type="module" src="/widget.js" />
        </>
      }
    >
      {/* Tells the framing page this page's height, so its iframe fits it (widget/frame-height.ts). */}
      <chancery-framed>
        <article class="embedded">
          <p>
            <a href={publication.url} target="_top">
              {site.name}
            </a>
          </p>
          <h1>
            <a href={publication.url} target="_top">
              {publication.title}
            </a>
          </h1>
          <p>
            <time datetime={publication.published_at}>{siteDate(site, publication.published_at)}</time>
          </p>
          <p class="lead">{publication.lead}</p>
        </article>
      </chancery-framed>
    </Document>
  );
}
