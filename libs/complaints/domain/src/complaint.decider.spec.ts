import { deciderSpec } from '@rapport/platform-testing';
import { ALWAYS_OPEN, type BusinessCalendar } from '@rapport/platform-eventsourcing';
import type { ComplaintCommand, ComplaintCommandBody } from './complaint.commands';
import { complaintDecider } from './complaint.decider';
import type { ComplaintEvent } from './complaint.events';
import type { Standing } from './complaint.vocabulary';

const spec = deciderSpec(complaintDecider);
const HOUR = 3_600_000;
const T0 = '2026-03-02T08:00:00.000Z'; // Monday
const at = (hours: number): Date => new Date(Date.parse(T0) + hours * HOUR);
const active: Standing = { known: true, active: true, teamId: 'team-care', managerId: 'manager-max' };
const ana = { id: 'rep-ana', roles: ['rep'] };
const ben = { id: 'rep-ben', roles: ['rep'] };
const max = { id: 'manager-max', roles: ['manager'] };
const helpdesk = { id: 'helpdesk', roles: ['integrator'] };

type Actor = { id: string; roles: string[] };
const cmd = (body: ComplaintCommandBody, hours = 1, actor: Actor = ana): ComplaintCommand => ({ ...body, actor, now: at(hours), ownersManagerId: 'manager-max' }) as ComplaintCommand;

const receive = (overrides: Partial<Extract<ComplaintCommandBody, { type: 'receive-complaint' }>> = {}, calendar: BusinessCalendar = ALWAYS_OPEN): ComplaintCommand =>
  cmd(
    {
      type: 'receive-complaint',
      complaintId: 'k-1',
      reference: 'K-2026-000123',
      customerId: 'c-1',
      channel: 'phone',
      category: 'delivery',
      severity: 'high',
      description: 'the parcel arrived broken',
      remedySought: 'a replacement',
      source: 'rep',
      receivedBy: 'rep-ana',
      receiver: active,
      calendar,
      ...overrides,
    },
    0,
  );

/** Folds the history by running each command in turn (the events each produced become the next given). */
function history(...commands: ComplaintCommand[]): ComplaintEvent[] {
  const events: ComplaintEvent[] = [];
  for (const c of commands) {
    const state = events.reduce(complaintDecider.evolve, complaintDecider.initialState());
    events.push(...complaintDecider.decide(c, state));
  }
  return events;
}

const received = history(receive());
const acknowledged = history(receive(), cmd({ type: 'acknowledge-complaint', message: 'sorry, we are on it' }));
const proposed = history(receive(), cmd({ type: 'acknowledge-complaint', message: 'sorry' }), cmd({ type: 'propose-resolution', resolution: 'a new one ships today' }, 2));
const types = (events: readonly ComplaintEvent[]): string[] => events.map((e) => e.type);
/** The history plus what one more command decides on it. */
const and = (events: readonly ComplaintEvent[], c: ComplaintCommand): ComplaintEvent[] => [...events, ...complaintDecider.decide(c, events.reduce(complaintDecider.evolve, complaintDecider.initialState()))];

