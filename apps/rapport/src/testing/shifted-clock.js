'use strict';
/**
 * Test only, loaded with `node --require` before a service starts: the process lives RAPPORT_TEST_CLOCK_SHIFT_MS
 * later than the wall clock. Separate processes cannot share a manual clock, so a whole-system test that needs
 * months to pass for one service (F4's 90 days between surveys) restarts that service on its same stores with its
 * clock moved on. Every time the product reads comes from `Date` (its SystemClock included); timers and
 * `performance.now()` are untouched, so timeouts still run in real time.
 */
const shift = Number(process.env.RAPPORT_TEST_CLOCK_SHIFT_MS || 0);
if (shift) {
  const RealDate = Date;
  const now = () => RealDate.now() + shift;
  // A proxy, not a subclass: `Date()` without `new` still works, and `instanceof Date` holds for every date.
  globalThis.Date = new Proxy(RealDate, {
    construct: (target, args, newTarget) => Reflect.construct(target, args.length === 0 ? [now()] : args, newTarget),
    apply: () => new RealDate(now()).toString(),
    get: (target, property) => (property === 'now' ? now : Reflect.get(target, property)),
  });
}
