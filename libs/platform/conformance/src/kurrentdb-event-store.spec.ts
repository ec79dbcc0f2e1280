import { KurrentDbEventStore } from '@rapport/platform-kurrentdb';
import { eventStoreConformance, KURRENTDB_SKIPPED, kurrentdbUrl } from '@rapport/platform-testing';
import { randomBytes } from 'node:crypto';

// KurrentDB cannot be installed on machines without Docker: the suite runs only where KURRENTDB_URL names
// a server (≥ 25.1, e.g. kurrentdb://127.0.0.1:2113?tls=false from compose or a CI service).
const url = kurrentdbUrl();

if (url) {
  eventStoreConformance('KurrentDB', () => {
    // A fresh stream namespace per test: KurrentDB has no cheap "drop everything".
    const namespace = `t${randomBytes(5).toString('hex')}-`;
    const open = (pollIntervalMs = 50): KurrentDbEventStore => KurrentDbEventStore.open(url, { namespace, pollIntervalMs, resubscribeDelayMs: 100 });
    let current: KurrentDbEventStore | undefined;
    return {
      open: async () => (current = open()),
      reopen: async () => {
        await current?.close();
        return (current = open());
      },
      openConcurrent: async () => open(),
      // Only the live $all subscription can wake it.
      openWithoutPolling: async () => open(600_000),
      // Positions are $all commit positions: increasing, never skipped, not dense.
      densePositions: false,
      cleanup: async () => undefined,
    };
  });
} else {
  console.log(KURRENTDB_SKIPPED);
  describe.skip(`EventStore conformance: ${KURRENTDB_SKIPPED}`, () => {
    it('runs against a real KurrentDB only', () => undefined);
  });
}
