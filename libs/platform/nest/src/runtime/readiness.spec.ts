import type { ProcessorLag } from '@rapport/platform-eventsourcing';
import { ReadinessRegistry } from './readiness';

const lagOf = (position: number, head: number, secondsBehind: number): ProcessorLag => ({
  position,
  head,
  eventsBehind: head - position,
  secondsBehind,
  caughtUp: position >= head,
});

describe('readiness: what /ready answers', () => {
  it('lists each processor with its position and how far behind it is, and is not ready while one lags', async () => {
    const registry = new ReadinessRegistry();
    let relay = lagOf(40, 42, 3.5);
    registry.registerProcessor('customers/relay', { lag: async () => relay });
    registry.registerProcessor('customers/referral-points', { lag: async () => lagOf(42, 42, 0) });
    registry.register({ name: 'customers/topic-consumer', isCaughtUp: async () => true });

    expect(await registry.report()).toEqual({
      ready: false,
      checks: { 'customers/relay': false, 'customers/referral-points': true, 'customers/topic-consumer': true },
      processors: [
        { name: 'customers/relay', position: 40, head: 42, eventsBehind: 2, secondsBehind: 3.5, caughtUp: false },
        { name: 'customers/referral-points', position: 42, head: 42, eventsBehind: 0, secondsBehind: 0, caughtUp: true },
      ],
    });

    relay = lagOf(42, 42, 0);
    expect(await registry.report()).toMatchObject({ ready: true, processors: [{ name: 'customers/relay', eventsBehind: 0, secondsBehind: 0 }, {}] });
  });

  it('a processor whose lag cannot be read (store unreachable) counts as not ready', async () => {
    const registry = new ReadinessRegistry();
    registry.registerProcessor('customers/relay', { lag: () => Promise.reject(new Error('connection refused')) });
    expect(await registry.report()).toEqual({ ready: false, checks: { 'customers/relay': false }, processors: [] });
  });
});
