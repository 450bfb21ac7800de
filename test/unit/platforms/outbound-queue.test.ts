import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  OutboundQueue,
  QueueStoppedError,
  type GiveUpReason,
} from '../../../src/platforms/outbound-queue.js';
import { createRecordingLogger } from '../../helpers/recording-logger.js';

/** Errors as a platform SDK would throw them, in the shape the test policy reads. */
const rateLimited = (seconds: number) => Object.assign(new Error('429'), { retryAfter: seconds });
const transient = () => Object.assign(new Error('503'), { transient: true });
const refused = () => new Error('channel_not_found');

function queue(
  options: { maxRetries?: number; maxRetryMs?: number; minTimeMs?: number; burst?: number } = {},
) {
  const givenUp: GiveUpReason[] = [];
  const outbound = new OutboundQueue({
    logger: createRecordingLogger(),
    retry: {
      retryAfterSeconds: (error) => (error as { retryAfter?: number }).retryAfter,
      isTransient: (error) => (error as { transient?: boolean }).transient === true,
    },
    minTimeMs: 1,
    onGivenUp: (reason) => givenUp.push(reason),
    ...options,
  });
  return { outbound, givenUp };
}

/** A call that fails with each of `failures` in turn, then answers `value`; logs each attempt. */
function scripted(log: string[], name: string, failures: Error[], value = name) {
  return async () => {
    log.push(name);
    const failure = failures.shift();
    if (failure) throw failure;
    return value;
  };
}

