import { parseIntegrationEvent } from './cloud-events';
import { PoisonMessageError } from './message-bus';

const valid = {
  specversion: '1.0',
  id: 'e-1',
  source: '/rapport/customers',
  type: 'rapport.customers.customer-registered.v1',
  subject: 'c-1',
  time: '2026-03-03T10:00:00.000Z',
  datacontenttype: 'application/json',
  data: { customerId: 'c-1' },
  correlationid: 'corr-1',
};

describe('CloudEvents validation of incoming messages', () => {
  it('accepts a valid CloudEvents 1.0 event', () => {
    expect(parseIntegrationEvent(valid)).toMatchObject(valid);
  });

  it.each([
    ['not an object', 'hello', /not an object/],
    ['another spec version', { ...valid, specversion: '0.3' }, /unsupported specversion/],
    ['no id', { ...valid, id: undefined }, /required attribute "id" is missing/],
    ['no source', { ...valid, source: undefined }, /required attribute "source" is missing/],
    ['no type', { ...valid, type: '' }, /required attribute "type" is missing/],
    ['an invalid extension name', { ...valid, 'Bad-Name': 1 }, /invalid CloudEvent/],
  ])('refuses %s as a poison message with the reason', (_, candidate, reason) => {
    expect(() => parseIntegrationEvent(candidate)).toThrow(PoisonMessageError);
    expect(() => parseIntegrationEvent(candidate)).toThrow(reason);
  });
});
