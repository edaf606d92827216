import { invalidParams } from "../http/problem";
import { defaultLanguage, siteIn } from "../languages";
import type { InvalidParam } from "../schemas/problem";
import type { EditorSite, SitePatch, SiteTranslation, SiteTranslations } from "../schemas/site";

type Words = Pick<EditorSite, "name" | "clocks" | "contacts">;

/** A translation holding only what differs from `base`: the rest falls back to it. */
function translationOf(words: Words, base: Words): SiteTranslation {
  const differs = <T>(value: T, from: T) => (value === from ? undefined : value);
  const fields = words.contacts.fields?.map((field, at) => {
    const label = differs(field.label, base.contacts.fields?.[at]?.label);
    const value = differs(field.value, base.contacts.fields?.[at]?.value);
    return label === undefined && value === undefined ? null : { label, value };
  });
  return {
    name: differs(words.name, base.name),
    clocks: words.clocks.map((clock, at) => differs(clock.label, base.clocks[at]?.label) ?? null),
    contacts: {
      phone: differs(words.contacts.phone, base.contacts.phone),
      email: differs(words.contacts.email, base.contacts.email),
      address: differs(words.contacts.address, base.contacts.address),
      fields,
    },
  };
}

/**
 * The stored site seen from another default language: that language's words
 * (each falling back as readers get it) become the site's own, and the old
 * default's words become its translation.
 */
function reframed(current: EditorSite, lang: string): Words & { translations: SiteTranslations } {
  const before = defaultLanguage(current);
  const { name, clocks, contacts } = siteIn({ ...current, emblem: null }, lang);
  const base = { name, clocks, contacts };
  const { [lang]: _promoted, ...others } = current.translations;
  return { ...base, translations: { ...others, [before]: translationOf(current, base) } };
}

/** A stored translation cut to the lists it translates, which may have just grown shorter. */
function fitted(words: SiteTranslation, site: Words): SiteTranslation {
  const fields = site.contacts.fields?.length ?? 0;
  return {
    ...words,
    ...(words.clocks && { clocks: words.clocks.slice(0, site.clocks.length) }),
    ...(words.contacts && {
      contacts: {
        ...words.contacts,
        ...(words.contacts.fields && { fields: words.contacts.fields.slice(0, fields) }),
      },
    }),
  };
}

/** Why each translation in the patch does not fit the site it would be saved with. */
function refusals(translations: SiteTranslations, languages: string[], site: Words): InvalidParam[] {
  return Object.entries(translations).flatMap(([lang, words]): InvalidParam[] => {
    const name = `translations.${lang}`;
    if (!languages.includes(lang)) return [{ name, reason: "is not one of the site's languages" }];
    if (lang === languages[0]) {
      return [{ name, reason: "is the default language, whose words are the site's own settings" }];
    }
    const clocks = site.clocks.length;
    const fields = site.contacts.fields?.length ?? 0;
    return [
      ...((words.clocks?.length ?? 0) > clocks
        ? [{ name: `${name}.clocks`, reason: `must hold at most ${clocks} labels, one per clock` }]
        : []),
      ...((words.contacts?.fields?.length ?? 0) > fields
        ? [
            {
              name: `${name}.contacts.fields`,
              reason: `must hold at most ${fields} fields, one per contact field`,
            },
          ]
        : []),
    ];
  });
}

/**
 * The patch as it is written, its languages settled against the stored site:
 * translations only for the site's other languages, no longer than the lists
 * they translate; a language removed takes its words with it; a new default
 * language brings its words forward (the old default's become a translation),
 * after which the patch's own words apply.
 */
export function settleLanguages(current: EditorSite, patch: SitePatch): SitePatch {
  const languages = patch.languages ?? current.languages;
  if (!patch.languages && !patch.translations && !patch.clocks && !patch.contacts) return patch;
  const stored = languages[0] === defaultLanguage(current) ? current : reframed(current, languages[0]);
  const site: Words = {
    name: patch.name ?? stored.name,
    clocks: patch.clocks ?? stored.clocks,
    contacts: patch.contacts ?? stored.contacts,
  };
  if (patch.translations) {
    const refused = refusals(patch.translations, languages, site);
    if (refused.length > 0) throw invalidParams(refused, 422);
  }
  const kept = Object.entries(patch.translations ?? stored.translations).filter(
    ([lang]) => lang !== languages[0] && languages.includes(lang),
  );
  return {
    ...patch,
    ...site,
    translations: Object.fromEntries(kept.map(([lang, words]) => [lang, fitted(words, site)])),
  };
}
