import { sentence } from "../../widget/plural";
import { languageName } from "../catalogues";
import type { Counters } from "../schemas/counter";
import type { PublicationSummary } from "../schemas/publication";
import { Carried, Layout, type LayoutProps, localPath, type PageContext, siteAnswer } from "./layout";
import { Kicker, OnlyIn, siteDate } from "./parts";

/** As many events as the reference page lists. */
export const EVENTS = 10;

type EventItem = Pick<PublicationSummary, "slug" | "lang" | "title" | "lead" | "published_at" | "url">;
type FeaturedItem = Pick<PublicationSummary, "kind" | "lang" | "title" | "lead" | "published_at" | "url"> & {
  body_html: string;
};

export interface HomeProps {
  page: PageContext;
  counters: Counters;
  featured?: FeaturedItem;
  events: EventItem[];
  /** Featured kinds, for the link to all of them. */
  featuredKinds: readonly string[];
  frame: Omit<LayoutProps, "page" | "children" | "title" | "description" | "current"> & {
    /** API answers the page was made from, keyed by URL; each element carries those it reads. */
    carried?: Record<string, unknown>;
  };
}

type Answers = Record<string, unknown>;

/** The answers in `carried` read from the API's `path`, whatever their query. */
const answersAt = (carried: Answers, path: string) =>
  Object.fromEntries(Object.entries(carried).filter(([url]) => url.split("?")[0] === path));

function Contacts({ page }: { page: PageContext }) {
  const { contacts } = page.site;
  const { t } = page;
  return (
    <section class="contacts" aria-labelledby="contacts">
      <h2 id="contacts">{t.contacts}</h2>
      <dl>
        {contacts.phone ? (
          <>
            <dt>{t.phone}</dt>
            <dd>
              <a href={`tel:${contacts.phone.replaceAll(" ", "")}`}>{contacts.phone}</a>
            </dd>
          </>
        ) : null}
        {contacts.email ? (
          <>
            <dt>{t.email}</dt>
            <dd>
              <a href={`mailto:${contacts.email}`}>{contacts.email}</a>
            </dd>
          </>
        ) : null}
        {contacts.address ? (
          <>
            <dt>{t.address}</dt>
            <dd>{contacts.address}</dd>
          </>
        ) : null}
        {contacts.fields?.map((field) => (
          <>
            <dt>{field.label}</dt>
            <dd>{field.value}</dd>
          </>
        ))}
      </dl>
    </section>
  );
}

/** The counters' sentences in the page's language, as `<chancery-counters>` draws them. */
function DayCounters({
  page,
  counters,
  answers,
}: {
  page: PageContext;
  counters: Counters;
  answers: Answers;
}) {
  return (
    <section aria-labelledby="counters">
      <h2 id="counters">{page.t.counters}</h2>
      <chancery-counters>
        <ul part="list">
          {counters.counters.map((counter) => {
            // The widget's own function, so the page and the live widget write the same words.
            const { count, parts } = sentence(counter.forms, counter.lang, counter.since, counters.date);
            return (
              <li part="counter" data-slug={counter.slug} lang={counter.lang}>
                {parts.map((part, at) =>
                  at ? (
                    <>
                      <span part="days">{count}</span>
                      {part}
                    </>
                  ) : (
                    part
                  ),
                )}
              </li>
            );
          })}
        </ul>
        <Carried answers={answers} />
      </chancery-counters>
    </section>
  );
}

/** The latest events, as `<chancery-events>` draws them, with the archive link it keeps. */
function LatestEvents({
  page,
  events,
  answers,
}: {
  page: PageContext;
  events: EventItem[];
  answers: Answers;
}) {
  return (
    <section aria-labelledby="latest">
      <h2 id="latest">{page.t.latest}</h2>
      <chancery-events limit={String(EVENTS)} locale={page.locale} lang={page.lang}>
        <ol slot="static" part="list">
          {events.map((event) => (
            <li part="item" lang={event.lang}>
              <time part="date" datetime={event.published_at}>
                {siteDate(page.site, event.published_at)}
              </time>
              {event.lang.toLowerCase() === page.lang.toLowerCase() ? null : (
                <span part="lang" lang={page.lang}>
                  {languageName(event.lang, page.lang)}
                </span>
              )}{" "}
              <a part="title" href={event.url}>
                {event.title}
              </a>
              <p part="lead">{event.lead}</p>
            </li>
          ))}
        </ol>
        <a class="all" href={localPath("/publications", page)}>
          {page.t.archive}
        </a>
        <Carried answers={answers} />
      </chancery-events>
    </section>
  );
}

function Featured({
  page,
  featured,
  kinds,
}: {
  page: PageContext;
  featured?: FeaturedItem;
  kinds: readonly string[];
}) {
  const { t } = page;
  return (
    <section class="featured" aria-labelledby="featured">
      <h2 id="featured">{t.featured}</h2>
      {featured ? (
        <article lang={featured.lang}>
          <Kicker page={page} item={featured} />
          <OnlyIn page={page} lang={featured.lang} />
          <h3>
            <a href={featured.url}>{featured.title}</a>
          </h3>
          <p class="lead">{featured.lead}</p>
          <div class="body" dangerouslySetInnerHTML={{ __html: featured.body_html }} />
        </article>
      ) : (
        <p>{t.nothing}</p>
      )}
      <a class="all" href={localPath(`/publications?kind=${kinds.join(",")}`, page)}>
        {t.moreFeatured}
      </a>
    </section>
  );
}

/** The front page of the reference: date, clocks, contacts, counters, the featured text, the latest events. */
export function HomePage(props: HomeProps) {
  const { page } = props;
  const { carried = {}, ...frame } = props.frame;
  return (
    <Layout
      {...frame}
      page={page}
      title={page.site.name}
      description={page.t.homeDescription(page.site.name)}
      current="home"
    >
      <h1 class="visually-hidden">{page.site.name}</h1>
      <div class="intro">
        <Contacts page={page} />
        <DayCounters page={page} counters={props.counters} answers={answersAt(carried, "/api/v1/counters")} />
      </div>
      <div class="front">
        <Featured page={page} featured={props.featured} kinds={props.featuredKinds} />
        <LatestEvents
          page={page}
          events={props.events}
          answers={{ ...siteAnswer(page), ...answersAt(carried, "/api/v1/publications") }}
        />
      </div>
    </Layout>
  );
}
