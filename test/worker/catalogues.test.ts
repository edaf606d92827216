import { describe, expect, it } from "vitest";
import { CATALOGUE_LANGUAGES, catalogueFor, PARAMETERS } from "../../worker/catalogues";
import en from "../../worker/catalogues/en.json";
import ru from "../../worker/catalogues/ru.json";
import { KINDS } from "../../worker/vocabulary";

const CATALOGUES: Record<string, Record<string, unknown>> = { en, ru };
const CATEGORIES = new Set(["zero", "one", "two", "few", "many", "other"]);

/** A message's texts: itself, or each of its plural forms. */
const textsOf = (message: unknown): string[] =>
  typeof message === "string" ? [message] : Object.values(message as Record<string, string>);

const placeholders = (message: unknown) =>
  new Set(textsOf(message).flatMap((text) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1])));

const isPlural = (message: unknown) =>
  typeof message === "object" && message !== null && Object.keys(message).every((key) => CATEGORIES.has(key));

describe("the message catalogues", () => {
  it("are every catalogue there is", () => {
    expect([...CATALOGUE_LANGUAGES].sort()).toEqual(Object.keys(CATALOGUES).sort());
  });

  it("name in code exactly the placeholders English writes", () => {
    for (const [key, message] of Object.entries(en)) {
      const names: readonly string[] = PARAMETERS[key as keyof typeof PARAMETERS] ?? [];
      expect([...placeholders(message)].sort(), key).toEqual([...names].sort());
    }
  });

  for (const [lang, catalogue] of Object.entries(CATALOGUES)) {
    describe(lang, () => {
      it("holds every message of en.json and no other", () => {
        expect(Object.keys(catalogue).sort()).toEqual(Object.keys(en).sort());
        expect(Object.keys(catalogue.kinds as object).sort()).toEqual([...KINDS].sort());
      });

      it("uses no placeholder the English message lacks", () => {
        for (const [key, message] of Object.entries(catalogue)) {
          const english = placeholders(en[key as keyof typeof en]);
          expect(
            [...placeholders(message)].filter((name) => !english.has(name)),
            key,
          ).toEqual([]);
        }
      });

      it(`gives each plural message exactly ${lang}'s plural categories`, () => {
        const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
        const plurals = Object.entries(catalogue).filter(([, message]) => isPlural(message));
        expect(plurals.map(([key]) => key)).toEqual(
          Object.keys(en).filter((key) => isPlural(en[key as keyof typeof en])),
        );
        for (const [key, forms] of plurals) {
          expect(Object.keys(forms as object).sort(), key).toEqual([...categories].sort());
        }
      });

      it("writes dates in a locale Intl knows", () => {
        expect(Intl.DateTimeFormat.supportedLocalesOf([catalogue.locale as string])).toHaveLength(1);
      });
    });
  }
});

describe("catalogueFor", () => {
  it("finds a catalogue by lookup and fills in values, choosing the plural form", () => {
    const { strings, lang, fallback } = catalogueFor("ru-RU");
    expect({ lang, fallback }).toEqual({ lang: "ru", fallback: false });
    expect(strings.results(1, "виза")).toBe("По запросу «виза» найден 1 результат");
    expect(strings.results(3, "виза")).toBe("По запросу «виза» найдено 3 результата");
    expect(strings.results(5, "виза")).toBe("По запросу «виза» найдено 5 результатов");
    expect(catalogueFor("en").strings.results(1, "visa")).toBe("One result for “visa”");
    expect(catalogueFor("en").strings.results(1200, "visa")).toBe("1,200 results for “visa”");
    expect(catalogueFor("en").strings.pageTitle("Visas", "Embassy")).toBe("Visas · Embassy");
  });

  it("falls back to the default language's catalogue, else English", () => {
    expect(catalogueFor("pl", "ru")).toMatchObject({ lang: "ru", fallback: true });
    expect(catalogueFor("pl", "de")).toMatchObject({ lang: "en", fallback: true });
    expect(catalogueFor("pl").strings.home).toBe("Home");
  });
});
