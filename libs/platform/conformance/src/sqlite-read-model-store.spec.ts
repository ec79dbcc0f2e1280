import { readModelConformance } from '@rapport/platform-testing';
import { SqliteReadModelStore } from '@rapport/platform-sqlite';

readModelConformance('SQLite', () => ({
  open: async () => SqliteReadModelStore.open(':memory:'),
  cleanup: async () => undefined,
}));
