import { env, exports } from "cloudflare:workers";
import { XMLParser } from "fast-xml-parser";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { SiteEvent } from "../../worker/schemas/event";
import { pingHub } from "../../worker/websub";
import { authorized, createToken } from "./editor-fixtures";
import { addPublications, get, getJson, resetContent } from "./fixtures";

const ORIGIN = "https://embassy.example";
const HUB = "https://hub.example/";

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" });

/** The `<link>`s of a parsed element, one or many, as a list. */
const links = (value: unknown): Record<string, string>[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value as Record<string, string>];

/** What each feed format says its hub and its own address are. */
async function declared() {
  const rss = xml.parse(await (await get("/ru/feed.xml")).text()).rss.channel;
  const atom = xml.parse(await (await get("/atom.xml")).text()).feed;
  const json = await getJson("/feed.json");
  const rel = (list: Record<string, string>[], name: string) => list.find((link) => link.rel === name)?.href;
  return {
    rss: { hub: rel(links(rss["atom:link"]), "hub"), self: rel(links(rss["atom:link"]), "self") },
    atom: { hub: rel(links(atom.link), "hub"), self: rel(links(atom.link), "self") },
    json: { hubs: json.hubs, self: json.feed_url },
  };
}

/** A publish notification as the local hub (test/support/websub-hub.ts) recorded it. */
interface Ping {
  contentType: string;
  form: Record<string, string[]>;
}

let siteToken: string;

function patchSite(body: unknown, version: number) {
  return exports.default.fetch(
    new Request(`${ORIGIN}/api/v1/site`, {
      method: "PATCH",
      body: JSON.stringify(body),
      headers: { ...authorized(siteToken), "Content-Type": "application/json", "If-Match": `"v${version}"` },
    }),
  );
}

const setHub = (hub: string | null) =>
  env.DB.prepare("UPDATE site SET websub_hub = ?1 WHERE id = 1").bind(hub).run();

const event = (type: SiteEvent["type"]): SiteEvent => ({
  id: `evt_${crypto.randomUUID().replaceAll("-", "")}`,
  type,
  timestamp: "2020-10-25T00:06:00.000Z",
  data: {},
});

/** A hub address of this test's own on the local hub, and what it received. */
function localHub(prefix = "") {
  const url = `${env.TEST_WEBSUB_HUB}/${prefix}${crypto.randomUUID()}`;
  return { url, pings: async () => (await fetch(url)).json<Ping[]>() };
}

beforeAll(async () => {
  siteToken = await createToken(`websub-${crypto.randomUUID()}`, ["site"]);
});

beforeEach(async () => {
  await resetContent();
  await addPublications({ slug: "consular-hours", published_at: "2020-10-20T09:00:00Z" });
});

afterEach(() => setHub(null));

describe("feeds and the WebSub hub", () => {
  it("name no hub while the site has none, and their own address always", async () => {
    expect(await declared()).toEqual({
      rss: { hub: undefined, self: `${ORIGIN}/ru/feed.xml` },
      atom: { hub: undefined, self: `${ORIGIN}/atom.xml` },
      json: { hubs: undefined, self: `${ORIGIN}/feed.json` },
    });
  });

  it("name the hub an editor sets in the site's settings, at once, and drop it when cleared", async () => {
    await declared();
    const { version } = await getJson("/api/v1/site");
    const saved = await patchSite({ websub_hub: HUB }, version);
    expect(saved.status).toBe(200);
    expect((await saved.json<{ websub_hub: string }>()).websub_hub).toBe(HUB);
    expect(await declared()).toEqual({
      rss: { hub: HUB, self: `${ORIGIN}/ru/feed.xml` },
      atom: { hub: HUB, self: `${ORIGIN}/atom.xml` },
      json: { hubs: [{ type: "WebSub", url: HUB }], self: `${ORIGIN}/feed.json` },
    });
    // Readers of the site are not told: the feeds are where a hub matters.
    expect(await getJson("/api/v1/site")).not.toHaveProperty("websub_hub");
    expect((await patchSite({ websub_hub: null }, version + 1)).status).toBe(200);
    expect((await declared()).atom.hub).toBeUndefined();
  });

  it("refuses a hub that is not an https address on the public Internet, naming the field", async () => {
    const { version } = await getJson("/api/v1/site");
    const refusedHubs = [
      "http://hub.example/",
      "hub.example",
      "javascript:alert(1)",
      "https://127.0.0.1/hub",
      "https://[::1]/hub",
      "https://169.254.169.254/latest",
      "https://hub.internal/",
    ];
    for (const hub of refusedHubs) {
      const refused = await patchSite({ websub_hub: hub }, version);
      expect(refused.status, hub).toBe(422);
      expect(refused.headers.get("Content-Type")).toBe("application/problem+json");
      const problem = await refused.json<{ "invalid-params": { name: string }[] }>();
      expect(problem["invalid-params"].map((param) => param.name)).toEqual(["websub_hub"]);
    }
    expect((await getJson("/api/v1/site")).version).toBe(version);
  });
});

