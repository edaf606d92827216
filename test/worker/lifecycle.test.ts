import { XMLParser } from "fast-xml-parser";
import { parseAtomFeed, parseRssFeed } from "feedsmith";
import { parseHTML } from "linkedom";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createToken, sendAs } from "./editor-fixtures";
import { get, getJson, resetContent } from "./fixtures";

const REFERENCE = "2020-10-25T00:06:00.000Z";
const EXPIRY = "2020-10-25T12:00:00.000Z";

let token: string;

/** Publishes through the API, as an editor would; answers the stored publication. */
async function publish(slug: string, fields: Record<string, unknown> = {}) {
  const response = await sendAs(token, "POST", "/api/v1/publications", {
    slug,
    kind: "statement",
    lang: "en",
    title: `Statement ${slug}`,
    lead: `Lead of ${slug}`,
    body: `<p>Text of ${slug}, about the consulate</p>`,
    status: "published",
    published_at: "2020-10-20T09:00:00Z",
    without_approval: fields.status === "draft" ? undefined : "Cleared by phone with the consul",
    ...fields,
  });
  expect(response.status, await response.clone().text()).toBe(201);
  return { ...(await response.json<any>()), etag: response.headers.get("ETag") ?? "" };
}

async function page(path: string, status = 200) {
  const response = await get(path, { Accept: "text/html" });
  expect(response.status, path).toBe(status);
  expect(response.headers.get("Content-Type")).toMatch(/^text\/html/);
  return parseHTML(await response.text()).document;
}

type Dom = Awaited<ReturnType<typeof page>>;
const textOf = (document: Dom, selector: string) =>
  document.querySelector(selector)?.textContent?.replace(/\s+/g, " ").trim();
const articleOf = (document: Dom) =>
  JSON.parse(document.querySelector('script[type="application/ld+json"]')?.textContent ?? "{}");

/** Where a slug is seen by readers: the API's list, the archive, search, the sitemap, the feeds. */
async function seenIn(slug: string) {
  const list = await getJson("/api/v1/publications?limit=100");
  const search = await getJson("/api/v1/search?q=consulate");
  const archive = await page("/publications");
  const sitemap = new XMLParser().parse(await (await get("/sitemap.xml")).text());
  const feed = await getJson("/feed.json");
  const url = `https://embassy.example/publications/${slug}`;
  const locations = [sitemap.urlset.url].flat().map((entry: { loc: string }) => entry.loc);
  return {
    list: list.items.some((item: { slug: string }) => item.slug === slug),
    search: search.items.some((item: { slug: string }) => item.slug === slug),
    archive: [...archive.querySelectorAll(".list a")].some((a) => a.getAttribute("href") === url),
    sitemap: locations.includes(url),
    feed: feed.items.some((item: { url: string }) => item.url === url),
  };
}

const maxAge = (response: Response) =>
  Number(/max-age=(\d+)/.exec(response.headers.get("Cache-Control") ?? "")?.[1]);

