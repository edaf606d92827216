import { Layout, type LayoutProps, localPath, type PageContext } from "./layout";

/**
 * What a reader sees at an address where nothing is: never was (404), or
 * no longer is, its time having ended (410, `gone`).
 */
export function NotFoundPage(props: {
  page: PageContext;
  frame: Omit<LayoutProps, "page" | "children" | "title" | "description">;
  gone?: boolean;
}) {
  const { page } = props;
  const { t } = page;
  const [heading, text] = props.gone ? [t.gone, t.goneText] : [t.notFound, t.notFoundText];
  return (
    <Layout {...props.frame} page={page} title={t.pageTitle(heading, page.site.name)} description={text}>
      <h1 class="page-title">{heading}</h1>
      <p>{text}</p>
      <p>
        <a href={localPath("/", page)}>{t.home}</a> ·{" "}
        <a href={localPath("/publications", page)}>{t.archive}</a>
      </p>
    </Layout>
  );
}
