import { dateInZone, formatDate } from "../../widget/time";
import { languageName } from "../catalogues";
import type { PublicationSummary } from "../schemas/publication";
import type { Site } from "../schemas/site";
import type { PageContext } from "./layout";

/** A publication's date on the site's calendar, in the site's format. */
export const siteDate = (site: Pick<Site, "time_zone" | "date_format">, instant: string) =>
  formatDate(dateInZone(Date.parse(instant), site.time_zone), site.date_format);

/** The line above a title: kind and date. */
export function Kicker({
  page,
  item,
}: {
  page: PageContext;
  item: Pick<PublicationSummary, "kind" | "published_at">;
}) {
  return (
    <p class="kicker">
      <span>{page.t.kinds[item.kind]}</span>
      <time datetime={item.published_at}>{siteDate(page.site, item.published_at)}</time>
    </p>
  );
}

/**
 * Marks an item of a list that is in another language than the page's: the
 * text has no version in the page's language. The whole phrase is in the
 * page's language ("Only in Russian", "Только на языке: английский").
 */
export function OnlyIn({ page, lang }: { page: PageContext; lang: string }) {
  if (lang.toLowerCase() === page.lang.toLowerCase()) return null;
  return (
    <span class="only-in" lang={page.lang}>
      {page.t.onlyIn(languageName(lang, page.lang))}
    </span>
  );
}

/** A list of publications as the archive and the search show them. */
export function PublicationList({
  page,
  items,
}: {
  page: PageContext;
  items: (Pick<PublicationSummary, "slug" | "kind" | "lang" | "title" | "lead" | "published_at" | "url"> & {
    snippet?: string;
  })[];
}) {
  if (items.length === 0) return <p>{page.t.nothing}</p>;
  return (
    <ol class="list">
      {items.map((item) => (
        <li lang={item.lang}>
          <Kicker page={page} item={item} />
          <OnlyIn page={page} lang={item.lang} />
          <h2>
            <a href={item.url}>{item.title}</a>
          </h2>
          {item.snippet === undefined ? (
            <p>{item.lead}</p>
          ) : (
            <p dangerouslySetInnerHTML={{ __html: item.snippet }} />
          )}
        </li>
      ))}
    </ol>
  );
}
