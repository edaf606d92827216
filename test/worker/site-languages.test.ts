import { env } from "cloudflare:workers";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createToken, json, sendAs } from "./editor-fixtures";
import { expectInvalidParams, get, getJson, resetContent } from "./fixtures";

let admin: string;

async function patchSite(body: unknown): Promise<Response> {
  const { version } = await getJson("/api/v1/site");
  return sendAs(admin, "PATCH", "/api/v1/site", body, { "If-Match": `"v${version}"` });
}

/** A 422 naming these fields, and nothing else. */
async function expectRefused(response: Response, names: string[]): Promise<void> {
  const problem = await json(response, 422);
  expect(problem["invalid-params"].map((p: { name: string }) => p.name)).toEqual(names);
}

const russian = {
  name: "Посольство",
  clocks: ["Москва", null],
  contacts: { address: "Лондон, Кенсингтон-Палас-Гарденс, 6/7" },
};

beforeAll(async () => {
  admin = await createToken(`languages-${crypto.randomUUID()}`, ["site", "admin"]);
});

beforeEach(async () => {
  await resetContent();
  await env.DB.prepare(
    `UPDATE site SET languages = '["en"]', translations = '{}',
       contacts = json_set(contacts, '$.address', '6/7 Kensington Palace Gardens') WHERE id = 1`,
  ).run();
});

describe("the site's languages and translations", () => {
  it("saves Russian words and reads each field in Russian, else in the default language", async () => {
    const saved = await patchSite({ languages: ["en", "ru"], translations: { ru: russian } });
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject({ languages: ["en", "ru"], translations: { ru: russian } });

    const site = await getJson("/api/v1/site?lang=ru");
    expect(site).toMatchObject({
      lang: "ru",
      languages: ["en", "ru"],
      name: "Посольство",
      clocks: [
        { label: "Москва", time_zone: "Europe/Moscow" },
        { label: "London", time_zone: "Europe/London" },
      ],
      contacts: {
        phone: "+44 20 7946 0000",
        email: "consular@embassy.example",
        address: "Лондон, Кенсингтон-Палас-Гарденс, 6/7",
      },
    });
    expect(site).not.toHaveProperty("translations");
    expect(await getJson("/api/v1/site")).toMatchObject({ lang: "en", name: "Embassy" });
  });

  it("finds a language by lookup, answers the default for one the site lacks, refuses a tag that is none", async () => {
    await patchSite({ languages: ["en", "ru"], translations: { ru: russian } });
    expect(await getJson("/api/v1/site?lang=ru-RU")).toMatchObject({ lang: "ru", name: "Посольство" });
    expect(await getJson("/api/v1/site?lang=de")).toMatchObject({ lang: "en", name: "Embassy" });
    const refused = await get("/api/v1/site?lang=!!");
    expect(refused.status).toBe(400);
    await expectInvalidParams(refused, ["lang"]);
  });

  it("refuses words for a language the site lacks or for its default, and lists longer than the site's", async () => {
    await expectRefused(await patchSite({ translations: { de: { name: "Botschaft" } } }), [
      "translations.de",
    ]);
    // Checked against the languages of the same change.
    await expectRefused(
      await patchSite({ languages: ["en", "de"], translations: { ru: { name: "Посольство" } } }),
      ["translations.ru"],
    );
    await expectRefused(
      await patchSite({ languages: ["en", "ru"], translations: { en: { name: "Embassy" } } }),
      ["translations.en"],
    );
    await expectRefused(
      await patchSite({ languages: ["en", "ru"], translations: { ru: { clocks: ["А", "Б", "В"] } } }),
      ["translations.ru.clocks"],
    );
    await expectRefused(
      await patchSite({
        languages: ["en", "ru"],
        translations: { ru: { contacts: { fields: [{ label: "Часы работы" }] } } },
      }),
      ["translations.ru.contacts.fields"],
    );
    // Nothing of a refused change was kept.
    expect(await getJson("/api/v1/site")).toMatchObject({ languages: ["en"] });
  });

  it("drops a language's words when the language is removed", async () => {
    await patchSite({
      languages: ["en", "ru", "fr"],
      translations: { ru: russian, fr: { name: "Ambassade" } },
    });
    const saved = await patchSite({ languages: ["en", "fr"] });
    expect(await saved.json()).toMatchObject({
      languages: ["en", "fr"],
      translations: { fr: { name: "Ambassade" } },
    });
    const settings = await (await sendAs(admin, "GET", "/api/v1/site/settings")).json<any>();
    expect(Object.keys(settings.translations)).toEqual(["fr"]);
    expect(await getJson("/api/v1/site?lang=ru")).toMatchObject({ lang: "en", name: "Embassy" });
  });

  it("brings a new default language's words forward and keeps the old default's as a translation", async () => {
    await patchSite({ languages: ["en", "ru"], translations: { ru: russian } });
    const saved = await (await patchSite({ languages: ["ru", "en"] })).json<any>();
    expect(saved).toMatchObject({
      name: "Посольство",
      clocks: [{ label: "Москва" }, { label: "London" }],
      translations: { en: { name: "Embassy", clocks: ["Moscow", null] } },
    });
    expect(saved.translations).not.toHaveProperty("ru");
    expect(await getJson("/api/v1/site?lang=en")).toMatchObject({
      lang: "en",
      name: "Embassy",
      clocks: [{ label: "Moscow" }, { label: "London" }],
      contacts: { address: "6/7 Kensington Palace Gardens" },
    });
  });

  it("gives editors the stored words, the version and which languages have an interface catalogue", async () => {
    await patchSite({ languages: ["en", "ru", "pl"], translations: { pl: { name: "Ambasada" } } });
    const read = await sendAs(admin, "GET", "/api/v1/site/settings");
    expect(read.status).toBe(200);
    const settings = await read.json<any>();
    expect(read.headers.get("ETag")).toBe(`"v${settings.version}"`);
    expect(settings).toMatchObject({
      languages: ["en", "ru", "pl"],
      translations: { pl: { name: "Ambasada" } },
      catalogues: expect.arrayContaining(["en", "ru"]),
      approver_must_differ: expect.any(Boolean),
    });
    expect(settings.catalogues).not.toContain("pl");
  });

  it("records the change of languages and words in the audit log", async () => {
    await patchSite({ languages: ["en", "ru"], translations: { ru: { name: "Посольство" } } });
    const log = await (await sendAs(admin, "GET", "/api/v1/audit?subject=site")).json<any>();
    expect(log.entries[0]).toMatchObject({
      action: "site.update",
      change: {
        before: { languages: ["en"], translations: {} },
        after: { languages: ["en", "ru"], translations: { ru: { name: "Посольство" } } },
      },
    });
  });
});
