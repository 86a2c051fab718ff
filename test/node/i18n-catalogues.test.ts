// Every language has every string of every widget, with English's placeholders, and a
// form for each plural category its language has. A missing key, a lost `{name}` or a
// count message without its "few" form fails here, not in front of a reader.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import test from 'node:test';
import en from '../../src/i18n/catalogues/en.ts';
import { BUTTON_ONLY_LANGUAGES, LANGUAGES, bcp47, type LanguageCode } from '../../src/i18n/languages.ts';

type Node = string | { readonly [key: string]: Node };
/** Count messages read out for a number the reader also sees (the like count): every form keeps `{n}`. */
const NUMBER_ON_SCREEN = new Set(['post.likes']);
const CATEGORIES = new Set(['zero', 'one', 'two', 'few', 'many', 'other']);

const isPlural = (v: Node): v is Record<string, string> => typeof v === 'object' && 'other' in v && Object.keys(v).every((k) => CATEGORIES.has(k));
const placeholders = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

async function load(code: string): Promise<Record<string, Node>> {
  return ((await import(`../../src/i18n/catalogues/${code}.ts`)) as { default: Record<string, Node> }).default;
}

/** Problems in `sections` of `catalogue` compared with English. */
function compare(code: LanguageCode, catalogue: Record<string, Node>, sections: string[]): string[] {
  const problems: string[] = [];
  const categories = new Intl.PluralRules(bcp47(code)).resolvedOptions().pluralCategories;
  const extra = Object.keys(catalogue).filter((s) => !sections.includes(s));
  if (extra.length > 0) problems.push(`unexpected sections ${extra.join(', ')}`);
  for (const section of sections) {
    const source = (en as unknown as Record<string, Record<string, Node>>)[section]!;
    const target = catalogue[section];
    if (typeof target !== 'object' || target === null) {
      problems.push(`missing section ${section}`);
      continue;
    }
    for (const key of Object.keys(target)) if (!(key in source)) problems.push(`${section}.${key} is not an English key`);
    for (const [key, sourceValue] of Object.entries(source)) {
      const id = `${section}.${key}`;
      const value = (target as Record<string, Node>)[key];
      if (value === undefined) {
        problems.push(`${id} missing`);
      } else if (typeof sourceValue === 'string') {
        if (typeof value !== 'string' || value.trim() === '') problems.push(`${id} is not a string`);
        else if (placeholders(value).join() !== placeholders(sourceValue).join()) problems.push(`${id} has {${placeholders(value).join('}{')}}, English {${placeholders(sourceValue).join('}{')}}`);
      } else if (isPlural(sourceValue)) {
        if (!isPlural(value)) {
          problems.push(`${id} is not a count message`);
          continue;
        }
        const forms = Object.keys(value).sort();
        if (forms.join() !== [...categories].sort().join()) problems.push(`${id} has forms ${forms.join(',')}, ${bcp47(code)} needs ${[...categories].sort().join(',')}`);
        const expected = placeholders(sourceValue.other!);
        for (const [form, text] of Object.entries(value)) {
          const got = placeholders(text);
          // "one", "two" and "zero" forms may spell the number out ("a reply") instead of {n}, except
          // where the number is on screen beside the label (its accessible name must contain it).
          const allowed = ['zero', 'one', 'two'].includes(form) && !NUMBER_ON_SCREEN.has(id) ? [expected.join(), expected.filter((p) => p !== 'n').join()] : [expected.join()];
          if (text.trim() === '' || !allowed.includes(got.join())) problems.push(`${id}.${form} has {${got.join('}{')}}, English {${expected.join('}{')}}`);
        }
      }
    }
  }
  return problems;
}

test('every catalogue file is a listed language, and every listed language has one', () => {
  const files = readdirSync(new URL('../../src/i18n/catalogues/', import.meta.url)).map((f) => f.replace(/\.ts$/, '')).sort();
  assert.deepEqual(files, [...LANGUAGES, ...BUTTON_ONLY_LANGUAGES].sort());
});

test('English count messages have "one" and "other" forms', () => {
  const problems = compare('en', en as unknown as Record<string, Node>, Object.keys(en));
  assert.deepEqual(problems, []);
});

for (const code of LANGUAGES.filter((c) => c !== 'en')) {
  test(`${code}: every string of every widget, with English's placeholders and its own plural forms`, async () => {
    assert.deepEqual(compare(code, await load(code), Object.keys(en)), []);
  });
}

for (const code of BUTTON_ONLY_LANGUAGES) {
  test(`${code}: every button string, with English's placeholders`, async () => {
    assert.deepEqual(compare(code, await load(code), ['button']), []);
  });
}

test('a catalogue that loses a placeholder or a plural form is caught', async () => {
  const de = structuredClone(await load('de')) as Record<string, Record<string, Node>>;
  de.button!.followName = 'folgen';
  de.post!.readReplies = { other: '{n} Antworten lesen' };
  delete de.video!.seek;
  assert.deepEqual(compare('de', de, Object.keys(en)).sort(), [
    'button.followName has {}, English {name}',
    'post.readReplies has forms other, de needs one,other',
    'video.seek missing',
  ]);
});
