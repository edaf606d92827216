import { Layout, type LayoutProps, localPath, type PageContext } from "./layout";

/** What a reader sees at an address where nothing is. */
export function NotFoundPage(props: {
  page: PageContext;
  frame: Omit<LayoutProps, "page" | "children" | "title" | "description">;
}) {
  const { page } = props;
  const { t } = page;
  return (
    <Layout
      {...props.frame}
      page={page}
      title={t.pageTitle(t.notFound, page.site.name)}
      description={t.notFoundText}
    >
      <h1 class="page-title">{t.notFound}</h1>
      <p>{t.notFoundText}</p>
      <p>
        <a href={localPath("/", page)}>{t.home}</a> ·{" "}
        <a href={localPath("/publications", page)}>{t.archive}</a>
      </p>
    </Layout>
  );
}
