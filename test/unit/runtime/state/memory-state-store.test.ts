import { describe, expect, it } from 'vitest';
import { MemoryStateStore } from '../../../../src/runtime/state/memory-state-store.js';

function storeWithClock() {
  let now = 1_000_000;
  const store = new MemoryStateStore(() => now);
  return { store, advance: (ms: number) => (now += ms) };
}

describe('MemoryStateStore', () => {
  it('grants a claim to the first caller only while it lives', async () => {
    const { store } = storeWithClock();
    expect(await store.claim('dedupe:e1', 60)).toBe(true);
    expect(await store.claim('dedupe:e1', 60)).toBe(false);
  });

  it('grants the claim again once its time to live has passed', async () => {
    const { store, advance } = storeWithClock();
    await store.claim('dedupe:e1', 60);
    advance(60_000);
    expect(await store.claim('dedupe:e1', 60)).toBe(true);
  });

  it('forgets a stored value after its time to live', async () => {
    const { store, advance } = storeWithClock();
    await store.put('mute:c1', 'x', 10);
    expect(await store.get('mute:c1')).toBe('x');
    advance(10_001);
    expect(await store.get('mute:c1')).toBeUndefined();
  });

  it('deletes a value on request', async () => {
    const { store } = storeWithClock();
    await store.put('mute:c1', 'x', 10);
    await store.delete('mute:c1');
    expect(await store.get('mute:c1')).toBeUndefined();
  });

  it('counts increments per key', async () => {
    const { store } = storeWithClock();
    await store.increment('feedback:https:solved');
    expect(await store.increment('feedback:https:solved', 2)).toBe(3);
    expect(await store.increment('feedback:https:not-it')).toBe(1);
  });
});
