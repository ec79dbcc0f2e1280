import { localDayBounds } from './business-calendar';

describe('a rep\'s day in the team\'s time zone', () => {
  it('S1: 01:30 in Shanghai on 3 March is still the 2nd in UTC, but the rep\'s "today" is the 3rd, from their midnight', () => {
    expect(localDayBounds(new Date('2026-03-02T17:30:00Z'), 'Asia/Shanghai')).toEqual({ start: '2026-03-02T16:00:00.000Z', end: '2026-03-03T16:00:00.000Z' });
  });

  it('S1: the day the clocks go forward in Berlin is 23 hours long, the day they go back 25', () => {
    expect(localDayBounds(new Date('2026-03-29T12:00:00Z'), 'Europe/Berlin')).toEqual({ start: '2026-03-28T23:00:00.000Z', end: '2026-03-29T22:00:00.000Z' });
    expect(localDayBounds(new Date('2026-10-25T12:00:00Z'), 'Europe/Berlin')).toEqual({ start: '2026-10-24T22:00:00.000Z', end: '2026-10-25T23:00:00.000Z' });
  });

  it('S1: without a zone, or with one the runtime does not know, days are UTC days', () => {
    expect(localDayBounds(new Date('2026-03-02T17:30:00Z'))).toEqual({ start: '2026-03-02T00:00:00.000Z', end: '2026-03-03T00:00:00.000Z' });
    expect(localDayBounds(new Date('2026-03-02T17:30:00Z'), 'Mars/Olympus')).toEqual({ start: '2026-03-02T00:00:00.000Z', end: '2026-03-03T00:00:00.000Z' });
  });
});
