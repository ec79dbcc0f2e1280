import type { FieldError } from './problem-details';
import { normalizeStrings, plainTextProblem } from './plain-text';

describe('plain text (SEC-4)', () => {
  it.each([
    ['NUL', 'Mia\u0000Wong'],
    ['an ANSI escape', '\u001b[31mMia'],
    ['a bidi override', 'Mia\u202Egnow'],
    ['a bidi isolate', '\u2066Mia\u2069'],
    ['a lone surrogate', 'Mia\uD800'],
    ['a C1 control', 'Mia\u0085'],
    ['only a zero-width space', '\u200B'],
    ['only zero-width characters and spaces', ' \u200B\u200D\uFEFF '],
  ])('SEC-4: refuses %s', (_, text) => {
    expect(plainTextProblem(text)).toEqual(expect.any(String));
  });

  it.each([['Mia Wong'], ['Zoë'], ['multi\nline\tnotes'], ['👩‍💻 engineer'], ['王小明'], ['Иван'], ['']])('SEC-4: accepts %j', (text) => {
    expect(plainTextProblem(text)).toBeUndefined();
  });

  it('SEC-4: normalises every string of a body to NFC in place and names each refused field', () => {
    const errors: FieldError[] = [];
    const body = { name: 'Zoe\u0301', rows: [{ name: 'ok' }, { name: 'bad\u0000' }], nested: { note: '\u202Ex' } };
    normalizeStrings(body, '', errors);
    expect(body.name).toBe('Zo\u00e9');
    expect(errors.map((e) => e.field)).toEqual(['rows.1.name', 'nested.note']);
  });
});
