import { env, exports } from "cloudflare:workers";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { forgetContentVersion } from "../../worker/data/cache";
import {
  COUNTS,
  expectedForm,
  LANGUAGES,
  MATRIX_AT,
  matrixCounters,
  SENTENCES,
  WORDS,
  written,
} from "../support/plural-forms";
import { authorized, createToken } from "./editor-fixtures";
import { addCounters, getJson, resetContent } from "./fixtures";

let editor: string;

function send(method: string, path: string, body: unknown, headers: HeadersInit = {}) {
  return exports.default.fetch(
    new Request(`https://embassy.example${path}`, {
      method,
      body: JSON.stringify(body),
      headers: { ...authorized(editor), "Content-Type": "application/json", ...headers },
    }),
  );
}

async function setLanguages(languages: string[]) {
  await env.DB.prepare("UPDATE site SET languages = ?1 WHERE id = 1").bind(JSON.stringify(languages)).run();
  forgetContentVersion();
}

beforeAll(async () => {
  editor = await createToken(`plural-${crypto.randomUUID()}`, ["counters"]);
});
afterAll(() => setLanguages(["en"]));

describe("a counter's sentence in each language's plural forms", () => {
  beforeEach(async () => {
    await resetContent();
    await setLanguages([...LANGUAGES]);
    await addCounters(...matrixCounters().map(({ slug, since }) => ({ slug, since, sentences: SENTENCES })));
  });

  it.each(LANGUAGES)("writes each count in %s with the form Intl gives it, and its number", async (lang) => {
    const board = await getJson(`/api/v1/counters?lang=${lang}&at=${MATRIX_AT}`);
    expect(board.lang).toBe(lang);
    const byCount = new Map(board.counters.map((counter: { days: number }) => [counter.days, counter]));
    COUNTS.forEach((count, at) => {
      const counter = byCount.get(count) as { text: string; lang: string; forms: unknown };
      expect(counter.lang).toBe(lang);
      expect(counter.forms).toEqual(SENTENCES[lang]);
      expect(counter.text).toBe(expectedForm(lang, count).replace("{days}", written(lang, count)));
      expect(counter.text.startsWith(`${written(lang, count)} `)).toBe(true);
      expect(counter.text).toContain(WORDS[lang][at]);
    });
  });

  it("reads a category left out as `other`, as a sentence carried over from before reads", async () => {
    await addCounters({
      slug: "old",
      since: "2020-10-24",
      sentences: { en: { other: "{days} days, said once" } },
    });
    expect((await getJson(`/api/v1/counters/old?at=${MATRIX_AT}`)).text).toBe("1 days, said once");
  });
});

describe("editors' sentences", () => {
  beforeEach(async () => {
    await resetContent();
    await setLanguages(["en", "ru", "ar"]);
  });

  const counter = (sentences: unknown) => ({ slug: "treaty", since: "2020-01-01", sentences });

  async function refusal(response: Response): Promise<Record<string, string>> {
    expect(response.status).toBe(422);
    expect(response.headers.get("Content-Type")).toBe("application/problem+json");
    const problem = await response.json<any>();
    return Object.fromEntries(
      problem["invalid-params"].map((p: { name: string; reason: string }) => [p.name, p.reason]),
    );
  }

  it("saves a form per category of each language, and readers get them", async () => {
    const created = await send("POST", "/api/v1/counters", counter({ en: SENTENCES.en, ru: SENTENCES.ru }));
    expect(created.status).toBe(201);
    expect((await created.json<any>()).sentences).toEqual({ en: SENTENCES.en, ru: SENTENCES.ru });
    const read = await getJson("/api/v1/counters/treaty?lang=ru&at=2020-01-22T12:00:00Z");
    expect(read).toMatchObject({ lang: "ru", days: 21, text: "21 день прошёл с подписания договора" });
  });

  it("refuses a missing category and one the language does not have, listing the expected ones", async () => {
    const { few: _few, ...russianWithoutFew } = SENTENCES.ru;
    const reasons = await refusal(
      await send(
        "POST",
        "/api/v1/counters",
        counter({ en: { ...SENTENCES.en, few: "{days} few days" }, ru: russianWithoutFew }),
      ),
    );
    expect(Object.keys(reasons).sort()).toEqual(["sentences.en.few", "sentences.ru.few"]);
    expect(reasons["sentences.en.few"]).toContain("one, other");
    expect(reasons["sentences.ru.few"]).toMatch(/required.*one, few, many, other/);
  });

  it("refuses a language the site does not speak, a tag that is none, and no default sentence", async () => {
    const unknown = await refusal(
      await send("POST", "/api/v1/counters", counter({ en: SENTENCES.en, pl: SENTENCES.pl })),
    );
    expect(Object.keys(unknown)).toEqual(["sentences.pl"]);
    expect(unknown["sentences.pl"]).toContain("en, ru, ar");
    const malformed = await refusal(
      await send("POST", "/api/v1/counters", counter({ en: SENTENCES.en, "not a tag": { other: "{days}" } })),
    );
    expect(Object.keys(malformed)).toEqual(["sentences.not a tag"]);
    const noDefault = await refusal(await send("POST", "/api/v1/counters", counter({ ru: SENTENCES.ru })));
    expect(Object.keys(noDefault)).toEqual(["sentences.en"]);
    expect((await getJson("/api/v1/counters")).counters).toEqual([]);
  });

  it("refuses an `other` form without {days}, and a change that drops the default sentence", async () => {
    const reasons = await refusal(
      await send("POST", "/api/v1/counters", counter({ en: { one: "a day", other: "some days" } })),
    );
    expect(reasons).toEqual({ "sentences.en.other": "must contain {days}, where the count goes" });
    expect((await send("POST", "/api/v1/counters", counter({ en: SENTENCES.en }))).status).toBe(201);
    const patch = await send(
      "PATCH",
      "/api/v1/counters/treaty",
      { sentences: { ar: SENTENCES.ar } },
      { "If-Match": '"v1"' },
    );
    expect(Object.keys(await refusal(patch))).toEqual(["sentences.en"]);
    expect((await getJson("/api/v1/counters/treaty?lang=ar")).lang).toBe("en");
  });
});
