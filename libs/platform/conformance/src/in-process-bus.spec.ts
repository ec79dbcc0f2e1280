import { InProcessBus } from '@rapport/platform-messaging';
import { messageBusConformance } from '@rapport/platform-testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

messageBusConformance('in-process (SQLite log)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-bus-'));
  const path = join(dir, 'bus.sqlite');
  return {
    open: async () => InProcessBus.open(path),
    reopen: async () => InProcessBus.open(path),
    readTopic: (bus, topic) => (bus as InProcessBus).read(topic),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
});
