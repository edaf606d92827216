import type { PublicationSummary } from "../schemas/publication";
import { Layout, type LayoutProps, type PageContext } from "./layout";
import { PublicationList } from "./parts";

export interface SearchProps {
  page: PageContext;
  query: string;
  hits: (PublicationSummary & { snippet: string })[];
  frame: Omit<LayoutProps, "page" | "children" | "title" | "description" | "current" | "query">;
}

/** Ranked matches with the words found marked. */
export function SearchPage(props: SearchProps) {
  const { page, query, hits } = props;
  const { t } = page;
  return (
    <Layout
      {...props.frame}
      page={page}
      title={t.pageTitle(t.search, page.site.name)}
      description={t.searchDescription(page.site.name)}
      current="search"
      query={query}
    >
      <h1 class="page-title">{t.search}</h1>
      {query === "" ? null : hits.length === 0 ? (
        <p role="status">{t.noResults(query)}</p>
      ) : (
        <>
          <p role="status">{t.results(hits.length, query)}</p>
          <PublicationList page={page} items={hits} />
        </>
      )}
    </Layout>
  );
}
