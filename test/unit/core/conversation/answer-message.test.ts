import { describe, expect, it } from 'vitest';
import { answerMessage } from '../../../../src/core/conversation/answer-message.js';
import type { IncomingMessage } from '../../../../src/core/conversation/incoming.js';
import { decodeActionId } from '../../../../src/core/reply/action-id.js';
import { buildConversationDeps } from '../../../helpers/build-conversation-deps.js';

const DENIED = '$ curl -sS http://ai/v1/models\n{"error":"access denied: no role granted"}';
const UNRESOLVED = '$ curl -sS http://ai/v1/models\ncurl: (6) Could not resolve host: ai';

function message(overrides: Partial<IncomingMessage> = {}): IncomingMessage {
  return {
    platform: 'slack',
    channelId: 'C1',
    messageId: '1700000000.000100',
    threadRootId: '1700000000.000100',
    userId: 'U1',
    text: DENIED,
    asked: false,
    ...overrides,
  };
}

describe('answerMessage', () => {
  it('GIVEN a confident 403 paste THEN replies publicly with the access-denied entry and its buttons', async () => {
    const { deps } = buildConversationDeps();
    const outcome = await answerMessage(message(), deps);
    expect(outcome.kind).toBe('reply');
    if (outcome.kind !== 'reply') return;
    expect(outcome.diagnosis.symptom).toBe('access-denied');
    const actions = outcome.reply.actions.map((a) => decodeActionId(a.id)?.type);
    expect(actions).toContain('check');
    expect(actions).toContain('solved');
    expect(actions).toContain('not-it');
  });

  it('GIVEN channel chatter THEN stays silent', async () => {
    const { deps } = buildConversationDeps();
    const outcome = await answerMessage(message({ text: 'lunch? thinking tacos' }), deps);
    expect(outcome).toEqual({ kind: 'silent', reason: 'no-diagnosis' });
  });

  it('GIVEN the same message delivered twice THEN replies only once', async () => {
    const { deps } = buildConversationDeps();
    await answerMessage(message(), deps);
    expect(await answerMessage(message(), deps)).toEqual({ kind: 'silent', reason: 'duplicate' });
  });

  it('GIVEN a mention delivered as a message and as an explicit ask THEN replies once', async () => {
    const { deps } = buildConversationDeps();
    const first = await answerMessage(message(), deps);
    const second = await answerMessage(message({ asked: true }), deps);
    expect([first.kind, second.kind]).toEqual(['reply', 'silent']);
  });

  it('GIVEN chatter that someone explicitly asks about THEN says no known symptom matched', async () => {
    const { deps } = buildConversationDeps();
    const outcome = await answerMessage(
      message({ text: 'lunch? thinking tacos', asked: true }),
      deps,
    );
    expect(outcome.kind).toBe('private');
    if (outcome.kind === 'private')
      expect(outcome.reply.title).toMatch(/No known Aperture problem/);
  });

  it('GIVEN a channel outside LISTEN_CHANNELS THEN stays silent unless asked', async () => {
    const { deps } = buildConversationDeps({ listenChannels: ['C_OTHER'] });
    expect(await answerMessage(message(), deps)).toEqual({
      kind: 'silent',
      reason: 'not-listening',
    });
    expect((await answerMessage(message({ asked: true }), deps)).kind).toBe('reply');
  });

  it('GIVEN a muted channel THEN stays silent', async () => {
    const { deps } = buildConversationDeps();
    await deps.state.put('mute:slack:C1', '1', 60);
    expect(await answerMessage(message(), deps)).toEqual({ kind: 'silent', reason: 'muted' });
  });

  it('GIVEN a second paste of the same symptom in the same thread THEN does not answer it again', async () => {
    const { deps } = buildConversationDeps();
    await answerMessage(message(), deps);
    const again = message({ messageId: '1700000000.000200', threadRootId: '1700000000.000100' });
    expect(await answerMessage(again, deps)).toEqual({
      kind: 'silent',
      reason: 'already-answered',
    });
  });

  it('GIVEN the same symptom in another thread within the cooldown THEN waits until it passes', async () => {
    const { deps, advance } = buildConversationDeps({ cooldownSeconds: 120 });
    await answerMessage(message(), deps);
    const other = message({ messageId: '1700000000.000300', threadRootId: '1700000000.000300' });
    expect(await answerMessage(other, deps)).toEqual({ kind: 'silent', reason: 'cooldown' });
    advance(120_000);
    const later = message({ messageId: '1700000000.000400', threadRootId: '1700000000.000400' });
    expect((await answerMessage(later, deps)).kind).toBe('reply');
  });

  it('GIVEN another symptom in the same channel during a cooldown THEN still answers it', async () => {
    const { deps } = buildConversationDeps();
    await answerMessage(message(), deps);
    const dns = message({
      messageId: '1700000000.000500',
      threadRootId: '1700000000.000500',
      text: UNRESOLVED,
    });
    const outcome = await answerMessage(dns, deps);
    expect(outcome.kind).toBe('reply');
    if (outcome.kind === 'reply') expect(outcome.diagnosis.symptom).toBe('magicdns');
  });

  it('reports each diagnosis to the observer for metrics', async () => {
    const { deps, events } = buildConversationDeps();
    await answerMessage(message(), deps);
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'diagnosed', symptom: 'access-denied' }),
    );
  });
});

