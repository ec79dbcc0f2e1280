import { normalizeEmail, normalizePhone } from './contact-normalization';

describe('contact normalisation', () => {
  it('C1: phones written differently normalise to the same E.164 number', () => {
    expect(normalizePhone('(415) 555-0100')).toBe('+14155550100');
    expect(normalizePhone('+1 415 555 0100')).toBe('+14155550100');
    expect(normalizePhone('+44 20 7946 0958')).toBe('+442079460958');
    expect(normalizePhone('020 7946 0958', 'GB')).toBe('+442079460958');
  });

  it('C1: an invalid phone does not normalise', () => {
    expect(normalizePhone('12')).toBeUndefined();
  });

  it('C1: emails compare trimmed and in lower case', () => {
    expect(normalizeEmail('  Mia.Wong@Example.COM ')).toBe('mia.wong@example.com');
  });
});
