import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/** C1: phones compare in E.164; a number without a country code is read in the default region. */
export function normalizePhone(raw: string, defaultRegion: CountryCode = 'US'): string | undefined {
  const parsed = parsePhoneNumberFromString(raw.trim(), defaultRegion);
  return parsed?.isValid() ? parsed.number : undefined;
}

/** C1: emails compare trimmed and in lower case. */
export const normalizeEmail = (raw: string): string => raw.trim().toLowerCase();