describe('complaint decider (K1–K6)', () => {
  it('K1: a complaint is received with channel, category, severity, description, remedy and a reference the customer can quote', () => {
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({
      type: 'complaints.complaint-received.v1',
      data: { reference: 'K-2026-000123', channel: 'phone', category: 'delivery', severity: 'high', receivedBy: 'rep-ana', remedySought: 'a replacement' },
    });
  });

  it('K1: a reference that does not look like K-2026-000123 is refused; an empty description too', () => {
    spec.given([]).when(receive({ reference: '123' })).thenThrows({ rule: 'K1', code: 'invalid-reference' });
    spec.given([]).when(receive({ description: '   ' })).thenThrows({ rule: 'K1', code: 'description-required' });
  });

  it('D1: the first receiver must be an active person of the directory', () => {
    spec.given([]).when(receive({ receiver: { ...active, active: false } })).thenThrows({ rule: 'D1', code: 'receiver-not-active' });
  });

  it('K3: every deadline is shown, not only the nearest: high severity is 4 h to acknowledge, 48 h to resolve (policy version recorded)', () => {
    expect(received[0]!.data).toMatchObject({
      sla: { policyVersion: 'complaints-2026.1', acknowledgeMs: 4 * HOUR, resolveMs: 48 * HOUR },
      deadlines: { acknowledgeBy: at(4).toISOString(), resolveBy: at(48).toISOString() },
    });
  });

  it('K2: the first receiver owns it; another rep cannot work on it', () => {
    spec.given(received).when(cmd({ type: 'acknowledge-complaint', message: 'mine now' }, 1, ben)).thenThrows({ rule: 'K2', code: 'not-the-owner' });
    spec.given(received).when(cmd({ type: 'propose-resolution', resolution: 'x' }, 1, ben)).thenThrows({ rule: 'K2', code: 'not-the-owner' });
  });

  it('K2: a transfer without a reason is refused', () => {
    const transfer = cmd({ type: 'transfer-complaint', toOwnerId: 'rep-ben', toOwner: active, toCalendar: ALWAYS_OPEN, reason: '  ' });
    spec.given(received).when(transfer).thenThrows({ rule: 'K2', code: 'transfer-reason-required' });
  });

  it('K2: another rep cannot pull a complaint to himself; a transfer to someone not active is refused (D1)', () => {
    spec.given(received).when(cmd({ type: 'transfer-complaint', toOwnerId: 'rep-ben', toOwner: active, toCalendar: ALWAYS_OPEN, reason: 'grab' }, 1, ben)).thenThrows({ code: 'not-the-owner' });
    spec
      .given(received)
      .when(cmd({ type: 'transfer-complaint', toOwnerId: 'rep-gone', toOwner: { ...active, active: false }, toCalendar: ALWAYS_OPEN, reason: 'billing expert' }))
      .thenThrows({ rule: 'D1', code: 'transfer-target-not-active' });
  });

  it('K2: a transfer with a reason hands the work over; the first receiver stays accountable and still sees it to its end', () => {
    const transfer = cmd({ type: 'transfer-complaint', toOwnerId: 'rep-ben', toOwner: active, toCalendar: ALWAYS_OPEN, reason: 'billing expert' });
    spec
      .given(received)
      .when(transfer)
      .thenState((s) => expect(s).toMatchObject({ ownerId: 'rep-ben', accountableId: 'rep-ana' }));
    const transferred = history(receive(), transfer);
    expect(transferred[1]).toMatchObject({ type: 'complaints.complaint-transferred.v1', data: { fromOwnerId: 'rep-ana', toOwnerId: 'rep-ben', accountableId: 'rep-ana', reason: 'billing expert' } });
    // The accountable first receiver may still record the customer's word and take the work back.
    spec.given(transferred).when(cmd({ type: 'transfer-complaint', toOwnerId: 'rep-ana', toOwner: active, toCalendar: ALWAYS_OPEN, reason: 'back to me' }, 2)).then([
      expect.objectContaining({ type: 'complaints.complaint-transferred.v1' }) as ComplaintEvent,
    ]);
  });

  it('D2: the service itself moves the work of an owner who left (a system actor), still with a reason', () => {
    const system = { id: 'complaints', roles: ['system'] };
    spec.given(received).when(cmd({ type: 'transfer-complaint', toOwnerId: 'manager-max', toOwner: active, toCalendar: ALWAYS_OPEN, reason: 'D2: rep-ana left' }, 1, system)).thenState((s) => expect(s.ownerId).toBe('manager-max'));
    spec.given(received).when(cmd({ type: 'transfer-complaint', toOwnerId: 'manager-max', toOwner: active, toCalendar: ALWAYS_OPEN, reason: '' }, 1, system)).thenThrows({ rule: 'K2', code: 'transfer-reason-required' });
  });

  it('K5: no closing without the customer confirming a proposed resolution', () => {
    spec.given(acknowledged).when(cmd({ type: 'confirm-resolution', satisfaction: 5, comment: '' }, 2)).thenThrows({ rule: 'K5', code: 'no-resolution-proposed' });
    spec
      .given(proposed)
      .when(cmd({ type: 'confirm-resolution', satisfaction: 4, comment: 'fine' }, 3, helpdesk))
      .thenState((s) => expect(s).toMatchObject({ status: 'closed', closedAt: at(3).toISOString() }));
  });

  it('K5: a rejected resolution reopens the complaint with the same owner, and the resolve clock runs again', () => {
    const reopened = history(...[receive(), cmd({ type: 'acknowledge-complaint', message: 'sorry' }), cmd({ type: 'propose-resolution', resolution: 'x' }, 2), cmd({ type: 'reject-resolution', reason: 'still broken' }, 5)]);
    expect(reopened.slice(-2)).toEqual([
      { type: 'complaints.complaint-reopened.v1', data: { complaintId: 'k-1', customerId: 'c-1', ownerId: 'rep-ana', recordedBy: 'rep-ana', reason: 'still broken', at: at(5).toISOString() } },
      // 2 h of the 48 were consumed before the proposal: 46 h left from hour 5.
      { type: 'complaints.deadlines-changed.v1', data: { complaintId: 'k-1', customerId: 'c-1', deadlines: { acknowledgeBy: null, resolveBy: at(51).toISOString() }, at: at(5).toISOString() } },
    ]);
  });

  it('K5: once the customer confirmed, the complaint is closed to further work', () => {
    const closed = and(proposed, cmd({ type: 'confirm-resolution', satisfaction: null, comment: '' }, 3));
    spec.given(closed).when(cmd({ type: 'record-handling-step', note: 'more', replyToCustomer: false, workMinutes: 5 }, 4)).thenThrows({ rule: 'K5', code: 'complaint-closed' });
    spec.given(closed).when(cmd({ type: 'check-sla' }, 400)).then([]);
  });

  it('K3: a breach escalates to the owner\'s manager exactly once', () => {
    const check = cmd({ type: 'check-sla' }, 4, { id: 'scheduler', roles: ['system'] });
    const breach = complaintDecider.decide(check, received.reduce(complaintDecider.evolve, complaintDecider.initialState()));
    expect(types(breach)).toEqual(['complaints.sla-breached.v1', 'complaints.complaint-escalated.v1']);
    expect(breach[1]!.data).toMatchObject({ clock: 'acknowledge', ownerId: 'rep-ana', accountableId: 'rep-ana', managerId: 'manager-max' });
    // The same timer again (a redelivery, a restart), or a later look: nothing more.
    spec.given([...received, ...breach]).when(check).then([]);
    spec.given([...received, ...breach]).when(cmd({ type: 'check-sla' }, 6)).then([]);
  });

  it('K3: a timer that fires before the deadline (moved by a pause) changes nothing', () => {
    spec.given(received).when(cmd({ type: 'check-sla' }, 3.9)).then([]);
  });

  it('K3: an acknowledgement after the deadline is recorded late and the breach escalated at once', () => {
    spec.given(received).when(cmd({ type: 'acknowledge-complaint', message: 'sorry for the wait' }, 5)).thenState((s) => expect(s).toMatchObject({ breached: ['acknowledge'], escalated: ['acknowledge'] }));
    const late = complaintDecider.decide(cmd({ type: 'acknowledge-complaint', message: 'sorry' }, 5), received.reduce(complaintDecider.evolve, complaintDecider.initialState()));
    expect(late[0]!.data).toMatchObject({ withinSla: false });
  });

  it('K3: waiting on the customer pauses both clocks (deadlines withdrawn); her reply resumes them', () => {
    const waiting = history(receive(), cmd({ type: 'acknowledge-complaint', message: 'sorry' }), cmd({ type: 'await-customer', question: 'photo of the damage?' }, 10));
    expect(waiting.at(-1)).toMatchObject({ type: 'complaints.deadlines-changed.v1', data: { deadlines: { acknowledgeBy: null, resolveBy: null } } });
    // 100 hours later she replies: 38 of the 48 hours are left.
    spec
      .given(waiting)
      .when(cmd({ type: 'record-customer-reply', summary: 'photo sent' }, 110, helpdesk))
      .then([
        expect.objectContaining({ type: 'complaints.customer-replied.v1' }) as ComplaintEvent,
        { type: 'complaints.deadlines-changed.v1', data: { complaintId: 'k-1', customerId: 'c-1', deadlines: { acknowledgeBy: null, resolveBy: at(148).toISOString() }, at: at(110).toISOString() } },
      ]);
  });

  it('K3: a reopened complaint whose resolve time is spent breaches at once', () => {
    const late = history(receive(), cmd({ type: 'acknowledge-complaint', message: 'sorry' }), cmd({ type: 'propose-resolution', resolution: 'x' }, 48));
    const reopen = complaintDecider.decide(cmd({ type: 'reject-resolution', reason: 'no' }, 60), late.reduce(complaintDecider.evolve, complaintDecider.initialState()));
    expect(types(reopen)).toEqual(['complaints.complaint-reopened.v1', 'complaints.sla-breached.v1', 'complaints.complaint-escalated.v1', 'complaints.deadlines-changed.v1']);
    expect(reopen[1]!.data).toMatchObject({ clock: 'resolve' });
  });

  it('K3: metrics — first reply, next reply after each customer reply, requester wait, agent work time', () => {
    spec
      .given(received)
      .when(cmd({ type: 'acknowledge-complaint', message: 'sorry' }, 2))
      .thenState((s) => expect(s.metrics.firstReplyMs).toBe(2 * HOUR));
    const events = history(
      receive(),
      cmd({ type: 'acknowledge-complaint', message: 'sorry' }, 2),
      cmd({ type: 'record-handling-step', note: 'called the courier', replyToCustomer: false, workMinutes: 30 }, 3),
      cmd({ type: 'await-customer', question: 'photo?' }, 4),
      cmd({ type: 'record-customer-reply', summary: 'photo sent' }, 20, helpdesk),
      cmd({ type: 'record-handling-step', note: 'replacement ordered, told her', replyToCustomer: true, workMinutes: 15 }, 23),
      cmd({ type: 'propose-resolution', resolution: 'replacement' }, 30),
    );
    const s = events.reduce(complaintDecider.evolve, complaintDecider.initialState());
    expect(s.metrics).toEqual({
      firstReplyMs: 2 * HOUR,
      // 3 h after her reply (hour 20 → 23)
      nextReplyMs: [3 * HOUR],
      // 0–4 (4 h) and 20–30 (10 h); the 16 h waiting on her do not count
      requesterWaitMs: 14 * HOUR,
      agentWorkMinutes: 45,
    });
  });

  it('K4: root cause specific, systemic or customer-caused, with the responsible team', () => {
    spec
      .given(acknowledged)
      .when(cmd({ type: 'record-root-cause', kind: 'systemic', code: 'Courier-Late', detail: 'courier misses the slot', responsibleTeamId: 'team-logistics' }, 2))
      .then([
        {
          type: 'complaints.root-cause-recorded.v1',
          data: { complaintId: 'k-1', customerId: 'c-1', kind: 'systemic', code: 'courier-late', detail: 'courier misses the slot', responsibleTeamId: 'team-logistics', by: 'rep-ana', at: at(2).toISOString() },
        },
      ]);
  });

  it('K6: a concession above the threshold without a manager\'s approval is refused; with one it is granted, once', () => {
    const grant = (approvalId: string | null, amount = 250) => cmd({ type: 'grant-concession', concessionId: 'g-1', amount, description: 'refund', approvalId }, 3);
    spec.given(acknowledged).when(grant(null)).thenThrows({ rule: 'K6', code: 'concession-needs-approval' });
    spec.given(acknowledged).when(cmd({ type: 'approve-concession', approvalId: 'a-1', maxAmount: 300, reason: 'loyal' }, 2, ana)).thenThrows({ rule: 'K6', code: 'manager-approval-required' });
    const approved = and(acknowledged, cmd({ type: 'approve-concession', approvalId: 'a-1', maxAmount: 300, reason: 'loyal customer' }, 2, max));
    spec.given(approved).when(grant('a-1', 400)).thenThrows({ code: 'concession-needs-approval' });
    spec.given(approved).when(grant('a-1')).thenState((s) => expect(s.concessions).toEqual([{ concessionId: 'g-1', amount: 250 }]));
    const granted = and(approved, grant('a-1'));
    spec.given(granted).when({ ...grant('a-1', 50), concessionId: 'g-2' } as ComplaintCommand).thenThrows({ rule: 'K6', code: 'approval-not-usable' });
    spec.given(acknowledged).when(grant(null, 80)).thenState((s) => expect(s.concessions).toHaveLength(1));
  });

  it('K4/K6: when the customer caused it, even a small concession needs approval (not owed)', () => {
    const caused = history(receive(), cmd({ type: 'record-root-cause', kind: 'customer-caused', code: 'misuse', detail: 'dropped it', responsibleTeamId: null }, 1));
    spec.given(caused).when(cmd({ type: 'grant-concession', concessionId: 'g-1', amount: 10, description: 'goodwill', approvalId: null }, 2)).thenThrows({ rule: 'K6', code: 'concession-needs-approval' });
  });
});
