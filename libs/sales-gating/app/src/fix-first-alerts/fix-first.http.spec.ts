import { CustomerEventTypes } from '@rapport/customers-contracts';
import { DIRECTORY_SOURCE, DIRECTORY_TOPIC, DirectoryEventTypes, type PersonV1 } from '@rapport/directory-contracts';
import { FeedbackEventTypes } from '@rapport/feedback-contracts';
import { until } from '@rapport/platform-testing';
import { SALES_GATING_TOPIC, SalesGatingEventTypes, type FixFirstAlertedV1, type GateChangedV1 } from '@rapport/sales-gating-contracts';
import { PEOPLE } from '../read-models/people.projection';
import { startSalesGatingTestApp, START, type SalesGatingTestApp } from '../testing/sales-gating-test-app';

describe('FIX_FIRST alerts the owner and the manager (G3)', () => {
  let t: SalesGatingTestApp;
  beforeAll(async () => {
    t = await startSalesGatingTestApp();
    const person: PersonV1 = { personId: 'rep-ana', displayName: 'Ana', roles: ['rep'], teamId: null, managerId: 'manager-max', active: true, changedAt: START.toISOString() };
    await t.bus.publish([
      { topic: DIRECTORY_TOPIC, key: 'rep-ana', event: { specversion: '1.0', id: 'person-1', source: DIRECTORY_SOURCE, type: DirectoryEventTypes.personRegistered, subject: 'rep-ana', time: START.toISOString(), datacontenttype: 'application/json', data: person } },
    ]);
    await until(async () => (await t.host.readModels.get(PEOPLE, 'rep-ana')) !== undefined, 30_000, "gating's copy of the directory");
  });
  afterAll(async () => t?.close());

  it('G3: a high-share customer answering as a detractor goes FIX_FIRST, and the alert names the owner, the manager and the reasons', async () => {
    await t.customers(CustomerEventTypes.registered, 'c-big', { customerId: 'c-big', ownerId: 'rep-ana', displayName: 'customer c-big', registeredAt: START.toISOString() });
    await t.customers(CustomerEventTypes.shareOfWalletChanged, 'c-big', {
      customerId: 'c-big', overall: { share: 0.8, ourSpend: 80, estimatedSpend: 100 }, byCategory: {}, windowMonths: 12, changedAt: START.toISOString(), policyVersion: 'c',
    });
    const answer = await t.feedback(FeedbackEventTypes.surveyAnswered, 'c-big', {
      surveyId: 's-1', customerId: 'c-big', score: 2, category: 'detractor', categories: ['service'], hasComment: false, definitionId: 'nps', definitionVersion: 1, answeredAt: START.toISOString(),
    });
    await t.gateOf('c-big', (d) => d.status === 'FIX_FIRST');
    let alerts: FixFirstAlertedV1[] = [];
    await until(async () => {
      alerts = (await t.published(SALES_GATING_TOPIC)).filter((m) => m.event.type === SalesGatingEventTypes.fixFirstAlerted).map((m) => m.event.data as FixFirstAlertedV1);
      return alerts.length === 1;
    }, 30_000, 'the alert');
    const change = (await t.published(SALES_GATING_TOPIC)).find((m) => m.event.type === SalesGatingEventTypes.gateChanged && (m.event.data as GateChangedV1).status === 'FIX_FIRST')!;
    expect(alerts[0]).toMatchObject({
      customerId: 'c-big',
      ownerId: 'rep-ana',
      managerId: 'manager-max',
      gateEventId: change.event.id,
      reasons: [{ rule: 'G1', eventIds: [answer] }, { rule: 'G3', code: 'low-nps-high-share' }],
    });
  });
});
