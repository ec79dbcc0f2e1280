import { readModelConformance } from '@rapport/platform-testing';
import { SqliteReadModelStore } from './sqlite-read-model-store';

readModelConformance('SQLite', () => ({
  open: async () => SqliteReadModelStore.open(':memory:'),
  cleanup: async () => undefined,
}));