describe('the outbound queue', () => {
  it('GIVEN a send waiting out a 429 THEN a later send in the same channel goes after it', async () => {
    const { outbound } = queue();
    const log: string[] = [];
    const first = outbound.send('C1', scripted(log, 'first', [rateLimited(0.05)]));
    const second = outbound.send('C1', scripted(log, 'second', []));
    expect(await Promise.all([first, second])).toEqual(['first', 'second']);
    expect(log).toEqual(['first', 'first', 'second']);
  });

  it('GIVEN a refusal THEN does not retry it and counts it as refused', async () => {
    const { outbound, givenUp } = queue();
    const log: string[] = [];
    await expect(outbound.send('C1', scripted(log, 'post', [refused()]))).rejects.toThrow(
      'channel_not_found',
    );
    expect(log).toEqual(['post']);
    expect(givenUp).toEqual(['refused']);
  });

  it('GIVEN transient failures past the retries THEN gives up and counts it as failed', async () => {
    const { outbound, givenUp } = queue({ maxRetries: 2 });
    const log: string[] = [];
    const failures = [transient(), transient(), transient(), transient()];
    await expect(outbound.send('C1', scripted(log, 'post', failures))).rejects.toThrow('503');
    expect(log).toHaveLength(3);
    expect(givenUp).toEqual(['failed']);
  });

  it('GIVEN a Retry-After beyond the retry bound THEN gives up at once, counted as rate-limited', async () => {
    const { outbound, givenUp } = queue({ maxRetryMs: 1000 });
    const log: string[] = [];
    await expect(outbound.send('C1', scripted(log, 'post', [rateLimited(30)]))).rejects.toThrow(
      '429',
    );
    expect(log).toEqual(['post']);
    expect(givenUp).toEqual(['rate-limited']);
  });

  it('GIVEN close while a send waits out a long 429 THEN the wait ends, the send is given up once, and new sends are refused', async () => {
    // given
    const { outbound, givenUp } = queue();
    const log: string[] = [];
    const waiting = outbound.send('C1', scripted(log, 'post', [rateLimited(60)]));
    const settled = waiting.then(
      () => 'sent',
      (error: unknown) => error,
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    // when
    const dropped = await outbound.close(Date.now() + 100);
    // then
    expect(dropped).toBe(1);
    expect(await settled).toBeInstanceOf(QueueStoppedError);
    await expect(outbound.send('C1', async () => 'late')).rejects.toBeInstanceOf(QueueStoppedError);
    expect(givenUp).toEqual(['shutdown', 'shutdown']);
    expect(log).toEqual(['post']);
  });

  it('GIVEN close with sends that finish before the deadline THEN delivers them and gives nothing up', async () => {
    const { outbound, givenUp } = queue();
    const log: string[] = [];
    const sent = outbound.send('C1', scripted(log, 'post', [rateLimited(0.05)]));
    expect(await outbound.close(Date.now() + 2000)).toBe(0);
    expect(await sent).toBe('post');
    expect(givenUp).toEqual([]);
  });
});

/** Pacing, on a fake clock: what starts when is counted, never timed. */
describe('the outbound queue’s pacing', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** A call that records its start and answers at once. */
  const starting = (log: string[], name: string) => async () => {
    log.push(name);
    return name;
  };

  it('GIVEN more sends in one channel than its burst THEN the burst goes at once, then one per interval, in order', async () => {
    const { outbound } = queue({ minTimeMs: 1000, burst: 3 });
    const log: string[] = [];
    const sends = ['a', 'b', 'c', 'd', 'e'].map((name) => outbound.send('C1', starting(log, name)));
    await vi.advanceTimersByTimeAsync(0);
    expect(log).toEqual(['a', 'b', 'c']);
    await vi.advanceTimersByTimeAsync(999);
    expect(log).toEqual(['a', 'b', 'c']);
    await vi.advanceTimersByTimeAsync(1);
    expect(log).toEqual(['a', 'b', 'c', 'd']);
    await vi.advanceTimersByTimeAsync(1000);
    expect(log).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(await Promise.all(sends)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('GIVEN a channel that has rested THEN it may burst again', async () => {
    const { outbound } = queue({ minTimeMs: 1000, burst: 2 });
    const log: string[] = [];
    for (const name of ['a', 'b', 'c']) void outbound.send('C1', starting(log, name));
    await vi.advanceTimersByTimeAsync(1000);
    expect(log).toEqual(['a', 'b', 'c']);
    await vi.advanceTimersByTimeAsync(2000);
    for (const name of ['d', 'e']) void outbound.send('C1', starting(log, name));
    await vi.advanceTimersByTimeAsync(0);
    expect(log).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('GIVEN a send still running THEN the next in its channel waits for it, whatever the pacing allows', async () => {
    const { outbound } = queue({ minTimeMs: 1000, burst: 3 });
    const log: string[] = [];
    let answer: (value: string) => void = () => undefined;
    const slow = outbound.send('C1', () => {
      log.push('slow');
      return new Promise<string>((resolve) => (answer = resolve));
    });
    const next = outbound.send('C1', starting(log, 'next'));
    await vi.advanceTimersByTimeAsync(5000);
    expect(log).toEqual(['slow']);
    answer('slow');
    await vi.advanceTimersByTimeAsync(0);
    expect(log).toEqual(['slow', 'next']);
    expect(await Promise.all([slow, next])).toEqual(['slow', 'next']);
  });

  it('GIVEN sends to many channels THEN no channel waits for another’s pacing', async () => {
    const { outbound } = queue({ minTimeMs: 1000, burst: 1 });
    const log: string[] = [];
    for (let channel = 0; channel < 50; channel++) {
      void outbound.send(`C${channel}`, starting(log, `C${channel}-1`));
      void outbound.send(`C${channel}`, starting(log, `C${channel}-2`));
    }
    await vi.advanceTimersByTimeAsync(0);
    expect(log.filter((name) => name.endsWith('-1'))).toHaveLength(50);
    expect(log.filter((name) => name.endsWith('-2'))).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1000);
    expect(log).toHaveLength(100);
  });

  it('GIVEN channels that have gone quiet and rested THEN the queue holds nothing for them', async () => {
    const { outbound } = queue({ minTimeMs: 1000 });
    for (let channel = 0; channel < 1000; channel++)
      void outbound.send(`C${channel}`, async () => 'ok');
    await vi.advanceTimersByTimeAsync(0);
    expect(outbound.heldChannels).toBe(1000);
    await vi.advanceTimersByTimeAsync(1000);
    expect(outbound.heldChannels).toBe(0);
  });

  it('GIVEN close while sends wait for their turn THEN the waits end and those sends are given up', async () => {
    const { outbound, givenUp } = queue({ minTimeMs: 60_000, burst: 1 });
    const log: string[] = [];
    const first = outbound.send('C1', starting(log, 'first'));
    const second = outbound.send('C1', starting(log, 'second')).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(0);
    const closed = outbound.close(Date.now() + 100);
    await vi.advanceTimersByTimeAsync(100);
    expect(await closed).toBe(1);
    expect(await first).toBe('first');
    expect(await second).toBeInstanceOf(QueueStoppedError);
    expect(log).toEqual(['first']);
    expect(givenUp).toEqual(['shutdown']);
  });
});
