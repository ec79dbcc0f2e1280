import { defaultCustomerPolicy } from './customer.policy';
import { isPhoneRegion, normalizeEmail, normalizePhone } from './contact-normalization';

describe('contact normalisation', () => {
  it('C1: phones written differently normalise to the same E.164 number, in the region they are read in', () => {
    expect(normalizePhone('(415) 555-0100', 'US')).toBe('+14155550100');
    expect(normalizePhone('+1 415 555 0100', 'US')).toBe('+14155550100');
    expect(normalizePhone('020 7946 0958', 'GB')).toBe('+442079460958');
  });

  it('C1: a mainland Chinese mobile written as the customer gives it registers under the default policy', () => {
    expect(defaultCustomerPolicy.phone.defaultRegion).toBe('CN');
    expect(normalizePhone('138 0013 8000')).toBe('+8613800138000');
    expect(normalizePhone('138-0013-8000')).toBe('+8613800138000');
  });

  it('C1: international format always works, whatever the region', () => {
    for (const region of ['CN', 'US', 'HK', 'TW', 'DE']) {
      expect(normalizePhone('+86 138 0013 8000', region)).toBe('+8613800138000');
      expect(normalizePhone('+1 415 555 0100', region)).toBe('+14155550100');
      expect(normalizePhone('+44 20 7946 0958', region)).toBe('+442079460958');
      expect(normalizePhone('+852 9123 4567', region)).toBe('+85291234567');
    }
  });

  it('C1: numbers without a country code are read in the region given (Hong Kong, Taiwan, Germany)', () => {
    expect(normalizePhone('9123 4567', 'HK')).toBe('+85291234567');
    expect(normalizePhone('0912 345 678', 'TW')).toBe('+886912345678');
    expect(normalizePhone('030 901820', 'DE')).toBe('+4930901820');
  });

  it('C1: an invalid phone, or a region nobody knows, does not normalise', () => {
    expect(normalizePhone('12')).toBeUndefined();
    expect(normalizePhone('9123 4567', 'XX')).toBeUndefined();
    expect(normalizePhone('9123 4567', 'hk')).toBeUndefined();
    expect(isPhoneRegion('HK')).toBe(true);
    expect(isPhoneRegion('ZZ')).toBe(false);
  });

  it('C1: emails compare trimmed and in lower case', () => {
    expect(normalizeEmail('  Mia.Wong@Example.COM ')).toBe('mia.wong@example.com');
  });
});
