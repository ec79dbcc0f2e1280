import { createHash, randomBytes } from 'node:crypto';

/** Time is injected everywhere so tests can run years of cadence in milliseconds (S3). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests move by hand. */
export class ManualClock implements Clock {
  constructor(private current: Date = new Date('2026-01-01T00:00:00.000Z')) {}
  now(): Date {
    return new Date(this.current.getTime());
  }
  set(to: Date): void {
    this.current = new Date(to.getTime());
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export interface IdGenerator {
  next(): string;
}

/**
 * UUIDv7 (RFC 9562): time-ordered, so ids sort roughly by creation and index well.
 * The 12-bit `rand_a` field carries a per-millisecond counter so ids made in the same millisecond still sort.
 */
export function uuidv7(nowMs: number = Date.now()): string {
  if (nowMs === lastMs) {
    counter = (counter + 1) & 0xfff;
  } else {
    lastMs = nowMs;
    counter = 0;
  }
  const bytes = randomBytes(16);
  bytes.writeUIntBE(nowMs, 0, 6);
  bytes[6] = 0x70 | (counter >> 8);
  bytes[7] = counter & 0xff;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
let lastMs = -1;
let counter = 0;

export const uuidv7Generator: IdGenerator = { next: () => uuidv7() };

const RAPPORT_NAMESPACE = Buffer.from('6f1c1f3e9a6d4c1a8a8e2f0f5b1d7c42', 'hex');

/**
 * Name-based UUID (RFC 9562 version 5): the same name always gives the same id. Event ids are derived
 * from the command id this way, so a retried command produces the same event ids and the store can
 * recognise the retry; KurrentDB also requires event ids to be UUIDs.
 */
export function nameBasedUuid(name: string): string {
  const hash = createHash('sha1').update(RAPPORT_NAMESPACE).update(name).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
