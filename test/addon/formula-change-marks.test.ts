// How data changes reach the custom functions when executions overlap: each change trigger marks the change
// (document cache) and publishes under the document lock; one that finds the lock taken leaves its mark to
// the holder, which looks again after letting go (publishChanges).
import { publishChanges } from '../../src/addon/formula-facts-source';
import type { CachePort, LockPort } from '../../src/addon/ports';

const MARK = 'campaign-data|changed';

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
