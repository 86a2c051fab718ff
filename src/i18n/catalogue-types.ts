/** The shape every language's catalogue shares with the English source (`catalogues/en.ts`). */
import type en from './catalogues/en.js';

/** A count message: one form per plural category the language has (`Intl.PluralRules`); `other` always. */
export type PluralForms = Partial<Record<'zero' | 'one' | 'two' | 'few' | 'many', string>> & { other: string };

type Localised<T> = {
  [K in keyof T]: T[K] extends string ? string : T[K] extends { other: string } ? PluralForms : Localised<T[K]>;
};

/** A language's strings for every widget, with the English catalogue's keys. */
export type Catalogue = Localised<typeof en>;

/** A section of the catalogue: one widget's (or the consent notice's) strings. */
export type Section = keyof Catalogue;

/** A language with strings for some sections only (the buttons' extra languages); the rest are English. */
export type PartialCatalogue = { [S in Section]?: Catalogue[S] };

/** `section.key` for every string. */
export type MessageKey = { [S in Section]: `${S}.${keyof Catalogue[S] & string}` }[Section];

/** The keys whose value is a count message. */
export type PluralKey = {
  [S in Section]: { [K in keyof Catalogue[S] & string]: (typeof en)[S][K] extends { other: string } ? `${S}.${K}` : never }[keyof Catalogue[S] & string];
}[Section];

/** The keys whose value is a plain string. */
export type TextKey = Exclude<MessageKey, PluralKey>;
