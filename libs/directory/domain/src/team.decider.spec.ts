import { deciderSpec } from '@rapport/platform-testing';
import { ALWAYS_OPEN, type WeeklyHours } from '@rapport/platform-eventsourcing';
import { calendarOf, teamDecider, type TeamDefinition, type TeamEvent } from './team.decider';

const T0 = new Date('2026-01-05T09:00:00.000Z');
const meta = { actor: { id: 'admin-root', roles: ['admin'] }, now: T0 };
const day = [{ from: '09:00', to: '17:00' }];
const hours: WeeklyHours = { sun: [], mon: day, tue: day, wed: day, thu: day, fri: day, sat: [] };
const east: TeamDefinition = { teamId: 'east', name: 'East', timeZone: 'Europe/Berlin', hours, holidays: ['2026-12-25', '2026-04-03', '2026-04-03'] };
const defined: TeamEvent = { type: 'directory.team-defined.v1', data: { ...east, holidays: ['2026-04-03', '2026-12-25'], by: 'admin-root', at: T0.toISOString() } };

describe('team decider (D1)', () => {
  const spec = deciderSpec(teamDecider);

  it('D1: a team has business hours, a time zone and holidays (sorted, without repeats)', () => {
    spec.given([]).when({ ...meta, type: 'define-team', team: east }).then([defined]);
  });

  it('D1: redefining a team records the change; the same definition changes nothing', () => {
    spec.given([defined]).when({ ...meta, type: 'define-team', team: east }).then([]);
    spec
      .given([defined])
      .when({ ...meta, type: 'define-team', team: { ...east, timeZone: 'Europe/Lisbon' } })
      .then([{ type: 'directory.team-changed.v1', data: { ...defined.data, timeZone: 'Europe/Lisbon' } }]);
  });

  it('D1: an unknown time zone or impossible hours are refused with the problems listed', () => {
    spec.given([]).when({ ...meta, type: 'define-team', team: { ...east, timeZone: 'Europe/Atlantis' } }).thenThrows({ rule: 'D1', code: 'invalid-calendar' });
    spec.given([]).when({ ...meta, type: 'define-team', team: { ...east, hours: { ...hours, mon: [{ from: '18:00', to: '08:00' }] } } }).thenThrows({ rule: 'D1', code: 'invalid-calendar' });
  });

  it('D1: SLA clocks run on the team calendar, or around the clock without a team', () => {
    spec.given([]).when({ ...meta, type: 'define-team', team: east }).thenState((s) => expect(calendarOf(s)).toEqual({ timeZone: 'Europe/Berlin', hours, holidays: ['2026-04-03', '2026-12-25'] }));
    expect(calendarOf(undefined)).toBe(ALWAYS_OPEN);
    expect(calendarOf({ status: 'undefined' })).toBe(ALWAYS_OPEN);
  });
});
