import { describe, expect, it } from 'vitest';
import { answerAction } from '../../../../src/core/conversation/answer-action.js';
import type { ActionInvocation } from '../../../../src/core/conversation/incoming.js';
import { findSymptomById } from '../../../../src/core/knowledge/index.js';
import {
  decodeActionId,
  encodeActionId,
  type Action,
} from '../../../../src/core/reply/action-id.js';
import { MEMBER, buildConversationDeps } from '../../../helpers/build-conversation-deps.js';

function click(action: Action, pastedText?: string): ActionInvocation {
  return {
    platform: 'discord',
    channelId: 'C1',
    userId: MEMBER.userId,
    actionId: encodeActionId(action),
    requester: MEMBER,
    pastedText,
  };
}

describe('answerAction', () => {
  it('runs the check a button names, with the paste, and answers with its result', async () => {
    const { deps, checkCalls } = buildConversationDeps();
    const reply = await answerAction(
      click({ type: 'check', checkId: 'exit-node', symptom: 'mullvad' }, 'tailscale status'),
      deps,
    );
    expect(checkCalls).toEqual([
      expect.objectContaining({ checkId: 'exit-node', pastedText: 'tailscale status' }),
    ]);
    expect(reply.kind).toBe('check-result');
    expect(reply.summary).toBe('exit-node looks fine');
  });

  it('shows the next likeliest symptom on "Not it" and remembers the refused one', async () => {
    const { deps } = buildConversationDeps();
    const reply = await answerAction(
      click({
        type: 'not-it',
        symptom: 'access-denied',
        refused: [],
        next: ['mullvad', 'tagged-identity'],
      }),
      deps,
    );
    expect(reply.title).toBe(findSymptomById('mullvad').title);
    const notIt = reply.actions.map((a) => decodeActionId(a.id)).find((a) => a?.type === 'not-it');
    expect(notIt).toEqual({
      type: 'not-it',
      symptom: 'mullvad',
      refused: ['access-denied'],
      next: ['tagged-identity'],
    });
  });

  it('counts "Solved" feedback per symptom', async () => {
    const { deps, events } = buildConversationDeps();
    await answerAction(click({ type: 'solved', symptom: 'https' }), deps);
    expect(await deps.state.increment('feedback:https:solved', 0)).toBe(1);
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'feedback', verdict: 'solved', symptom: 'https' }),
    );
  });

  it('shows the full reply when a "Diagnose this?" prompt is accepted', async () => {
    const { deps } = buildConversationDeps();
    const reply = await answerAction(click({ type: 'show', symptom: 'key-expiry' }), deps);
    expect(reply.title).toBe(findSymptomById('key-expiry').title);
  });

  it('answers a forged or outdated button privately without running anything', async () => {
    const { deps, checkCalls } = buildConversationDeps();
    const reply = await answerAction(
      { ...click({ type: 'solved', symptom: 'https' }), actionId: 'ad1|c|https|curl evil.example' },
      deps,
    );
    expect(reply.private).toBe(true);
    expect(checkCalls).toEqual([]);
  });
});

describe('answerAction: "Solved" is idempotent', () => {
  it('GIVEN the first "Solved" click THEN records it once and asks to mark the reply solved in place', async () => {
    const { deps } = buildConversationDeps();
    const reply = await answerAction(
      { ...click({ type: 'solved', symptom: 'https' }), messageId: 'M1' },
      deps,
    );
    expect(reply.updateClicked).toEqual({ solvedBy: MEMBER.userId });
    expect(await deps.state.increment('feedback:https:solved', 0)).toBe(1);
  });

  it('GIVEN "Solved" clicked again on the same reply THEN records nothing and posts nothing', async () => {
    // given
    const { deps, events } = buildConversationDeps();
    const solved = { ...click({ type: 'solved', symptom: 'https' }), messageId: 'M1' };
    await answerAction(solved, deps);
    // when
    const again = await answerAction({ ...solved, userId: 'U_OTHER' }, deps);
    // then
    expect(again.silent).toBe(true);
    expect(await deps.state.increment('feedback:https:solved', 0)).toBe(1);
    expect(events.filter((e) => e.type === 'feedback')).toHaveLength(1);
  });
});

describe('answerAction: "Not it" always leads somewhere', () => {
  it('GIVEN "Not it" with no alternative left THEN offers a private picker of the other symptoms', async () => {
    const { deps } = buildConversationDeps();
    const reply = await answerAction(
      click({ type: 'not-it', symptom: 'https', refused: ['magicdns'], next: [] }),
      deps,
    );
    expect(reply.kind).toBe('picker');
    expect(reply.private).toBe(true);
    const choices = reply.picker?.options.map((o) => decodeActionId(o.value)) ?? [];
    // Every other symptom, then "Something else" (no known symptom) last.
    const picked = choices.slice(0, -1);
    expect(picked.every((a) => a?.type === 'pick')).toBe(true);
    expect(choices.at(-1)?.type).toBe('other');
    expect(reply.picker?.options.at(-1)?.label).toBe('Something else');
    const symptoms = picked.map((a) => a?.symptom);
    expect(symptoms).not.toContain('https');
    expect(symptoms).not.toContain('magicdns');
    expect(symptoms).toContain('access-denied');
  });

  it('GIVEN a symptom picked from the picker THEN answers with its steps publicly and records it as feedback', async () => {
    const { deps, events } = buildConversationDeps();
    const reply = await answerAction(click({ type: 'pick', symptom: 'mullvad' }), deps);
    expect(reply.title).toBe(findSymptomById('mullvad').title);
    expect(reply.private).not.toBe(true);
    expect(reply.steps.length).toBeGreaterThan(0);
    expect(await deps.state.increment('feedback:mullvad:picked', 0)).toBe(1);
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'feedback', verdict: 'picked', symptom: 'mullvad' }),
    );
  });
});
