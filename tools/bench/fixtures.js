// Shared by the benchmarks: the envelope context, a realistic contact-logged payload, and the small helpers of
// the benchmarks that start servers (a free port, a pause, a percentile).
const { createServer } = require('node:net');
const context = {
  recordedAt: '2026-03-03T10:00:00.000Z',
  actor: { id: 'rep-ana', kind: 'user', roles: ['rep'] },
  via: 'api',
  correlationId: '0194b7a2-1c3e-7000-8000-000000000001',
  causationId: '0194b7a2-1c3e-7000-8000-000000000001',
};

/** A contact-logged event: ~330 bytes of JSON, or ~400 with the `extended` fields the Kafka bench uses. */
const contactPayload = (i, extended = false) => ({
  customerId: `0194b7a2-1c3e-7000-8000-${String(i % 1e12).padStart(12, '0')}`,
  channel: 'call',
  direction: 'outbound',
  outcome: 'interested',
  notes: extended
    ? 'Asked about the premium plan; wants a quote for 40 seats before the end of the quarter. Call back Tuesday after 10, ask for the CFO.'
    : 'Asked about the premium plan; wants a quote for 40 seats before the end of the quarter.',
  ...(extended ? { source: 'inbound-call' } : {}),
  nextStep: 'send quote',
  nextStepAt: '2026-03-10T09:00:00.000Z',
  loggedBy: 'rep-ana',
  ...(extended ? { repTeam: 'north-east-enterprise' } : {}),
});

/** A free loopback port chosen by the OS, for a server the benchmark starts next. */
const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The p-th percentile (nearest rank) of values, in any order. */
const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

module.exports = { context, contactPayload, freePort, sleep, percentile };