describe("embargo and lifecycle", () => {
  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date(REFERENCE));
    await resetContent();
    token = await createToken(`lifecycle-${crypto.randomUUID()}`, ["publish"]);
    await publish("standing");
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it("takes an expired publication out of every list at its instant, and answers 410 at its address", async () => {
    await publish("visit-notice", { expires_at: EXPIRY });
    expect(await seenIn("visit-notice")).toEqual({
      list: true,
      search: true,
      archive: true,
      sitemap: true,
      feed: true,
    });
    expect((await getJson("/api/v1/publications/visit-notice")).expires_at).toBe(EXPIRY);

    // Half a minute before, no cache may keep a copy past the instant.
    vi.setSystemTime(new Date(Date.parse(EXPIRY) - 30_000));
    for (const path of ["/api/v1/publications", "/feed.json", "/sitemap.xml", "/api/v1/search?q=consulate"]) {
      expect(maxAge(await get(path)), path).toBeLessThanOrEqual(30);
    }

    vi.setSystemTime(new Date(Date.parse(EXPIRY) + 1_000));
    expect(await seenIn("visit-notice")).toEqual({
      list: false,
      search: false,
      archive: false,
      sitemap: false,
      feed: false,
    });
    expect((await seenIn("standing")).list).toBe(true);

    const api = await get("/api/v1/publications/visit-notice");
    expect(api.status).toBe(410);
    expect(api.headers.get("Content-Type")).toBe("application/problem+json");
    expect(await api.json()).toMatchObject({ status: 410, title: "Gone" });

    const gone = await page("/publications/visit-notice", 410);
    expect(textOf(gone, "h1")).toBe("No longer available");
    expect(textOf(gone, "main p")).toBe(
      "This publication was available here for a set time, which has ended.",
    );
    // A publication's address speaks the publication's language, its 410 page too: no `?lang=` changes it.
    const stillEnglish = await page("/publications/visit-notice?lang=ru", 410);
    expect(textOf(stillEnglish, "h1")).toBe("No longer available");
  });

  it("refuses an expiry that does not come after the publication, naming the field", async () => {
    const early = await sendAs(token, "POST", "/api/v1/publications", {
      kind: "news",
      lang: "en",
      title: "Too early",
      published_at: "2020-10-20T09:00:00Z",
      expires_at: "2020-10-19T09:00:00Z",
    });
    expect(early.status).toBe(422);
    expect((await early.json<any>())["invalid-params"]).toEqual([
      { name: "expires_at", reason: "must be after published_at (2020-10-20T09:00:00.000Z)" },
    ]);

    const stored = await publish("later", { expires_at: EXPIRY });
    const moved = await sendAs(
      token,
      "PATCH",
      `/api/v1/publications/by-id/${stored.id}`,
      { published_at: "2020-10-26T09:00:00Z" },
      { "If-Match": stored.etag },
    );
    expect(moved.status).toBe(422);
    expect((await moved.json<any>())["invalid-params"][0].name).toBe("expires_at");

    const lifted = await sendAs(
      token,
      "PATCH",
      `/api/v1/publications/by-id/${stored.id}`,
      { expires_at: null },
      { "If-Match": stored.etag },
    );
    expect(lifted.status).toBe(200);
    expect((await lifted.json<any>()).expires_at).toBeNull();

    const markdown = await sendAs(
      token,
      "POST",
      "/api/v1/publications",
      "---\ntitle: From Markdown\nkind: news\nlang: en\nstatus: published\npublished_at: 2020-10-20T09:00:00Z\nexpires_at: 2020-10-30T09:00:00Z\nwithout_approval: Cleared by phone\n---\nHello.\n",
      { "Content-Type": "text/markdown" },
    );
    expect(markdown.status).toBe(201);
    expect((await markdown.json<any>()).expires_at).toBe("2020-10-30T09:00:00.000Z");
  });

  it("keeps a withdrawn text at its address under the reason, out of lists, and tells feed readers", async () => {
    const stored = await publish("visa-rules");
    const reason = "Superseded by the statement of 26 October";
    vi.setSystemTime(new Date("2020-10-25T10:00:00.000Z"));
    const path = `/api/v1/publications/by-id/${stored.id}/withdraw`;
    const blind = await sendAs(token, "POST", path, { reason });
    expect(blind.status).toBe(428);
    const withdrawn = await sendAs(token, "POST", path, { reason }, { "If-Match": stored.etag });
    expect(withdrawn.status).toBe(200);
    expect(await withdrawn.json()).toMatchObject({
      withdrawn_at: "2020-10-25T10:00:00.000Z",
      withdrawal_reason: reason,
    });
    const again = await sendAs(token, "POST", path, { reason }, { "If-Match": '"v2"' });
    expect(again.status).toBe(409);
    const admin = await createToken(`admin-${crypto.randomUUID()}`, ["admin"]);
    const audit = await (
      await sendAs(admin, "GET", `/api/v1/audit?subject=publication:${stored.id}`)
    ).json<any>();
    expect(audit.entries[0]).toMatchObject({
      action: "publication.withdraw",
      change: { changed: ["withdrawn_at", "withdrawal_reason"], after: { withdrawal_reason: reason } },
    });

    expect(await getJson("/api/v1/publications/visa-rules")).toMatchObject({
      withdrawn_at: "2020-10-25T10:00:00.000Z",
      withdrawal_reason: reason,
      modified_at: "2020-10-25T10:00:00.000Z",
    });
    const document = await page("/publications/visa-rules");
    expect(textOf(document, ".withdrawn")).toBe(`Withdrawn on 25.10.2020: ${reason}`);
    expect(textOf(document, ".body")).toBe("Text of visa-rules, about the consulate");
    expect(articleOf(document).dateModified).toBe("2020-10-25T10:00:00.000Z");

    expect(await seenIn("visa-rules")).toEqual({
      list: false,
      search: false,
      archive: false,
      sitemap: false,
      feed: true,
    });

    const url = "https://embassy.example/publications/visa-rules";
    const json = await getJson("/feed.json");
    const item = json.items.find((entry: { url: string }) => entry.url === url);
    expect(item.date_modified).toBe("2020-10-25T10:00:00.000Z");
    const notice = parseHTML(`<div>${item.content_html}</div>`).document.querySelector("p");
    expect(notice?.textContent).toBe(`Withdrawn on 25.10.2020: ${reason}`);

    const atom = parseAtomFeed(await (await get("/atom.xml")).text());
    const entry = atom.entries?.find((candidate) => candidate.id === url);
    expect(entry?.updated).toBe("2020-10-25T10:00:00.000Z");
    expect(atom.updated).toBe("2020-10-25T10:00:00.000Z");
    const atomXml = new XMLParser({ ignoreAttributes: false }).parse(await (await get("/atom.xml")).text());
    const atomEntry = [atomXml.feed.entry].flat().find((candidate: { id: string }) => candidate.id === url);
    const atomContent = parseHTML(`<div>${atomEntry.content["#text"]}</div>`).document;
    expect(atomContent.querySelector("p")?.textContent).toBe(`Withdrawn on 25.10.2020: ${reason}`);

    const rss = parseRssFeed(await (await get("/feed.xml")).text());
    const rssItem = rss.items?.find((candidate) => candidate.link === url);
    const rssContent = parseHTML(`<div>${rssItem?.content?.encoded}</div>`).document;
    expect(rssContent.querySelector("p")?.textContent).toBe(`Withdrawn on 25.10.2020: ${reason}`);
  });

  it("refuses to withdraw what is not out", async () => {
    const draft = await publish("not-yet", { status: "draft" });
    const response = await sendAs(
      token,
      "POST",
      `/api/v1/publications/by-id/${draft.id}/withdraw`,
      { reason: "Never mind" },
      { "If-Match": draft.etag },
    );
    expect(response.status).toBe(409);
    expect((await response.json<any>()).detail).toBe(
      "Only a published text can be withdrawn; this one is draft.",
    );
  });

  it("shows change notes under Updated, with dateModified; a minor edit adds none", async () => {
    const stored = await publish("visit");
    const at = `/api/v1/publications/by-id/${stored.id}`;
    vi.setSystemTime(new Date("2020-10-25T10:00:00.000Z"));
    const noted = await sendAs(
      token,
      "PATCH",
      at,
      { lead: "The visit took place on 19 October.", change_note: "Corrected the date of the visit" },
      { "If-Match": stored.etag },
    );
    expect(noted.status).toBe(200);

    vi.setSystemTime(new Date("2020-10-26T10:00:00.000Z"));
    const minor = await sendAs(
      token,
      "PATCH",
      at,
      { title: "Statement visit, typo fixed", minor: true },
      { "If-Match": noted.headers.get("ETag") ?? "" },
    );
    expect(minor.status).toBe(200);

    const read = await getJson("/api/v1/publications/visit");
    expect(read.title).toBe("Statement visit, typo fixed");
    expect(read.changes).toEqual([
      { at: "2020-10-25T10:00:00.000Z", note: "Corrected the date of the visit" },
    ]);
    expect(read.modified_at).toBe("2020-10-25T10:00:00.000Z");

    const document = await page("/publications/visit");
    expect(textOf(document, ".changes p")).toBe("Updated 25.10.2020");
    expect(textOf(document, ".changes li")).toBe("25.10.2020: Corrected the date of the visit");
    expect(articleOf(document)).toMatchObject({
      datePublished: "2020-10-20T09:00:00.000Z",
      dateModified: "2020-10-25T10:00:00.000Z",
    });

    const atom = parseAtomFeed(await (await get("/atom.xml")).text());
    const entry = atom.entries?.find(
      (candidate) => candidate.id === "https://embassy.example/publications/visit",
    );
    expect(entry?.updated).toBe("2020-10-25T10:00:00.000Z");
    const json = await getJson("/feed.json");
    expect(json.items.find((item: { id: string }) => item.id.endsWith("/visit")).date_modified).toBe(
      "2020-10-25T10:00:00.000Z",
    );

    const untouched = await page("/publications/standing");
    expect(untouched.querySelector(".changes")).toBeNull();
    expect(articleOf(untouched).dateModified).toBeUndefined();
  });

  it("refuses a change note on what readers cannot see, or on a minor edit", async () => {
    const draft = await publish("draft-one", { status: "draft" });
    const onDraft = await sendAs(
      token,
      "PATCH",
      `/api/v1/publications/by-id/${draft.id}`,
      { title: "Changed", change_note: "Changed the title" },
      { "If-Match": draft.etag },
    );
    expect(onDraft.status).toBe(422);
    expect((await onDraft.json<any>())["invalid-params"][0].name).toBe("change_note");

    const published = await publish("published-one");
    const both = await sendAs(
      token,
      "PUT",
      `/api/v1/publications/by-id/${published.id}`,
      { kind: "news", lang: "en", title: "Replaced", change_note: "Replaced", minor: true },
      { "If-Match": published.etag },
    );
    expect(both.status).toBe(422);
    expect((await both.json<any>())["invalid-params"]).toEqual([
      { name: "change_note", reason: "must be left out of a minor edit" },
    ]);
  });
});