describe('answerMessage: an explicit ask is never refused for a reply that was not sent', () => {
  it('GIVEN a paste silenced by the cooldown THEN a later explicit ask on it still answers', async () => {
    // given
    const { deps } = buildConversationDeps({ cooldownSeconds: 120 });
    await answerMessage(message(), deps);
    const cooled = message({ messageId: '1700000000.000300', threadRootId: '1700000000.000300' });
    expect(await answerMessage(cooled, deps)).toEqual({ kind: 'silent', reason: 'cooldown' });
    // when
    const asked = await answerMessage({ ...cooled, asked: true }, deps);
    // then
    expect(asked.kind).toBe('reply');
  });

  it('GIVEN a paste silenced by the cooldown THEN its thread is answered once the cooldown passes', async () => {
    // given
    const { deps, advance } = buildConversationDeps({ cooldownSeconds: 120 });
    await answerMessage(message(), deps);
    const cooled = message({ messageId: '1700000000.000300', threadRootId: '1700000000.000300' });
    await answerMessage(cooled, deps);
    // when
    advance(121_000);
    const later = message({ messageId: '1700000000.000310', threadRootId: '1700000000.000300' });
    // then
    expect((await answerMessage(later, deps)).kind).toBe('reply');
  });

  it('GIVEN a message answered on an explicit ask THEN its unasked delivery does not answer again', async () => {
    const { deps } = buildConversationDeps();
    const first = await answerMessage(message({ asked: true }), deps);
    const second = await answerMessage(message(), deps);
    expect([first.kind, second.kind]).toEqual(['reply', 'silent']);
  });

  it('GIVEN chatter someone explicitly asks about THEN the no-match answer is private with a hint of what I recognise', async () => {
    const { deps } = buildConversationDeps();
    const outcome = await answerMessage(
      message({ text: 'lunch? thinking tacos', asked: true }),
      deps,
    );
    expect(outcome.kind).toBe('private');
    if (outcome.kind !== 'private') return;
    expect(outcome.reply.private).toBe(true);
    expect(outcome.reply.summary).toMatch(/403/);
    expect(outcome.reply.summary.split('\n')).toHaveLength(1);
  });

  it('GIVEN chatter explicitly asked about by two people THEN each gets the private answer', async () => {
    const { deps } = buildConversationDeps();
    await answerMessage(message({ text: 'lunch?', asked: true }), deps);
    const again = await answerMessage(message({ text: 'lunch?', asked: true, userId: 'U2' }), deps);
    expect(again.kind).toBe('private');
  });
});

describe('answerMessage: buttons fit who can use them', () => {
  it('GIVEN a 403 reply THEN admin-only check buttons are marked as such and "Check my Aperture grant" is not', async () => {
    const { deps } = buildConversationDeps();
    const outcome = await answerMessage(message(), deps);
    if (outcome.kind !== 'reply') throw new Error(outcome.kind);
    const labels = outcome.reply.actions.map((a) => a.label);
    expect(labels).toContain('Check my Aperture grant');
    const adminOnly = outcome.reply.actions.filter((a) => {
      const action = decodeActionId(a.id);
      return (
        action?.type === 'check' && ['aperture-config', 'tailnet-grant'].includes(action.checkId)
      );
    });
    expect(adminOnly.length).toBeGreaterThan(0);
    for (const action of adminOnly) expect(action.label).toMatch(/\(admins\)$/);
  });

  it('GIVEN a platform that cannot tell who a user is on the tailnet THEN shows no "Check my Aperture grant" button', async () => {
    const { deps } = buildConversationDeps({ requesterLogins: ['slack'] });
    const outcome = await answerMessage(message({ platform: 'discord' }), deps);
    if (outcome.kind !== 'reply') throw new Error(outcome.kind);
    expect(outcome.reply.actions.map((a) => a.label)).not.toContain('Check my Aperture grant');
  });
});

describe('answerMessage: asking twice', () => {
  it('GIVEN the same person asks about the same chatter twice within a minute THEN the second is silent as asked-again, not "duplicate"', async () => {
    const { deps } = buildConversationDeps();
    await answerMessage(message({ text: 'lunch?', asked: true }), deps);
    expect(await answerMessage(message({ text: 'lunch?', asked: true }), deps)).toEqual({
      kind: 'silent',
      reason: 'asked-again',
    });
  });
});
