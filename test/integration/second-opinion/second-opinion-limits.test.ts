import { afterEach, describe, expect, it } from 'vitest';
import { classifyText } from '../../../src/core/classify/classify-text.js';
import { answerMessage } from '../../../src/core/conversation/answer-message.js';
import { wantsSecondOpinion } from '../../../src/core/conversation/second-opinion-hook.js';
import { findSymptomById } from '../../../src/core/knowledge/index.js';
import { SYMPTOM_IDS } from '../../../src/core/knowledge/symptom-ids.js';
import { buildConversationDeps } from '../../../src/runtime/build-runtime.js';
import { loadConfig } from '../../../src/runtime/config.js';
import { PASTED_SECRETS } from '../../helpers/pasted-secrets.js';
import type { FakeHttpServer } from '../fakes/fake-http-server.js';
import { API_KEY, startFakeTailscaleApi } from '../fakes/fake-tailscale-api.js';
import { UNSURE_PASTE } from '../../helpers/unsure-paste.js';
import {
  HUMAN_QUESTION,
  MODEL,
  MODEL_SAYS_ACCESS_DENIED,
  mention,
  startSecondOpinionHarness,
} from './second-opinion-harness.js';

type Harness = Awaited<ReturnType<typeof startSecondOpinionHarness>>;
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('what reaches the gateway', () => {
  it('GIVEN pasted secrets of every known format THEN none of them reaches the gateway, masked instead', async () => {
    h = await startSecondOpinionHarness('anthropic', { LLM_MAX_PER_HOUR: '1000' });
    h.gateway.behave({ reply: MODEL_SAYS_ACCESS_DENIED });
    const pastes = PASTED_SECRETS.map(
      ({ secret }) => `${HUMAN_QUESTION}\nmy config has ${secret} in it`,
    );
    for (const paste of pastes) await answerMessage(mention(paste), h.deps);
    // Every paste the rules are unsure of is sent (a confident one never is).
    const unsure = pastes.filter((paste) => wantsSecondOpinion(classifyText(paste)));
    expect(unsure.length).toBeGreaterThan(PASTED_SECRETS.length / 2);
    expect(h.gateway.requests).toHaveLength(unsure.length);
    const sent = h.gateway.bodies().join('\n');
    const leaked = PASTED_SECRETS.filter(({ value }) => sent.includes(value));
    expect(leaked.map((secret) => secret.format)).toEqual([]);
    expect(sent).toContain('[redacted]');
  });

  it('GIVEN a call THEN the audit line has the redacted length, model and outcome, and never the text', async () => {
    h = await startSecondOpinionHarness('openai');
    h.gateway.behave({ reply: MODEL_SAYS_ACCESS_DENIED });
    await answerMessage(mention(HUMAN_QUESTION), h.deps);
    const audit = h.logger.lines.filter(
      (line) => (line.object as { audit?: string }).audit === 'second-opinion',
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]?.object).toMatchObject({
      model: MODEL,
      outcome: 'answered',
      redactedChars: HUMAN_QUESTION.length,
      channel: 'C_HELP',
    });
    expect(JSON.stringify(h.logger.lines)).not.toContain('gateway thing');
  });

  it('GIVEN a call THEN /metrics counts its tokens, its latency and its outcome', async () => {
    h = await startSecondOpinionHarness('anthropic');
    h.gateway.behave({ reply: MODEL_SAYS_ACCESS_DENIED, inputTokens: 812, outputTokens: 31 });
    await answerMessage(mention(HUMAN_QUESTION), h.deps);
    const text = await h.metrics.registry.metrics();
    expect(text).toContain(
      `aperture_doctor_second_opinion_tokens_total{model="${MODEL}",direction="input"} 812`,
    );
    expect(text).toContain(
      `aperture_doctor_second_opinion_tokens_total{model="${MODEL}",direction="output"} 31`,
    );
    expect(text).toContain(
      `aperture_doctor_second_opinion_latency_seconds_count{model="${MODEL}"} 1`,
    );
    expect(text).toContain(
      `aperture_doctor_second_opinion_calls_total{model="${MODEL}",outcome="answered"} 1`,
    );
  });
});

