// How data changes reach the custom functions when executions overlap: each change trigger marks the change
// (document cache) and publishes under the document lock; one that finds the lock taken leaves its mark to
// the holder, which looks again after letting go (publishChanges). A formula holding the lock cannot publish
// (it may not write the version cell): it says until when it may hold it, and the trigger waits that out.
import { publishChanges } from '../../src/addon/formula-facts-source';
import type { CachePort, LockPort } from '../../src/addon/ports';

const MARK = 'campaign-data|changed';
/** Until when (epoch ms, on the test's clock) a formula that builds the facts may hold the lock. */
const FORMULA_HOLD = 'campaign-data|formula-lock';

function cache(): CachePort & { store: Map<string, string> } {
  const store = new Map<string, string>();
  return {
    store,
    get: (key: string) => store.get(key) ?? null,
    getAll: (keys: string[]) => Object.fromEntries(keys.filter((k) => store.has(k)).map((k) => [k, store.get(k)!])),
    put: (key: string, value: string) => void store.set(key, value),
    putAll: (values: Record<string, string>) => Object.entries(values).forEach(([k, v]) => store.set(k, v)),
    remove: (key: string) => void store.delete(key),
  } as CachePort & { store: Map<string, string> };
}

/** A document lock another execution may hold (`heldElsewhere`); `onRelease` runs as this one lets go. */
function lock(options: { heldElsewhere?: () => boolean; onRelease?: () => void } = {}) {
  const state = { held: false, acquired: 0 };
  const port: LockPort = {
    tryLock: () => {
      if (state.held || options.heldElsewhere?.()) return false;
      state.held = true;
      state.acquired++;
      return true;
    },
    releaseLock: () => {
      state.held = false;
      options.onRelease?.();
    },
  } as LockPort;
  return { port, state };
}

const FAR = Number.MAX_SAFE_INTEGER;

test('a change marked during a rebuild is published by the same run, before it lets go', () => {
  const c = cache();
  const { port } = lock();
  let rebuilds = 0;
  // The first rebuild sees an edit arrive (its trigger marks it and finds the lock taken).
  const republish = () => {
    rebuilds++;
    if (rebuilds === 1) c.put(MARK, '1');
  };
  publishChanges(port, c, republish, true, FAR);
  expect(rebuilds).toBe(2);
  expect(c.store.has(MARK)).toBe(false);
});

test('a change marked after the holder\'s last look but before it lets go is published after the release', () => {
  const c = cache();
  // The edit's trigger marks while the lock is still held, just as the holder releases it.
  const { port, state } = lock({ onRelease: () => { if (state.acquired === 1) c.put(MARK, '1'); } });
  let rebuilds = 0;
  publishChanges(port, c, () => rebuilds++, true, FAR);
  expect([rebuilds, state.acquired]).toEqual([2, 2]);
  expect(c.store.has(MARK)).toBe(false);
});

test('a run that finds the lock taken publishes nothing and leaves its mark to the holder', () => {
  const c = cache();
  c.put(MARK, '1');
  const { port } = lock({ heldElsewhere: () => true });
  let rebuilds = 0;
  publishChanges(port, c, () => rebuilds++, true, FAR);
  expect(rebuilds).toBe(0);
  expect(c.store.get(MARK)).toBe('1');
  // The holder (a report run, say) lets go and looks: nothing known without looking, the mark says there is.
  const holder = lock();
  publishChanges(holder.port, c, () => rebuilds++, c.get(MARK) !== null, FAR);
  expect(rebuilds).toBe(1);
});

test('no rebuild starts after the deadline: the mark stays for the next run', () => {
  const c = cache();
  c.put(MARK, '1');
  const { port } = lock();
  let rebuilds = 0;
  publishChanges(port, c, () => rebuilds++, true, 100, () => 200);
  expect(rebuilds).toBe(0);
  expect(c.store.get(MARK)).toBe('1');
});

/**
 * A lock another execution holds until `until`, on a clock of the test's own: tryLock(ms) waits for it at most
 * ms, the clock moving on by the time waited. `waited(clock)` runs after each wait that fails.
 */
function heldLock(until: number, waited: (clock: number) => void = () => undefined) {
  const state = { clock: 0, waits: [] as number[] };
  const port = {
    tryLock: (ms: number) => {
      state.waits.push(ms);
      if (state.clock + ms >= until) {
        state.clock = Math.max(state.clock, until);
        return true;
      }
      state.clock += ms;
      waited(state.clock);
      return false;
    },
    releaseLock: () => undefined,
  } as LockPort;
  return { port, state, now: () => state.clock };
}

describe('a formula holding the lock', () => {
  test('is waited out: the change is published once it lets go', () => {
    const c = cache();
    c.put(MARK, '1');
    // The formula may run until 25 s; it lets go at 20 s. The short wait (1 s) fails, the rest of its 25 s does not.
    c.put(FORMULA_HOLD, '25000');
    const { port, state, now } = heldLock(20_000);
    let rebuilds = 0;
    publishChanges(port, c, () => rebuilds++, true, FAR, now);
    expect(rebuilds).toBe(1);
    expect(state.waits).toEqual([1_000, 24_000]);
    expect(state.clock).toBe(20_000);
    expect(c.store.has(MARK)).toBe(false);
  });

  test('and the formula that takes it next are waited out in turn', () => {
    const c = cache();
    c.put(MARK, '1');
    c.put(FORMULA_HOLD, '25000');
    // At 25 s another formula (started at 25 s) has the lock, until 40 s.
    const { port, state, now } = heldLock(40_000, (clock) => clock === 25_000 && c.put(FORMULA_HOLD, '55000'));
    let rebuilds = 0;
    publishChanges(port, c, () => rebuilds++, true, FAR, now);
    expect(rebuilds).toBe(1);
    expect(state.waits).toEqual([1_000, 24_000, 30_000]);
  });

  test('is waited out only until the deadline: the mark stays for the next run', () => {
    const c = cache();
    c.put(MARK, '1');
    c.put(FORMULA_HOLD, '30000');
    const { port, state, now } = heldLock(30_000);
    let rebuilds = 0;
    publishChanges(port, c, () => rebuilds++, true, 10_000, now);
    expect(rebuilds).toBe(0);
    expect(state.waits).toEqual([1_000, 9_000]);
    expect(c.store.get(MARK)).toBe('1');
  });
});

test('a holder no formula speaks for (a report run, another trigger) gets the short wait only: it publishes the mark itself', () => {
  const c = cache();
  c.put(MARK, '1');
  // A formula's hold that ended before the trigger came is no reason to wait either.
  c.put(FORMULA_HOLD, '500');
  const { port, state, now } = heldLock(120_000);
  let rebuilds = 0;
  publishChanges(port, c, () => rebuilds++, true, FAR, now);
  expect(rebuilds).toBe(0);
  expect(state.waits).toEqual([1_000]);
  expect(c.store.get(MARK)).toBe('1');
});
