import { describe, expect, it } from 'vitest';
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

function queue(options: { maxRetries?: number; maxRetryMs?: number } = {}) {
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
