import type { Kind } from "../schemas/publication";

/** The languages the site's interface speaks; publications may be in any. */
export const INTERFACE_LANGS = ["en", "ru"] as const;
export type InterfaceLang = (typeof INTERFACE_LANGS)[number];

const en = {
  locale: "en-GB",
  skip: "Skip to content",
  home: "Home",
  archive: "All messages",
  search: "Search",
  searchLabel: "Search publications",
  searchButton: "Search",
  clocks: "Clocks",
  today: "Today",
  contacts: "Consular contacts",
  phone: "Phone",
  email: "E-mail",
  address: "Address",
  counters: "Day counters",
  featured: "Speeches, interviews and articles",
  moreFeatured: "More speeches, interviews and articles",
  latest: "Latest events",
  older: "Older",
  newer: "Newer",
  previous: "Previous",
  next: "Next",
  kind: "Kind",
  language: "Language",
  tag: "Tag",
  any: "Any",
  filter: "Show",
  tags: "Tags",
  nothing: "Nothing has been published here yet.",
  noResults: (q: string) => `Nothing matches “${q}”.`,
  results: (n: number, q: string) => `${n === 1 ? "One result" : `${n} results`} for “${q}”`,
  translations: "Also in",
  interfaceLanguage: "Language of the site",
  feeds: "Feeds",
  embed: "Put these on your site",
  api: "API",
  notFound: "Page not found",
  notFoundText: "Nothing is at this address. It may have moved, or it was never here.",
  previewBand: "Preview, not published.",
  previewText: "Only those holding this link can see this text, until it expires.",
  gone: "No longer available",
  goneText: "This publication was available here for a set time, which has ended.",
  withdrawn: (date: string) => `Withdrawn on ${date}`,
  updated: (date: string) => `Updated ${date}`,
  pageTitle: (title: string, site: string) => `${title} · ${site}`,
  homeDescription: (site: string) =>
    `${site}: news, statements, speeches, interviews and articles, with the latest events, day counters and consular contacts.`,
  archiveDescription: (site: string) =>
    `Everything ${site} has published, newest first, by kind, language and tag.`,
  searchDescription: (site: string) =>
    `Search the titles, leads and texts of everything ${site} has published.`,
  kinds: {
    speech: "Speech",
    interview: "Interview",
    article: "Article",
    statement: "Statement",
    comment: "Comment",
    news: "News",
  } satisfies Record<Kind, string>,
};

export type Strings = typeof en;

const ru: Strings = {
  locale: "ru-RU",
  skip: "Перейти к содержанию",
  home: "Главная",
  archive: "Все сообщения",
  search: "Поиск",
  searchLabel: "Поиск по публикациям",
  searchButton: "Найти",
  clocks: "Часы",
  today: "Сегодня",
  contacts: "Консульский отдел",
  phone: "Телефон",
  email: "Эл. почта",
  address: "Адрес",
  counters: "Счётчики дней",
  featured: "Выступления, интервью и статьи",
  moreFeatured: "Все выступления, интервью и статьи",
  latest: "Последние события",
  older: "Раньше",
  newer: "Позже",
  previous: "Предыдущая",
  next: "Следующая",
  kind: "Тип",
  language: "Язык",
  tag: "Тег",
  any: "Любой",
  filter: "Показать",
  tags: "Теги",
  nothing: "Здесь пока ничего не опубликовано.",
  noResults: (q) => `По запросу «${q}» ничего не найдено.`,
  results: (n, q) => `Найдено по запросу «${q}»: ${n}`,
  translations: "На других языках",
  interfaceLanguage: "Язык сайта",
  feeds: "Ленты",
  embed: "Разместить на своём сайте",
  api: "API",
  notFound: "Страница не найдена",
  notFoundText: "По этому адресу ничего нет. Возможно, страница переехала или её никогда не было.",
  previewBand: "Предварительный просмотр, не опубликовано.",
  previewText: "Этот текст видят только те, у кого есть эта ссылка, и только до истечения её срока.",
  gone: "Больше не доступно",
  goneText: "Эта публикация была доступна здесь в течение установленного срока, который истёк.",
  withdrawn: (date) => `Отозвано ${date}`,
  updated: (date) => `Обновлено ${date}`,
  pageTitle: (title, site) => `${title} · ${site}`,
  homeDescription: (site) =>
    `${site}: новости, заявления, выступления, интервью и статьи, последние события, счётчики дней и консульские контакты.`,
  archiveDescription: (site) => `${site}: все публикации, от новых к старым, по типу, языку и тегу.`,
  searchDescription: (site) => `${site}: поиск по заголовкам, анонсам и текстам всех публикаций.`,
  kinds: {
    speech: "Выступление",
    interview: "Интервью",
    article: "Статья",
    statement: "Заявление",
    comment: "Комментарий",
    news: "Новость",
  },
};

export const STRINGS: Record<InterfaceLang, Strings> = { en, ru };

/** The interface language for a BCP 47 tag: its own when the site speaks it, else English. */
export function interfaceLang(tag: string | undefined): InterfaceLang {
  const primary = tag?.split("-")[0]?.toLowerCase();
  return INTERFACE_LANGS.find((lang) => lang === primary) ?? "en";
}
