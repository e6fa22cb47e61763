import { COUNTRY_CODES } from '@sellout/core/orders/countries';

export type CountryOption = { code: string; name: string };

const displayNames = (locale?: string) => {
  try {
    return new Intl.DisplayNames(locale, { type: 'region', fallback: 'code' });
  } catch {
    return null;
  }
};

/** Every country the API accepts, named in the shopper's language and sorted by that name. */
export const countryOptions = (locale?: string): CountryOption[] => {
  const names = displayNames(locale);
  const collator = new Intl.Collator(locale);
  return COUNTRY_CODES.map((code) => ({ code, name: names?.of(code) ?? code })).sort((a, b) =>
    collator.compare(a.name, b.name),
  );
};

export const countryName = (code: string, locale?: string) =>
  displayNames(locale)?.of(code) ?? code;

/** A sensible default from the browser's language ("en-GB" → GB), when it is a country we ship to. */
export const guessCountry = (languages: readonly string[]): string => {
  for (const language of languages) {
    const region = language.split('-')[1]?.toUpperCase();
    if (region && (COUNTRY_CODES as readonly string[]).includes(region)) return region;
  }
  return '';
};
