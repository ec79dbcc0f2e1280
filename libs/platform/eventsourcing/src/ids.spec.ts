import { nameBasedUuid, uuidv7 } from './ids';

describe('ids', () => {
  it('makes the same event id from the same command id, and a different one otherwise', () => {
    expect(nameBasedUuid('cmd-1/0')).toBe(nameBasedUuid('cmd-1/0'));
    expect(nameBasedUuid('cmd-1/0')).not.toBe(nameBasedUuid('cmd-1/1'));
    expect(nameBasedUuid('cmd-1/0')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('makes UUIDv7s that sort in creation order, also within one millisecond', () => {
    const ids = Array.from({ length: 50 }, () => uuidv7(1_760_000_000_000));
    expect([...ids].sort()).toEqual(ids);
    expect(ids[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
