import { KurrentDbEventStore } from '@rapport/platform-kurrentdb';
import { KURRENTDB_SKIPPED, kurrentdbUrl, processorConformance } from '@rapport/platform-testing';
import { randomBytes } from 'node:crypto';

// Runs only where KURRENTDB_URL names a server (see kurrentdb-event-store.spec.ts).
const url = kurrentdbUrl();

if (url) {
  processorConformance('KurrentDB', () => {
    const namespace = `p${randomBytes(5).toString('hex')}-`;
    const open = (): KurrentDbEventStore => KurrentDbEventStore.open(url, { namespace, pollIntervalMs: 50 });
    let current: KurrentDbEventStore | undefined;
    return {
      open: async () => (current = open()),
      reopen: async () => {
        await current?.close();
        return (current = open());
      },
      cleanup: async () => undefined,
    };
  });
} else {
  describe.skip(`Processor conformance: ${KURRENTDB_SKIPPED}`, () => {
    it('runs against a real KurrentDB only', () => undefined);
  });
}
