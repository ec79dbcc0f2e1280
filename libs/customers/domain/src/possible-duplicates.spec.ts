import { identityKeyOf } from './possible-duplicates';

describe('C1 possible duplicates', () => {
  it('C1: same name and company compare regardless of case, spacing, full-width forms and a trailing full stop', () => {
    const key = identityKeyOf('Wang Fang', 'Huaxin Trading Co.');
    expect(key).toBe('wang fang|huaxin trading co');
    expect(identityKeyOf('  WANG   fang ', 'huaxin trading co')).toBe(key);
    expect(identityKeyOf('Ｗａｎｇ Ｆａｎｇ', 'Huaxin Trading Co.')).toBe(key);
  });

  it('C1: a different name or company is another key; without a company there is nothing to compare', () => {
    expect(identityKeyOf('Wang Fang', 'Huaxin Logistics')).not.toBe(identityKeyOf('Wang Fang', 'Huaxin Trading'));
    expect(identityKeyOf('Wang Fan', 'Huaxin Trading')).not.toBe(identityKeyOf('Wang Fang', 'Huaxin Trading'));
    expect(identityKeyOf('Wang Fang', null)).toBeNull();
    expect(identityKeyOf('Wang Fang', ' . ')).toBeNull();
  });
});
