import type { Kind, PublicationSummary } from "../schemas/publication";
import { KINDS } from "../vocabulary";
import { Layout, type LayoutProps, localPath, type PageContext } from "./layout";
import { PublicationList } from "./parts";

export interface ArchiveProps {
  page: PageContext;
  items: PublicationSummary[];
  filter: { kind?: Kind[]; tag?: string };
  /** Links to the newer and older pages, when there are any. */
  newer?: string;
  older?: string;
  frame: Omit<LayoutProps, "page" | "children" | "title" | "description" | "current">;
}

function Filters({ page, filter }: Pick<ArchiveProps, "page" | "filter">) {
  const { t } = page;
  const kind = filter.kind?.length === 1 ? filter.kind[0] : undefined;
  return (
    <form class="filters" action={localPath("/publications", page)} method="get">
      <label>
        {t.kind}
        <select name="kind">
          <option value="">{t.any}</option>
          {KINDS.map((value) => (
            <option value={value} selected={value === kind}>
              {t.kinds[value]}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t.tag}
        <input type="search" name="tag" value={filter.tag} />
      </label>
      <button type="submit">{t.filter}</button>
    </form>
  );
}

/** Every public publication, newest first, a page at a time. */
export function ArchivePage(props: ArchiveProps) {
  const { page } = props;
  const { t } = page;
  return (
    <Layout
      {...props.frame}
      page={page}
      title={t.pageTitle(t.archive, page.site.name)}
      description={t.archiveDescription(page.site.name)}
      current="archive"
    >
      <h1 class="page-title">{t.archive}</h1>
      <Filters page={page} filter={props.filter} />
      <PublicationList page={page} items={props.items} />
      <nav class="pager" aria-label={t.archive}>
        {props.newer ? (
          <a href={props.newer} rel="prev">
            ← {t.newer}
          </a>
        ) : null}
        {props.older ? (
          <a href={props.older} rel="next">
            {t.older} →
          </a>
        ) : null}
      </nav>
    </Layout>
  );
}
