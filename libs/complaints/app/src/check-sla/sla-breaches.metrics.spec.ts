import { COMPLAINTS_TIMERS_TOPIC, COMPLAINTS_TOPIC, ComplaintEventTypes, SlaDueType, type SlaDueV1 } from '@rapport/complaints-contracts';
import { SCHEDULER_SOURCE } from '@rapport/scheduler-contracts';
import { until } from '@rapport/platform-testing';
import { startComplaintsTestApp, type ComplaintsTestApp } from '../testing/complaints-test-app';

const HOUR = 3_600_000;

describe('K3: SLA breaches in /metrics (rapport_complaints_sla_breaches_total)', () => {
  let t: ComplaintsTestApp;
  beforeAll(async () => {
    t = await startComplaintsTestApp();
  });
  afterAll(() => t?.close());

  const breaches = async (): Promise<string[]> =>
    ((await t.http().get('/metrics').expect(200)).text as string).split('\n').filter((line) => line.startsWith('rapport_complaints_sla_breaches_total{'));

  it('K3: a clock that ran out is counted once, by clock and severity, however often its timer is delivered', async () => {
    const ana = t.as('rep-ana', 'rep');
    const received = await t
      .http()
      .post('/api/v1/complaints')
      .set('authorization', ana)
      .send({ customerId: 'cust-sla', channel: 'phone', category: 'delivery', severity: 'critical', description: 'the parcel arrived broken' })
      .expect(201);
    const { complaintId, acknowledgeBy } = received.body as { complaintId: string; acknowledgeBy: string };
    expect(await breaches()).toEqual([]);

    t.clock.advance(2 * HOUR); // critical: acknowledged within one hour, and nobody did
    const due = (n: number) => ({
      topic: COMPLAINTS_TIMERS_TOPIC,
      key: complaintId,
      event: {
        specversion: '1.0' as const,
        id: `sla-due-${complaintId}-${n}`,
        source: SCHEDULER_SOURCE,
        type: SlaDueType,
        time: t.clock.now().toISOString(),
        datacontenttype: 'application/json' as const,
        data: { complaintId, clock: 'acknowledge', dueAt: acknowledgeBy } satisfies SlaDueV1,
      },
    });
    // The scheduler's delivery, the same delivery again (at least once), and a second delivery of the same due time.
    await t.publish([due(1), due(1), due(2)]);
    await until(async () => (await t.published(COMPLAINTS_TOPIC)).some((m) => m.event.type === ComplaintEventTypes.slaBreached && m.event.subject === complaintId), 10_000, 'the breach published');
    await until(async () => (await t.bus.consumerLag()).filter((l) => l.topic === COMPLAINTS_TIMERS_TOPIC).every((l) => l.lag === 0), 10_000, 'every delivery handled');

    expect(await breaches()).toEqual(['rapport_complaints_sla_breaches_total{clock="acknowledge",severity="critical"} 1']);
    const metrics = (await t.http().get('/metrics').expect(200)).text as string;
    // The first delivery breached; its copy was answered from the store; the second found the breach recorded.
    expect(metrics).toContain('rapport_commands_total{service="complaints",command="check-sla",outcome="accepted"} 1');
    expect(metrics).toContain('rapport_commands_total{service="complaints",command="check-sla",outcome="duplicate"} 1');
    expect(metrics).toContain('rapport_commands_total{service="complaints",command="check-sla",outcome="unchanged"} 1');
  });
});
