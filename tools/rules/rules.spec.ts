// eslint-disable-next-line @typescript-eslint/no-require-imports
const { citedBy, definedRules } = require('./rules.js') as { citedBy: (title: string) => string[]; definedRules: (text: string) => string[] };

describe('the rulebook generator (tools/rules/rules.js)', () => {
  it('reads the rules a test title cites from before its first colon', () => {
    expect(citedBy('C1, C9: refusals and card edits stay internal')).toEqual(['C1', 'C9']);
    expect(citedBy('C1/C3: a registration is stored in PostgreSQL')).toEqual(['C1', 'C3']);
    expect(citedBy('D2: deactivating a rep makes all 50 of their customers reassignable')).toEqual(['D2']);
  });

  it('ignores rule-like words after the colon, titles without a rule, and ids that are not rules', () => {
    expect(citedBy('a refused merge: nothing is written (C2 later)')).toEqual([]);
    expect(citedBy('SEC-3: an 11 MB body is a 413')).toEqual([]);
    expect(citedBy('reads quoted fields with commas')).toEqual([]);
  });

  it('takes the rule ids from the headings of docs/rules.md, in order', () => {
    expect(definedRules('# Rules\n### C1 One record\ntext C2\n### C2 Merge\n## Feedback\n### F1 NPS\n')).toEqual(['C1', 'C2', 'F1']);
  });
});
