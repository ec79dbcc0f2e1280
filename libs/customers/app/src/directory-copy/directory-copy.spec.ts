import { SqliteReadModelStore } from '@rapport/platform-sqlite';
import { DirectoryConfigError, DirectoryCopy, loadDirectoryRequired } from './directory-copy';
import { DIRECTORY_PEOPLE, type DirectoryPerson } from './directory-copy.projection';

const ana: DirectoryPerson = { id: 'rep-ana', active: true, displayName: 'Ana', roles: ['rep'], teamId: null, managerId: null, deactivationReason: null, changedAt: '2026-01-05T09:00:00.000Z' };

describe('DIRECTORY_REQUIRED: customers alone, before any directory has published (D1)', () => {
  let store: SqliteReadModelStore;
  beforeEach(async () => {
    store = SqliteReadModelStore.open(':memory:');
    await store.ensureCollections([{ name: DIRECTORY_PEOPLE }]);
  });
  afterEach(() => store.close());

  it('D1: by default an empty copy refuses everyone (nobody is known to be a person)', async () => {
    const copy = new DirectoryCopy(store, loadDirectoryRequired({}));
    await expect(copy.requireActive('rep-ana', 'owner')).rejects.toMatchObject({ rule: 'D1', code: 'unknown-person' });
    expect(await copy.activeAmong(['rep-ana'])).toEqual([]);
  });

  it('D1: DIRECTORY_REQUIRED=false accepts anyone while the copy is empty, and follows the directory once it is not', async () => {
    const copy = new DirectoryCopy(store, loadDirectoryRequired({ DIRECTORY_REQUIRED: 'false' }));
    await expect(copy.requireActive('rep-ana', 'owner')).resolves.toBeUndefined();
    expect(await copy.activeAmong(['rep-ana', 'rep-ben'])).toEqual(['rep-ana', 'rep-ben']);
    await store.commit('test', [{ kind: 'put', collection: DIRECTORY_PEOPLE, doc: ana }, { kind: 'put', collection: DIRECTORY_PEOPLE, doc: { ...ana, id: 'rep-cy', active: false } }], { position: 1, version: 1 });
    await expect(copy.requireActive('rep-ben', 'owner')).rejects.toMatchObject({ rule: 'D1', code: 'unknown-person' });
    await expect(copy.requireActive('rep-cy', 'assignee')).rejects.toMatchObject({ rule: 'D1', code: 'inactive-person' });
    expect(await copy.activeAmong(['rep-cy', 'rep-ana', 'rep-ben'])).toEqual(['rep-ana']);
  });

  it('refuses a DIRECTORY_REQUIRED that is neither true nor false', () => {
    expect(loadDirectoryRequired({ DIRECTORY_REQUIRED: 'TRUE' })).toBe(true);
    expect(() => loadDirectoryRequired({ DIRECTORY_REQUIRED: 'maybe' })).toThrow(DirectoryConfigError);
  });
});
