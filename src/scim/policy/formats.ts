import { AppError } from '../../errors/app-error.ts';
import type { ResourceDoc } from '../resource.ts';
import { ISO_639_1 } from './code-lists/iso-639-1.ts';
import { ISO_3166_1_ALPHA_2 } from './code-lists/iso-3166-1.ts';
import type { Formats } from './policy.ts';
import { valuesOf } from './values-of.ts';

/**
 * RFC 5646 §2.1 `langtag` and `privateuse`, well-formed, with the primary language an ISO 639 code
 * (the 4- and 5–8-letter forms are reserved and never assigned; the grandfathered tags are not
 * accepted). Subtags are case-insensitive.
 */
const BCP_47 = new RegExp(
  '^(?:' +
    '([a-z]{2,3})(?:-[a-z]{3}){0,3}' + // language, extlang
    '(?:-[a-z]{4})?' + // script
    '(?:-(?:[a-z]{2}|[0-9]{3}))?' + // region
    '(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*' + // variants
    '(?:-[0-9a-wy-z](?:-[a-z0-9]{2,8})+)*' + // extensions
    '(?:-x(?:-[a-z0-9]{1,8})+)?' + // private use
    '|x(?:-[a-z0-9]{1,8})+)$',
  'i',
);

function isLanguageTag(value: string): boolean {
  const language = BCP_47.exec(value)?.[1]?.toLowerCase();
  // A two-letter language must be ISO 639-1's; three-letter ones (ISO 639-2/3) are taken as given.
  return BCP_47.test(value) && (language === undefined || language.length === 3 || ISO_639_1.has(language));
}

const LANGUAGE: Record<Exclude<Formats['preferredLanguage'], 'any'>, [(v: string) => boolean, string]> = {
  'iso639-1': [(v) => ISO_639_1.has(v.toLowerCase()), 'an ISO 639-1 language code such as "en"'],
  bcp47: [isLanguageTag, 'a BCP 47 language tag such as "en-US"'],
};

/**
 * Checks `preferredLanguage` and `addresses.country` against the policy's formats. Only values the
 * write brings are checked: a value already stored (say, before the policy changed) is left alone.
 * Values are stored as sent: "DE" and "de" both pass and stay as they are.
 */
export function checkFormats(formats: Formats, doc: ResourceDoc, current: ResourceDoc | undefined): void {
  const language = doc.preferredLanguage;
  if (
    formats.preferredLanguage !== 'any' &&
    typeof language === 'string' &&
    language !== current?.preferredLanguage
  ) {
    const [valid, expected] = LANGUAGE[formats.preferredLanguage];
    if (!valid(language)) throw mustBe('preferredLanguage', expected, language);
  }
  if (formats.country === 'iso3166-1-alpha-2') {
    const stored = new Set(valuesOf(current, 'addresses', 'country'));
    for (const country of valuesOf(doc, 'addresses', 'country')) {
      if (!stored.has(country) && !ISO_3166_1_ALPHA_2.has(country.toUpperCase())) {
        throw mustBe('addresses.country', 'an ISO 3166-1 alpha-2 country code such as "DE"', country);
      }
    }
  }
}

function mustBe(name: string, expected: string, value: string): AppError {
  return new AppError(
    'invalidValue',
    `Attribute "${name}" must be ${expected}, not ${JSON.stringify(value)}.`,
  );
}
