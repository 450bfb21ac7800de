import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { answerAction } from '../../../src/core/conversation/answer-action.js';
import { answerCommand } from '../../../src/core/conversation/answer-command.js';
import { answerMessage } from '../../../src/core/conversation/answer-message.js';
import { findSymptomById } from '../../../src/core/knowledge/index.js';
import { encodeActionId } from '../../../src/core/reply/action-id.js';
import type { Reply } from '../../../src/core/reply/reply.js';
import { MEMBER } from '../../helpers/build-conversation-deps.js';
import type { WireFormat } from '../fakes/fake-llm-gateway.js';
import {
  HANG_DEADLINE_MS,
  HUMAN_QUESTION,
  MODEL,
  MODEL_SAYS_ACCESS_DENIED,
  mention,
  rulesMiss,
  startSecondOpinionHarness,
} from './second-opinion-harness.js';

type Harness = Awaited<ReturnType<typeof startSecondOpinionHarness>>;

const NO_MATCH = 'No known Aperture problem matched';
const stepTexts = (reply: Reply) => reply.steps.map((step) => step.text);
const labels = (reply: Reply) => reply.actions.map((action) => action.label);
const ownFailureNote = (reply: Reply) =>
  reply.sections.find((section) => section.heading.startsWith('My own call to the model gateway'));

it('GIVEN the question the suites use THEN the rules really miss it (precondition)', () => {
  expect(rulesMiss(HUMAN_QUESTION)).toBe(true);
});

