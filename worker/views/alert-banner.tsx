import type { Child } from "hono/jsx";
import { windowParts } from "../../widget/alert-window";
import { dateTime } from "../../widget/time";
import type { Strings } from "../catalogues";
import type { AlertRecord } from "../data/alerts";
import type { PageContext } from "./layout";

/** An active alert with its page on the site. */
export type PageAlert = AlertRecord & { url: string };

/**
 * The words a banner of alerts writes, the window as a template: the
 * catalogue's own message with its placeholders left in, for the widget
 * to fill with instants it writes in the site's zone.
 */
export const alertWords = (t: Strings) => ({
  levels: t.levels,
  window: t.alertWindow("{issued}", "{until}"),
});

/** What `GET /api/v1/alerts?lang=` answers for the page's language, which the element starts from. */
export const alertsAnswer = (page: PageContext) => ({
  [`/api/v1/alerts?lang=${page.lang}`]: { items: page.alerts, words: alertWords(page.t) },
});

/** When the alert holds, each instant a `<time>` on the site's clock, in the page's words. */
function Window({ page, alert }: { page: PageContext; alert: PageAlert }) {
  const instants = { issued: alert.published_at, until: alert.expires_at };
  return (
    <p part="window" lang={page.lang}>
      {windowParts(alertWords(page.t).window).map((part) =>
        "text" in part ? (
          part.text
        ) : (
          <time datetime={instants[part.at]}>
            {dateTime(Date.parse(instants[part.at]), page.site.time_zone, page.locale)}
          </time>
        ),
      )}
    </p>
  );
}

/**
 * The alerts active when the page was made, most severe first, above
 * everything else on every page: the level in words and in colour, the
 * title linked to the alert's page, its lead and its window. An emergency
 * interrupts a screen reader (role="alert"); the others are regions to
 * find. `<chancery-alert>` takes it over with the same answers, so an alert
 * leaves at its end, and one issued later arrives, with no reload; with
 * none active it stays hidden, ready. `children` carry the answers it starts from.
 */
export function AlertBanner({ page, children }: { page: PageContext; children: Child }) {
  const { alerts, t } = page;
  return (
    <chancery-alert lang={page.lang} locale={page.locale} hidden={alerts.length === 0}>
      {alerts.map((alert) => (
        <section
          part={`alert ${alert.level}`}
          lang={alert.lang}
          {...(alert.level === "emergency"
            ? { role: "alert" }
            : { role: "region", "aria-label": `${t.levels[alert.level]}: ${alert.title}` })}
        >
          <p part="level" lang={page.lang}>
            {t.levels[alert.level]}
          </p>
          <p part="title">
            <a href={alert.url}>{alert.title}</a>
          </p>
          {alert.lead ? <p part="lead">{alert.lead}</p> : null}
          <Window page={page} alert={alert} />
        </section>
      ))}
      {children}
    </chancery-alert>
  );
}
