import { parseAtomFeed, parseJsonFeed, parseRssFeed } from "feedsmith";
import { parseHTML } from "linkedom";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createToken, sendAs } from "./editor-fixtures";
import { addPublications, get, getJson, resetContent } from "./fixtures";

const REFERENCE = "2020-10-25T00:06:00.000Z";
const ORIGIN = "https://embassy.example";

let token: string;

/** Publishes through the API, as an editor would; answers the stored publication. */
async function publish(slug: string, fields: Record<string, unknown> = {}) {
  const response = await sendAs(token, "POST", "/api/v1/publications", {
    slug,
    kind: "alert",
    level: "routine",
    lang: "en",
    title: `Alert ${slug}`,
    lead: `Lead of ${slug}`,
    body: `<p>Text of ${slug}</p>`,
    status: "published",
    published_at: "2020-10-24T09:00:00Z",
    expires_at: "2020-10-26T09:00:00Z",
    without_approval: fields.status === "draft" ? undefined : "Cleared by phone with the consul",
    ...fields,
  });
  expect(response.status, await response.clone().text()).toBe(201);
  return { ...(await response.json<any>()), etag: response.headers.get("ETag") ?? "" };
}

/** What a refused write names: each field with its reason. */
async function refusal(response: Response) {
  expect(response.status).toBe(422);
  expect(response.headers.get("Content-Type")).toBe("application/problem+json");
  return (await response.json<any>())["invalid-params"] as { name: string; reason: string }[];
}

async function page(path: string, status = 200) {
  const response = await get(path, { Accept: "text/html" });
  expect(response.status, path).toBe(status);
  return parseHTML(await response.text()).document;
}

type Dom = Awaited<ReturnType<typeof page>>;
const fold = (text: string | null | undefined) => text?.replace(/\s+/g, " ").trim();

/** The banner as a reader meets it: each alert's role, label, level, title, link and window. */
function banner(document: Dom) {
  const element = document.querySelector("chancery-alert");
  return {
    hidden: element?.hasAttribute("hidden"),
    first: document.body.firstElementChild?.nextElementSibling === element,
    alerts: [...(element?.querySelectorAll("section") ?? [])].map((section) => ({
      part: section.getAttribute("part"),
      role: section.getAttribute("role"),
      label: section.getAttribute("aria-label"),
      level: fold(section.querySelector('[part="level"]')?.textContent),
      title: fold(section.querySelector('[part="title"] a')?.textContent),
      href: section.querySelector('[part="title"] a')?.getAttribute("href"),
      window: fold(section.querySelector('[part="window"]')?.textContent),
    })),
  };
}

