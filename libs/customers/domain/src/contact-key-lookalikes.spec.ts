import { contactKeyOf, emailKeyOf } from './contact-key';

describe('email keys resist lookalikes (C1)', () => {
  it('C1: a Cyrillic "а" or "і" in a Latin address is the same key as the Latin address', () => {
    expect(contactKeyOf('email', 'mаria@example.com')).toBe(contactKeyOf('email', 'maria@example.com'));
    expect(emailKeyOf('mіa@exаmple.com')).toBe('mia@example.com');
  });

  it('C1: a zero-width space, a joiner or a BOM in an address does not make another key', () => {
    expect(emailKeyOf('mia\u200B@example.com')).toBe('mia@example.com');
    expect(emailKeyOf('m\u200Dia@exa\uFEFFmple.com')).toBe('mia@example.com');
  });

  it('C1: the domain is compared in IDNA form; compatibility forms fold (NFKC)', () => {
    expect(emailKeyOf('ivan@пример.рф')).toBe('ivan@xn--e1afmkfd.xn--p1ai');
    expect(emailKeyOf('ivan@xn--e1afmkfd.xn--p1ai')).toBe(emailKeyOf('ivan@ПРИМЕР.РФ'));
    expect(emailKeyOf('ｍｉａ@example.com')).toBe('mia@example.com');
  });

  it('C1: a wholly Cyrillic or Chinese address keeps its own letters; plain addresses are unchanged', () => {
    expect(emailKeyOf('иван@почта.рф')).toBe(`иван@${'xn--80a1acny.xn--p1ai'}`);
    expect(emailKeyOf('Mia.Wong@Example.COM')).toBe('mia.wong@example.com');
    expect(contactKeyOf('phone', '+8613800138000')).toBe('phone:+8613800138000');
  });
});
