import { expect, it } from 'vitest';
import { OutboundQueue } from '../../../src/platforms/outbound-queue.js';
import type { ReplyBudget } from '../../../src/platforms/reply-budget.js';
import { createRecordingLogger } from '../../helpers/recording-logger.js';

it('sends only after the shared budget grants the channel a send', async () => {
  // given: a budget that asks for a short wait once, then grants
  const events: string[] = [];
  const answers = [5, 0];
  const budget: ReplyBudget = {
    take: async (platform, channel) => {
      events.push(`take ${platform} ${channel}`);
      return answers.shift() ?? 0;
    },
  };
  const queue = new OutboundQueue({
    logger: createRecordingLogger(),
    retry: { retryAfterSeconds: () => undefined, isTransient: () => false },
    minTimeMs: 0,
    sharedBudget: { platform: 'slack', budget },
  });
  // when
  const result = await queue.send('C1', async () => {
    events.push('send');
    return 'ok';
  });
  // then
  expect(result).toBe('ok');
  expect(events).toEqual(['take slack C1', 'take slack C1', 'send']);
});