describe("citizen alerts", () => {
  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date(REFERENCE));
    await resetContent();
    token = await createToken(`alerts-${crypto.randomUUID()}`, ["publish"]);
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it("needs a level and an expiry for an alert, and refuses a level on any other kind, naming the field", async () => {
    const bare = await sendAs(token, "POST", "/api/v1/publications", {
      kind: "alert",
      lang: "en",
      title: "Storm warning",
    });
    expect(await refusal(bare)).toEqual([
      { name: "level", reason: "is required for an alert: one of emergency, security, routine" },
      { name: "expires_at", reason: "is required for an alert: it shows on every page until then" },
    ]);

    const news = await sendAs(token, "POST", "/api/v1/publications", {
      kind: "news",
      level: "security",
      lang: "en",
      title: "A visit",
    });
    expect(await refusal(news)).toEqual([
      { name: "level", reason: "must be left out (or null): only an alert has a level" },
    ]);

    const unknown = await sendAs(token, "POST", "/api/v1/publications", {
      kind: "alert",
      level: "severe",
      lang: "en",
      title: "Storm warning",
      expires_at: "2020-10-26T09:00:00Z",
    });
    const unknownProblem = await unknown.json<any>();
    expect(unknownProblem["invalid-params"]).toEqual([
      { name: "level", reason: "must be one of: emergency, security, routine" },
    ]);

    // An edit is checked as the whole it makes: news that becomes an alert needs a level.
    const stored = await publish("visit", { kind: "news", level: undefined, expires_at: null });
    expect(stored.level).toBeNull();
    const turned = await sendAs(
      token,
      "PATCH",
      `/api/v1/publications/by-id/${stored.id}`,
      { kind: "alert", expires_at: "2020-10-26T09:00:00Z" },
      { "If-Match": stored.etag },
    );
    expect((await refusal(turned)).map((issue) => issue.name)).toEqual(["level"]);
    const alert = await sendAs(
      token,
      "PATCH",
      `/api/v1/publications/by-id/${stored.id}`,
      { kind: "alert", level: "security", expires_at: "2020-10-26T09:00:00Z" },
      { "If-Match": stored.etag },
    );
    expect(alert.status).toBe(200);
    expect(await alert.json()).toMatchObject({ kind: "alert", level: "security" });

    const line = JSON.stringify({ kind: "alert", lang: "en", title: "No level", level: null });
    const imported = await sendAs(token, "POST", "/api/v1/imports", line, {
      "Content-Type": "application/x-ndjson",
    });
    expect(imported.status).toBe(422);
    expect((await imported.json<any>()).lines[0].errors.map((error: { name: string }) => error.name)).toEqual(
      ["level", "expires_at"],
    );
  });

  it("lists the alerts active now, most severe first then newest, in the reader's language", async () => {
    await publish("routine-new", { published_at: "2020-10-24T20:00:00Z" });
    await publish("emergency-old", { level: "emergency", published_at: "2020-10-23T09:00:00Z" });
    await publish("security", { level: "security" });
    await publish("routine-old", { published_at: "2020-10-22T09:00:00Z", translation_group: "ferry" });
    await publish("routine-old-ru", {
      lang: "ru",
      title: "Паром",
      published_at: "2020-10-22T10:00:00Z",
      translation_group: "ferry",
    });
    // Not active: ended, not out yet, a draft, withdrawn, and news.
    await publish("ended", { level: "emergency", expires_at: "2020-10-25T00:00:00Z" });
    await publish("ahead", { level: "emergency", published_at: "2020-10-25T06:00:00Z" });
    await publish("draft", { level: "emergency", status: "draft" });
    const withdrawn = await publish("withdrawn", { level: "emergency" });
    const withdrawal = await sendAs(
      token,
      "POST",
      `/api/v1/publications/by-id/${withdrawn.id}/withdraw`,
      { reason: "Issued in error" },
      { "If-Match": withdrawn.etag },
    );
    expect(withdrawal.status).toBe(200);
    await addPublications({ slug: "plain-news", published_at: "2020-10-24T23:00:00.000Z" });

    const english = await getJson("/api/v1/alerts");
    expect(english.items.map((item: any) => [item.slug, item.level])).toEqual([
      ["emergency-old", "emergency"],
      ["security", "security"],
      ["routine-new", "routine"],
      ["routine-old", "routine"],
    ]);
    expect(english.items[0]).toMatchObject({
      kind: "alert",
      url: `${ORIGIN}/publications/emergency-old`,
      expires_at: "2020-10-26T09:00:00.000Z",
    });
    expect(english.words).toEqual({
      levels: { emergency: "Emergency", security: "Security alert", routine: "Notice" },
      window: "Issued {issued} · until {until}",
    });

    const russian = await getJson("/api/v1/alerts?lang=ru");
    expect(russian.items.map((item: any) => item.slug)).toEqual([
      "emergency-old",
      "security",
      "routine-new",
      "routine-old-ru",
    ]);
    expect(russian.words.levels.emergency).toBe("Чрезвычайная ситуация");

    // Alerts stay publications: in lists and search, with their level.
    const list = await getJson("/api/v1/publications?kind=alert&limit=100");
    expect(list.items.find((item: any) => item.slug === "security").level).toBe("security");
    expect((await getJson("/api/v1/publications/plain-news")).level).toBeNull();

    // The answer is shared with any origin, and kept no longer than the first alert's end.
    const response = await get("/api/v1/alerts", { Origin: "https://partner.example" });
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
    vi.setSystemTime(new Date("2020-10-26T08:59:40.000Z"));
    const late = await get("/api/v1/alerts?lang=en");
    expect(late.headers.get("Cache-Control")).toMatch(/max-age=(20|19),/);
    vi.setSystemTime(new Date("2020-10-26T09:00:00.000Z"));
    expect((await getJson("/api/v1/alerts?lang=en")).items).toEqual([]);
  });

  it("puts active alerts first in RSS, Atom and JSON Feed, most severe first", async () => {
    await addPublications(
      { slug: "news-new", published_at: "2020-10-24T23:00:00.000Z" },
      { slug: "speech", kind: "speech", published_at: "2020-10-24T22:00:00.000Z" },
    );
    await publish("routine", { published_at: "2020-10-24T12:00:00Z" });
    await publish("emergency", { level: "emergency", published_at: "2020-10-20T12:00:00Z" });
    await publish("ended", {
      level: "emergency",
      published_at: "2020-10-20T12:00:00Z",
      expires_at: REFERENCE,
    });
    const order = [
      `${ORIGIN}/publications/emergency`,
      `${ORIGIN}/publications/routine`,
      `${ORIGIN}/publications/news-new`,
      `${ORIGIN}/publications/speech`,
    ];

    const rss = parseRssFeed(await (await get("/feed.xml")).text());
    expect(rss.items?.map((item) => item.link)).toEqual(order);
    expect(rss.items?.[0]?.categories?.map((category) => category.name)).toEqual(["alert", "emergency"]);
    const atom = parseAtomFeed(await (await get("/en/atom.xml")).text());
    expect(atom.entries?.map((entry) => entry.links?.[0]?.href)).toEqual(order);
    const json = parseJsonFeed(await (await get("/feed.json")).json());
    expect(json.items?.map((item) => item.url)).toEqual(order);

    // A feed of other kinds carries no alert.
    const speeches = parseJsonFeed(await (await get("/feed.json?kind=speech")).json());
    expect(speeches.items?.map((item) => item.url)).toEqual([`${ORIGIN}/publications/speech`]);
  });

  it("shows the banner on every page, most severe first, in the page's language and the site's zone", async () => {
    await publish("ferry", { translation_group: "ferry", title: "Ferries suspended" });
    await publish("ferry-ru", { translation_group: "ferry", lang: "ru", title: "Паромы отменены" });
    await publish("curfew", {
      level: "emergency",
      title: "Curfew tonight",
      published_at: "2020-10-24T20:30:00Z",
      expires_at: "2020-10-25T05:00:00Z",
    });
    await publish("protest", { level: "security", title: "Protest downtown" });

    const home = banner(await page("/en/"));
    expect(home.hidden).toBe(false);
    expect(home.first).toBe(true);
    expect(home.alerts).toEqual([
      {
        part: "alert emergency",
        role: "alert",
        label: null,
        level: "Emergency",
        title: "Curfew tonight",
        href: `${ORIGIN}/publications/curfew`,
        // London is on summer time until 01:00 UTC this morning.
        window: "Issued 24 October 2020 at 21:30 · until 25 October 2020 at 05:00",
      },
      expect.objectContaining({
        part: "alert security",
        role: "region",
        label: "Security alert: Protest downtown",
      }),
      expect.objectContaining({ part: "alert routine", title: "Ferries suspended" }),
    ]);

    const russian = banner(await page("/ru/"));
    expect(russian.alerts.map((alert) => [alert.level, alert.title])).toEqual([
      ["Чрезвычайная ситуация", "Curfew tonight"],
      ["Угроза безопасности", "Protest downtown"],
      ["К сведению", "Паромы отменены"],
    ]);
    expect(russian.alerts[0].window).toBe(
      "Выпущено 24 октября 2020 г. в 21:30 · действует до 25 октября 2020 г. в 05:00",
    );

    for (const path of ["/en/publications", "/en/search?q=ferry", "/publications/protest", "/no-such-page"]) {
      const found = banner(await page(path, path === "/no-such-page" ? 404 : 200));
      expect(
        found.alerts.map((alert) => alert.title),
        path,
      ).toEqual(["Curfew tonight", "Protest downtown", "Ferries suspended"]);
    }
    // A page in Russian shows the Russian version.
    const ruPage = banner(await page("/publications/ferry-ru"));
    expect(ruPage.alerts.at(-1)?.title).toBe("Паромы отменены");

    // The element takes over from the answers the page carries: the very ones the API gives.
    const document = await page("/en/");
    const carried = JSON.parse(
      document.querySelector('chancery-alert > script[type="application/json"]')?.textContent ?? "{}",
    );
    expect(carried["/api/v1/alerts?lang=en"]).toEqual(await getJson("/api/v1/alerts?lang=en"));
  });

  it("keeps the banner hidden and empty with no alert active", async () => {
    await addPublications({ slug: "plain-news", published_at: "2020-10-24T23:00:00.000Z" });
    const home = banner(await page("/en/"));
    expect(home).toMatchObject({ hidden: true, alerts: [] });
  });
});