describe('when the model is asked', () => {
  it('GIVEN LLM_BASE_URL unset THEN there is no second opinion and an ask gets today’s answer', async () => {
    const loaded = loadConfig({});
    if (!loaded.ok) throw new Error('config');
    const deps = buildConversationDeps(loaded.config);
    expect(deps.secondOpinion).toBeUndefined();
    const outcome = await answerMessage(mention(HUMAN_QUESTION), deps);
    expect(outcome.kind).toBe('private');
  });

  it('GIVEN LLM_MAX_PER_HOUR=2 THEN a channel’s third ask within the hour is not sent, and another channel’s is', async () => {
    h = await startSecondOpinionHarness('anthropic', { LLM_MAX_PER_HOUR: '2' });
    h.gateway.behave({ reply: MODEL_SAYS_ACCESS_DENIED });
    const kinds = [];
    for (let i = 0; i < 3; i++)
      kinds.push((await answerMessage(mention(HUMAN_QUESTION), h.deps)).kind);
    expect(kinds).toEqual(['reply', 'reply', 'private']);
    expect(h.gateway.requests).toHaveLength(2);
    await answerMessage(mention(HUMAN_QUESTION, { channelId: 'C_OTHER' }), h.deps);
    expect(h.gateway.requests).toHaveLength(3);
  });

  it('GIVEN the default LLM_FOR=asked THEN an unsure paste passing by gets today’s offer and the model is not asked', async () => {
    h = await startSecondOpinionHarness('anthropic');
    const outcome = await answerMessage(mention(UNSURE_PASTE, { asked: false }), h.deps);
    expect(outcome.kind).toBe('prompt');
    expect(h.gateway.requests).toHaveLength(0);
  });

  it('GIVEN LLM_FOR=unsure THEN an unsure paste passing by gets the offer for the model’s other symptom, marked as its suggestion', async () => {
    // given: the model names a symptom other than the classifier's unsure pick
    const pick = classifyText(UNSURE_PASTE).symptom;
    const other = SYMPTOM_IDS.find((id) => id !== pick) ?? 'https';
    h = await startSecondOpinionHarness('openai', { LLM_FOR: 'unsure' });
    h.gateway.behave({ reply: JSON.stringify({ symptom: other, confidence: 0.7, why: 'x' }) });
    // when
    const outcome = await answerMessage(mention(UNSURE_PASTE, { asked: false }), h.deps);
    // then
    expect(outcome.kind).toBe('prompt');
    if (outcome.kind !== 'prompt') return;
    expect(outcome.reply.summary).toContain(findSymptomById(other).title);
    expect(outcome.reply.summary).toContain(`suggested by \`${MODEL}\``);
  });

  it('GIVEN the gateway’s name does not resolve on the bot’s host THEN an admin hears it is MagicDNS there', async () => {
    // Node's fetch rejects a failed lookup this way: TypeError "fetch failed", the reason in cause.
    const lookupFailure: typeof fetch = async () => {
      const cause = Object.assign(new Error('getaddrinfo ENOTFOUND ai'), {
        code: 'ENOTFOUND',
        syscall: 'getaddrinfo',
        hostname: 'ai',
      });
      throw new TypeError('fetch failed', { cause });
    };
    const env = { LLM_BASE_URL: 'http://ai' };
    h = await startSecondOpinionHarness('anthropic', env, { fetch: lookupFailure });
    const outcome = await answerMessage(mention(HUMAN_QUESTION, { userId: 'U_ADMIN' }), h.deps);
    if (outcome.kind !== 'private') throw new Error(outcome.kind);
    const note = outcome.reply.sections.at(-1);
    expect(note?.heading).toContain("does not resolve on the bot's host");
    expect(note?.body).toContain('MagicDNS');
  });
});

describe('the bot’s own identity in the 403 note', () => {
  let tailscale: FakeHttpServer | undefined;
  afterEach(async () => {
    await tailscale?.close();
    tailscale = undefined;
  });

  it('GIVEN the Tailscale API is configured and the bot’s host is a tagged device THEN the note names its exact tag string as the grant’s src', async () => {
    // given: the host's tailnet address is the CI runner's, tagged tag:prod and tag:ci
    tailscale = await startFakeTailscaleApi();
    const env = { TAILSCALE_API_URL: tailscale.url, TAILSCALE_API_KEY: API_KEY };
    h = await startSecondOpinionHarness('anthropic', env, {
      ownAddresses: () => ['127.0.0.1', '100.88.1.7'],
    });
    h.gateway.behave({ fail: 403 });
    // when
    const outcome = await answerMessage(mention(HUMAN_QUESTION, { userId: 'U_ADMIN' }), h.deps);
    // then: sorted and comma-joined, as Aperture matches a tagged device
    if (outcome.kind !== 'private') throw new Error(outcome.kind);
    const note = outcome.reply.sections.at(-1);
    expect(note?.heading).toContain('`tag:ci,tag:prod` lacks an Aperture grant');
    expect(note?.body).toContain('{"src": ["tag:ci,tag:prod"]');
  });
});
