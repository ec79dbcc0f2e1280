import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteKeyRepository } from './sqlite-key-repository';

const row = (subject: string, wrapped: string) => ({ subject, wrapped: Buffer.from(wrapped), createdAt: '2026-12-02T08:00:00.000Z', erasedAt: null });

describe('SqliteKeyRepository (group-committed key inserts)', () => {
  let dir: string;
  let keys: SqliteKeyRepository;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rapport-keys-'));
    keys = SqliteKeyRepository.open(join(dir, 'keys.sqlite'));
  });
  afterEach(async () => {
    await keys.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('A5: a key is in the file, seen by another connection, by the time insertIfAbsent answers', async () => {
    const inserted = await Promise.all([keys.insertIfAbsent(row('c-1', 'k1')), keys.insertIfAbsent(row('c-2', 'k2'))]);
    const other = new Database(join(dir, 'keys.sqlite'), { readonly: true });
    const stored = other.prepare('SELECT subject FROM data_keys ORDER BY subject').all() as { subject: string }[];
    other.close();
    expect(stored.map((r) => r.subject)).toEqual(['c-1', 'c-2']);
    expect(inserted.map((r) => r.wrapped?.toString())).toEqual(['k1', 'k2']);
  });

  it('A5: two keys asked for the same subject in one turn answer the one stored (the first)', async () => {
    const [first, second] = await Promise.all([keys.insertIfAbsent(row('c-1', 'first')), keys.insertIfAbsent(row('c-1', 'second'))]);
    expect(first.wrapped?.toString()).toBe('first');
    expect(second.wrapped?.toString()).toBe('first');
  });

  it('A5: a key asked for after the subject was erased is not made again: the erased row answers', async () => {
    await keys.markErased('c-1', '2026-12-02T09:00:00.000Z');
    const answered = await keys.insertIfAbsent(row('c-1', 'new key'));
    expect(answered).toMatchObject({ wrapped: null, erasedAt: '2026-12-02T09:00:00.000Z' });
  });

  it('A5: once markErased answers, the erased key is in neither the file nor its write-ahead log', async () => {
    const secret = 'wrapped-key-bytes-of-c-1-0123456789';
    await keys.insertIfAbsent(row('c-1', secret));
    await keys.insertIfAbsent(row('c-2', 'another key'));
    const bytes = (): Buffer => Buffer.concat(['keys.sqlite', 'keys.sqlite-wal'].map((f) => join(dir, f)).filter(existsSync).map((f) => readFileSync(f)));
    expect(bytes().includes(secret)).toBe(true); // the probe sees a stored key
    await keys.markErased('c-1', '2026-12-02T09:00:00.000Z');
    expect(bytes().includes(secret)).toBe(false);
    expect((await keys.get('c-2'))?.wrapped?.toString()).toBe('another key');
  });
});