describe("an alert's end, with real time", () => {
  beforeEach(async () => {
    await resetContent();
    token = await createToken(`alerts-${crypto.randomUUID()}`, ["publish"]);
  });

  it("takes the banner off every cached page at its end, with no write", async () => {
    const now = Date.now();
    await publish("short", {
      level: "emergency",
      title: "Short alert",
      published_at: new Date(now - 60_000).toISOString(),
      expires_at: new Date(now + 3_000).toISOString(),
    });
    const paths = ["/en/", "/en/publications", "/api/v1/alerts"];
    for (const path of paths) {
      const response = await get(path, { Accept: "text/html" });
      expect(
        Number(/max-age=(\d+)/.exec(response.headers.get("Cache-Control") ?? "")?.[1]),
        path,
      ).toBeLessThanOrEqual(3);
    }
    expect(banner(await page("/en/")).alerts.map((alert) => alert.title)).toEqual(["Short alert"]);
    expect((await getJson("/api/v1/alerts")).items).toHaveLength(1);
    // Read again from the worker's own cache: the copy still holds.
    expect(banner(await page("/en/publications")).alerts).toHaveLength(1);

    await new Promise((resolve) => setTimeout(resolve, now + 3_200 - Date.now()));
    expect(banner(await page("/en/"))).toMatchObject({ hidden: true, alerts: [] });
    expect(banner(await page("/en/publications")).alerts).toEqual([]);
    expect((await getJson("/api/v1/alerts")).items).toEqual([]);
  });
});
