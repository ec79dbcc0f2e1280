import { normalizePhone } from '@rapport/customers-domain';
import { phoneOf, REGIONS } from './demo-data';

describe('demo data', () => {
  it('C1: every demo phone is valid in its own region, and unique, for a thousand customers', () => {
    const seen = new Set<string>();
    for (let index = 0; index < 1_000; index++) {
      for (const region of new Set(REGIONS)) {
        const phone = normalizePhone(phoneOf(index, region), region);
        expect({ index, region, phone }).toEqual({ index, region, phone: expect.stringMatching(/^\+\d{8,15}$/) });
        expect(seen.has(phone!)).toBe(false);
        seen.add(phone!);
      }
    }
  });
});
