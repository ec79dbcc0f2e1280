import { canonicalJson } from './canonical';

describe('canonicalJson (A4, A7: the bytes a digest is taken over)', () => {
  it('A4: sorts keys at every level, drops undefined members, and otherwise agrees with JSON.stringify', () => {
    const value = { b: [3, { z: 1, a: null, u: undefined }], a: 'é"\n', n: -0.5, t: true, d: new Date('2026-03-03T10:00:00Z') };
    expect(canonicalJson(value)).toBe('{"a":"é\\"\\n","b":[3,{"a":null,"z":1}],"d":"2026-03-03T10:00:00.000Z","n":-0.5,"t":true}');
    expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
    expect(canonicalJson({ x: 1, y: 2 })).toBe(canonicalJson({ y: 2, x: 1 }));
    expect(canonicalJson([undefined, NaN])).toBe('[null,null]');
  });
});
