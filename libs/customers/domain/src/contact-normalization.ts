import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { defaultCustomerPolicy } from './customer.policy';

/** C1: a region libphonenumber knows (ISO 3166 alpha-2, upper case), so a policy or a request cannot name a made-up one. */
export const isPhoneRegion = (region: string): region is CountryCode => /^[A-Z]{2}$/.test(region) && isSupportedCountry(region);

/**
 * C1: phones compare in E.164. A number in international format (`+86 138 0013 8000`) is read as written, in
 * any region; one without a country code is read in the customer's region: the registration's, else the policy's
 * default (`phone.defaultRegion`, CN unless configured). Beware: `(415) 555-0100` is a valid number in CN too.
 */
export function normalizePhone(raw: string, region: string = defaultCustomerPolicy.phone.defaultRegion): string | undefined {
  if (!isPhoneRegion(region)) return undefined;
  const parsed = parsePhoneNumberFromString(raw.trim(), region);
  return parsed?.isValid() ? parsed.number : undefined;
}

/** C1: emails compare trimmed and in lower case. */
export const normalizeEmail = (raw: string): string => raw.trim().toLowerCase();
