import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { answerMessage } from '../../../src/core/conversation/answer-message.js';
import { buildConversationDeps } from '../../../src/runtime/build-runtime.js';
import { loadConfig } from '../../../src/runtime/config.js';
import { createRedisClient } from '../../../src/runtime/state/redis-state-store.js';
import { ResilientStateStore } from '../../../src/runtime/state/resilient-state-store.js';
import { createRecordingLogger } from '../../helpers/recording-logger.js';
import { describeWithRedis, startRedis, type TestRedis } from '../../helpers/redis-server.js';
import { waitFor } from '../../helpers/signed-slack-request.js';
import { startFakeLlmGateway, type FakeLlmGateway } from '../fakes/fake-llm-gateway.js';
import {
  HUMAN_QUESTION,
  MODEL_SAYS_ACCESS_DENIED,
  mention,
} from '../second-opinion/second-opinion-harness.js';

describeWithRedis('the second opinion’s per-channel budget across replicas on Redis', () => {
  let redis: TestRedis;
  let gateway: FakeLlmGateway;
  const stores: ResilientStateStore[] = [];

  /** A replica as start-bot wires it: its own Redis connection, state and second opinion. */
  const replica = async (perHour: number) => {
    const store = new ResilientStateStore(createRedisClient(redis.url), createRecordingLogger());
    stores.push(store);
    await waitFor(() => !store.degraded, 5000);
    const loaded = loadConfig({
      LLM_BASE_URL: gateway.url,
      LLM_MODEL: 'team-model',
      LLM_MAX_PER_HOUR: String(perHour),
    });
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    return buildConversationDeps(loaded.config, {
      state: store,
      secondOpinionWiring: { redis: store.client, redisUnavailable: () => store.degraded },
    });
  };

  beforeAll(async () => {
    redis = await startRedis();
    gateway = await startFakeLlmGateway({ reply: MODEL_SAYS_ACCESS_DENIED });
  });
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
    await redis.stop();
    await redis.restart();
    gateway.requests.splice(0);
  });
  afterAll(async () => {
    await gateway?.close();
    await redis?.stop();
  });

  it('GIVEN LLM_MAX_PER_HOUR=3 and asks alternating between two replicas THEN the channel gets three calls in all, not three each', async () => {
    // given
    const replicas = [await replica(3), await replica(3)];
    // when: eight asks in one channel, taking turns
    const kinds: string[] = [];
    for (let i = 0; i < 8; i++) {
      const deps = replicas[i % 2]!;
      kinds.push(
        (await answerMessage(mention(HUMAN_QUESTION, { channelId: 'C_BUSY' }), deps)).kind,
      );
    }
    // then
    expect(gateway.requests).toHaveLength(3);
    expect(kinds.filter((kind) => kind === 'reply')).toHaveLength(3);
  });

  it('GIVEN one channel spent its calls THEN another channel on the other replica still gets its own', async () => {
    const [a, b] = [await replica(1), await replica(1)];
    await answerMessage(mention(HUMAN_QUESTION, { channelId: 'C_ONE' }), a!);
    await answerMessage(mention(HUMAN_QUESTION, { channelId: 'C_ONE' }), b!);
    await answerMessage(mention(HUMAN_QUESTION, { channelId: 'C_TWO' }), b!);
    expect(gateway.requests).toHaveLength(2);
  });
});