describe("pingHub", () => {
  it("tells the hub of every feed in every language when a publication changes", async () => {
    const hub = localHub();
    await setHub(hub.url);
    await pingHub(env.DB, ORIGIN, [event("publication.published")]);
    const pings = await hub.pings();
    for (const ping of pings) {
      expect(ping.contentType).toMatch(/^application\/x-www-form-urlencoded/);
      expect(ping.form["hub.mode"]).toEqual(["publish"]);
    }
    // As a set: a write of an earlier test may be announced late, to the hub set by then.
    const topics = [...new Set(pings.flatMap((ping) => ping.form["hub.url"]))].sort();
    const feeds = ["/feed.xml", "/atom.xml", "/feed.json"];
    const expected = ["", "/en", "/ru"].flatMap((prefix) => feeds.map((feed) => `${ORIGIN}${prefix}${feed}`));
    expect(topics).toEqual(expected.sort());
    // Each announced address is a feed the worker serves.
    for (const topic of topics) expect((await get(new URL(topic).pathname)).status, topic).toBe(200);
  });

  it("follows the site's languages and pings for a change of the site's words too", async () => {
    await env.DB.prepare(`UPDATE site SET languages = '["ru","pt-BR"]' WHERE id = 1`).run();
    const hub = localHub();
    await setHub(hub.url);
    await pingHub(env.DB, ORIGIN, [event("site.changed")]);
    const topics = new Set((await hub.pings()).flatMap((ping) => ping.form["hub.url"]));
    expect(topics.size).toBe(9);
    expect(topics).toContain(`${ORIGIN}/pt-br/atom.xml`);
    expect(topics).not.toContain(`${ORIGIN}/en/atom.xml`);
  });

  it("stays silent for what no feed shows, and without a hub", async () => {
    const hub = localHub();
    await setHub(hub.url);
    await pingHub(env.DB, ORIGIN, [event("counter.changed"), event("webhook.test")]);
    expect(await hub.pings()).toEqual([]);
    await setHub(null);
    await pingHub(env.DB, ORIGIN, [event("publication.updated")]);
    expect(await hub.pings()).toEqual([]);
  });

  it("is called when an editor's write changes what the feeds show", async () => {
    const hub = localHub();
    await setHub(hub.url);
    const { version } = await getJson("/api/v1/site");
    expect((await patchSite({ name: "Embassy of Valdoria" }, version)).status).toBe(200);
    // The dispatcher announces the write after answering it.
    await expect.poll(async () => (await hub.pings()).length, { timeout: 10_000 }).toBeGreaterThanOrEqual(9);
    const topics = (await hub.pings()).flatMap((ping) => ping.form["hub.url"]);
    expect(topics).toContain(`${ORIGIN}/ru/feed.json`);
  });

  it("never throws when the hub fails", async () => {
    const refusing = localHub("refusing/");
    await setHub(refusing.url);
    await expect(pingHub(env.DB, ORIGIN, [event("publication.withdrawn")])).resolves.toBeUndefined();
    expect((await refusing.pings()).length).toBeGreaterThanOrEqual(9);
  });
});
