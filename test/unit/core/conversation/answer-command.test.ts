import { describe, expect, it } from 'vitest';
import { answerCommand } from '../../../../src/core/conversation/answer-command.js';
import { answerMessage } from '../../../../src/core/conversation/answer-message.js';
import type { CommandInvocation } from '../../../../src/core/conversation/incoming.js';
import { SYMPTOM_IDS } from '../../../../src/core/knowledge/symptom-ids.js';
import { findSymptomById } from '../../../../src/core/knowledge/index.js';
import { ADMIN, MEMBER, buildConversationDeps } from '../../../helpers/build-conversation-deps.js';
import { PASTED_SECRETS, leakedValue } from '../../../helpers/pasted-secrets.js';

function command(text: string, requester = MEMBER): CommandInvocation {
  return { platform: 'slack', channelId: 'C1', userId: requester.userId, text, requester };
}

describe('answerCommand', () => {
  it('answers "why 429" with the quota entry, its steps and check buttons', async () => {
    const { deps } = buildConversationDeps();
    const reply = await answerCommand(command('why 429'), deps);
    expect(reply.title).toBe(findSymptomById('quota-429').title);
    expect(reply.steps.length).toBeGreaterThan(0);
    expect(reply.actions.length).toBeGreaterThan(0);
    expect(reply.private).toBeFalsy();
  });

  it.each(SYMPTOM_IDS)('answers "why %s" by symptom id', async (id) => {
    const { deps } = buildConversationDeps();
    expect((await answerCommand(command(`why ${id}`), deps)).title).toBe(findSymptomById(id).title);
  });

  it('answers an unknown topic privately with examples of topics', async () => {
    const { deps } = buildConversationDeps();
    const reply = await answerCommand(command('why pancakes'), deps);
    expect(reply.private).toBe(true);
    expect(reply.title).toMatch(/pancakes/);
  });

  it.each(PASTED_SECRETS.map((secret) => [secret.format, secret] as const))(
    'never echoes a %s given as the topic of why',
    async (_format, secret) => {
      const { deps } = buildConversationDeps();
      const reply = await answerCommand(command(`why ${secret.secret}`), deps);
      expect(leakedValue(secret, JSON.stringify(reply))).toEqual([]);
    },
  );

  it('shows help privately for an empty command', async () => {
    const { deps } = buildConversationDeps();
    const reply = await answerCommand(command(''), deps);
    expect(reply.kind).toBe('help');
    expect(reply.private).toBe(true);
  });

  it('lists every symptom id', async () => {
    const { deps } = buildConversationDeps();
    const listed = (await answerCommand(command('list'), deps)).steps.map((s) => s.text).join('\n');
    for (const id of SYMPTOM_IDS) expect(listed).toContain(`\`${id}\``);
  });

  it('diagnoses a pasted error publicly', async () => {
    const { deps } = buildConversationDeps();
    const reply = await answerCommand(command('curl: (6) Could not resolve host: ai'), deps);
    expect(reply.title).toBe(findSymptomById('magicdns').title);
    expect(reply.kind).toBe('diagnosis');
  });

  it('runs a named check and reports it to the audit observer', async () => {
    const { deps, checkCalls, events } = buildConversationDeps();
    const reply = await answerCommand(command('check dns'), deps);
    expect(checkCalls).toEqual([expect.objectContaining({ checkId: 'dns' })]);
    expect(reply.status).toBe('pass');
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'check-run', checkId: 'dns', adminOnly: false }),
    );
  });

  it("GIVEN a config-revealing check THEN answers privately, and an admin's result also carries a one-line public note", async () => {
    const { deps } = buildConversationDeps();
    const member = await answerCommand(command('check aperture-config'), deps);
    expect(member.private).toBe(true);
    expect(member.publicNote).toBeUndefined();
    const admin = await answerCommand(command('check aperture-config', ADMIN), deps);
    expect(admin.private).toBe(true);
    expect(admin.publicNote).toBe('Lint the Aperture config: passed');
  });

  it('GIVEN "check requester-grant" from a non-admin THEN runs it for them and answers them privately', async () => {
    const { deps, events } = buildConversationDeps();
    const reply = await answerCommand(command('check requester-grant'), deps);
    expect(reply.status).toBe('pass');
    expect(reply.private).toBe(true);
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'check-run', checkId: 'requester-grant', adminOnly: false }),
    );
  });

  it('names the valid checks when asked for an unknown one', async () => {
    const { deps } = buildConversationDeps();
    const reply = await answerCommand(command('check dnss'), deps);
    expect(reply.summary).toContain('magicdns-setting');
  });

  it('mutes the channel so pastes get no unasked reply, and unmute restores them', async () => {
    const { deps } = buildConversationDeps();
    const paste = {
      platform: 'slack' as const,
      channelId: 'C1',
      userId: 'U1',
      text: '{"error":"access denied: no role granted"}',
      asked: false,
    };
    const muted = await answerCommand(command('mute 30m'), deps);
    expect(muted.title).toBe('Muted for 30 minutes');
    expect((await answerMessage({ ...paste, messageId: '1', threadRootId: '1' }, deps)).kind).toBe(
      'silent',
    );
    await answerCommand(command('unmute'), deps);
    expect((await answerMessage({ ...paste, messageId: '2', threadRootId: '2' }, deps)).kind).toBe(
      'reply',
    );
  });

  it('refuses a mute duration it cannot read, privately', async () => {
    const { deps } = buildConversationDeps();
    const reply = await answerCommand(command('mute forever'), deps);
    expect(reply.private).toBe(true);
    expect(reply.title).toMatch(/forever/);
  });

  it('GIVEN an unknown word after /aperture THEN answers with the help text, privately', async () => {
    const { deps } = buildConversationDeps();
    const reply = await answerCommand(command('foo'), deps);
    expect(reply.kind).toBe('help');
    expect(reply.private).toBe(true);
  });

  it('GIVEN a topic word after /aperture THEN answers that topic', async () => {
    const { deps } = buildConversationDeps();
    const reply = await answerCommand(command('403'), deps);
    expect(reply.title).toBe(findSymptomById('access-denied').title);
  });
});