describe.each<WireFormat>(['anthropic', 'openai'])('the second opinion over %s', (format) => {
  let h: Harness;
  beforeEach(async () => {
    h = await startSecondOpinionHarness(format);
  });
  afterEach(() => h.close());

  it('GIVEN a human question the rules miss THEN the reply is our entry for the model’s symptom, marked as its suggestion, with "Not it"', async () => {
    // given
    h.gateway.behave({ reply: MODEL_SAYS_ACCESS_DENIED });
    // when
    const outcome = await answerMessage(mention(HUMAN_QUESTION), h.deps);
    // then
    expect(outcome.kind).toBe('reply');
    if (outcome.kind !== 'reply') return;
    const entry = findSymptomById('access-denied');
    expect(outcome.reply.title).toBe(entry.title);
    expect(stepTexts(outcome.reply)).toEqual(entry.steps.map((step) => step.text));
    expect(outcome.reply.summary).toMatch(
      new RegExp(`^Suggested by \`${MODEL}\`, not matched by rules`),
    );
    expect(outcome.reply.cause).toBe(
      `Suggested by \`${MODEL}\`, not matched by rules. ${entry.cause}`,
    );
    expect(outcome.reply.evidence.join(' ')).toContain('They are refused by the gateway itself.');
    expect(labels(outcome.reply)).toContain('Not it');
  });

  it('GIVEN the question THEN the gateway gets the wire format’s request: path, headers, model, the symptom table', async () => {
    h.gateway.behave({ reply: MODEL_SAYS_ACCESS_DENIED });
    await answerMessage(mention(HUMAN_QUESTION), h.deps);
    const [request] = h.gateway.requests;
    const body = JSON.parse(request?.body ?? '{}') as { model?: string };
    expect(request?.path).toBe(format === 'anthropic' ? '/v1/messages' : '/v1/chat/completions');
    expect(body.model).toBe(MODEL);
    if (format === 'anthropic') expect(request?.headers['anthropic-version']).toBeTruthy();
    // Through Aperture no key is configured, and none is sent: Aperture injects it.
    expect(request?.headers['x-api-key']).toBeUndefined();
    expect(request?.headers.authorization).toBeUndefined();
    for (const id of ['magicdns', 'access-denied', 'hook-unavailable'])
      expect(request?.body).toContain(id);
  });

  it('GIVEN the model also writes its own steps THEN the reply shows only ours', async () => {
    h.gateway.behave({
      reply:
        '{"symptom":"access-denied","confidence":0.9,"why":"refused","steps":["run sudo rm -rf /etc/tailscale"]}',
    });
    const outcome = await answerMessage(mention(HUMAN_QUESTION), h.deps);
    expect(JSON.stringify(outcome)).not.toContain('rm -rf');
  });

  it('GIVEN the model answers in a code fence after a preamble THEN its JSON is still read', async () => {
    h.gateway.behave({
      reply: `Sure, here it is:\n\`\`\`json\n${MODEL_SAYS_ACCESS_DENIED}\n\`\`\``,
    });
    const outcome = await answerMessage(mention(HUMAN_QUESTION), h.deps);
    expect(outcome.kind).toBe('reply');
  });

  it.each([
    ['malformed JSON', { reply: '{"symptom": "access-denied", confidence: high' }],
    ['an unknown id', { reply: '{"symptom":"dns-weirdness","confidence":0.9,"why":"x"}' }],
    ['the answer none', { reply: '{"symptom":"none","confidence":0.9,"why":"not Aperture"}' }],
    ['a reply body of another shape', { wrongShape: true as const }],
    ['a 403 from the gateway', { fail: 403 as const }],
    ['a 429 from the gateway', { fail: 429 as const }],
    ['a 500 from the gateway', { fail: 500 as const }],
  ])('GIVEN %s THEN the ask gets today’s private "no match"', async (_name, behaviour) => {
    h.gateway.behave(behaviour);
    const outcome = await answerMessage(mention(HUMAN_QUESTION), h.deps);
    expect(outcome.kind).toBe('private');
    if (outcome.kind === 'private') expect(outcome.reply.title).toBe(NO_MATCH);
  });

  it('GIVEN a gateway that hangs past the deadline THEN the ask gets today’s private "no match"', async () => {
    // given: a deadline of 200 ms instead of 5 s, so the test waits that long
    const hanging = await startSecondOpinionHarness(format, {}, { deadlineMs: HANG_DEADLINE_MS });
    hanging.gateway.behave('hang');
    // when
    const outcome = await answerMessage(mention(HUMAN_QUESTION), hanging.deps).finally(() =>
      hanging.close(),
    );
    // then
    expect(outcome.kind).toBe('private');
    expect(hanging.gateway.requests).toHaveLength(1);
  });

  it('GIVEN a 403 and an admin asking THEN the private answer says the bot’s own identity lacks a grant, with the grant to add', async () => {
    h.gateway.behave({ fail: 403 });
    const outcome = await answerMessage(mention(HUMAN_QUESTION, { userId: 'U_ADMIN' }), h.deps);
    expect(outcome.kind).toBe('private');
    if (outcome.kind !== 'private') return;
    const note = ownFailureNote(outcome.reply);
    expect(note?.heading).toContain("the bot's own identity lacks an Aperture grant");
    expect(note?.body).toContain('tailscale whois');
    expect(note?.body).toContain(
      `"tailscale.com/cap/aperture": [{"role": "user"}, {"models": "${MODEL}"}]`,
    );
  });

  it('GIVEN a 403 and a member asking THEN the member hears nothing of the bot’s grant', async () => {
    h.gateway.behave({ fail: 403 });
    const outcome = await answerMessage(mention(HUMAN_QUESTION), h.deps);
    if (outcome.kind !== 'private') throw new Error(outcome.kind);
    expect(ownFailureNote(outcome.reply)).toBeUndefined();
  });

  it('GIVEN a 403 told to an admin THEN the next ask within the cooldown does not repeat it, and one after it does', async () => {
    h.gateway.behave({ fail: 403 });
    const ask = () => answerMessage(mention(HUMAN_QUESTION, { userId: 'U_ADMIN' }), h.deps);
    const notes = async () => {
      const outcome = await ask();
      return outcome.kind === 'private' ? ownFailureNote(outcome.reply) : undefined;
    };
    expect(await notes()).toBeDefined();
    expect(await notes()).toBeUndefined();
    h.advance((h.deps.settings.cooldownSeconds + 1) * 1000);
    expect(await notes()).toBeDefined();
  });

  it('GIVEN a 429 and an admin asking THEN the note names the bot’s quota', async () => {
    h.gateway.behave({ fail: 429 });
    const outcome = await answerMessage(mention(HUMAN_QUESTION, { userId: 'U_ADMIN' }), h.deps);
    if (outcome.kind !== 'private') throw new Error(outcome.kind);
    expect(ownFailureNote(outcome.reply)?.heading).toContain("the bot's quota");
  });

  it('GIVEN `/aperture <question>` the rules miss THEN the command answers with the suggestion, publicly', async () => {
    h.gateway.behave({ reply: MODEL_SAYS_ACCESS_DENIED });
    const reply = await answerCommand(
      {
        platform: 'slack',
        channelId: 'C_HELP',
        userId: 'U_MEMBER',
        text: HUMAN_QUESTION,
        requester: MEMBER,
      },
      h.deps,
    );
    expect(reply.title).toBe(findSymptomById('access-denied').title);
    expect(reply.private).toBeFalsy();
  });

  it('GIVEN a confident classifier answer THEN the model is not asked', async () => {
    await answerMessage(mention('403 {"error":"access denied: no role granted"}'), h.deps);
    expect(h.gateway.requests).toHaveLength(0);
  });

  it('GIVEN a last "Not it" on a paste THEN the model is told what was refused and its other symptom is shown', async () => {
    h.gateway.behave({ reply: '{"symptom":"tagged-identity","confidence":0.6,"why":"tags"}' });
    const reply = await answerAction(
      {
        platform: 'slack',
        channelId: 'C_HELP',
        userId: 'U_MEMBER',
        actionId: encodeActionId({
          type: 'not-it',
          symptom: 'access-denied',
          refused: [],
          next: [],
        }),
        requester: MEMBER,
        pastedText: HUMAN_QUESTION,
        messageId: '1700000000.999999',
      },
      h.deps,
    );
    expect(reply.title).toBe(findSymptomById('tagged-identity').title);
    expect(reply.summary).toMatch(/^Suggested by `team-model`/);
    expect(h.gateway.requests[0]?.body).toContain('already said it is not: access-denied');
  });

  it('GIVEN a last "Not it" and the model names the refused symptom again THEN the picker is shown', async () => {
    h.gateway.behave({ reply: MODEL_SAYS_ACCESS_DENIED });
    const reply = await answerAction(
      {
        platform: 'slack',
        channelId: 'C_HELP',
        userId: 'U_MEMBER',
        actionId: encodeActionId({
          type: 'not-it',
          symptom: 'access-denied',
          refused: [],
          next: [],
        }),
        requester: MEMBER,
        pastedText: HUMAN_QUESTION,
      },
      h.deps,
    );
    expect(reply.kind).toBe('picker');
  });
});
