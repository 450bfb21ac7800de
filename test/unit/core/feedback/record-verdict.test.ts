import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { classifyText } from '../../../../src/core/classify/classify-text.js';
import { answerAction } from '../../../../src/core/conversation/answer-action.js';
import type { ActionInvocation } from '../../../../src/core/conversation/incoming.js';
import type { FeedbackStore } from '../../../../src/core/feedback/feedback-example.js';
import { encodeActionId, type Action } from '../../../../src/core/reply/action-id.js';
import { FileFeedbackStore } from '../../../../src/runtime/feedback/file-feedback-store.js';
import { MEMBER, buildConversationDeps } from '../../../helpers/build-conversation-deps.js';
import { PASTES, pastesLeakedIn } from '../../../helpers/pasted-secrets.js';

const DENIED = '$ curl -sS http://ai/v1/models\n{"error":"access denied: no role granted"}';
const dir = mkdtempSync(join(tmpdir(), 'record-verdict-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

/** Conversation deps recording into a real JSONL store of their own. */
function withStore(cap?: number) {
  const built = buildConversationDeps();
  const path = join(dir, `feedback-${++files}.jsonl`);
  const store = new FileFeedbackStore(path, { ttlSeconds: 86_400, cap, clock: built.deps.clock });
  const deps = { ...built.deps, feedback: store };
  return { deps, store, path };
}

function click(action: Action, pastedText?: string, messageId = 'M1'): ActionInvocation {
  return {
    platform: 'slack',
    channelId: 'C1',
    userId: MEMBER.userId,
    actionId: encodeActionId(action),
    requester: MEMBER,
    pastedText,
    messageId,
  };
}

describe('recording verdicts', () => {
  it('GIVEN a symptom picked after "Not it" THEN stores one correction with the prediction, the label and a hashed user', async () => {
    // given
    const { deps, store } = withStore();
    const predicted = classifyText(DENIED);
    // when
    await answerAction(click({ type: 'pick', symptom: 'mullvad' }, DENIED), deps);
    // then
    const examples = await store.list();
    expect(examples).toEqual([
      {
        text: DENIED,
        predicted: predicted.symptom,
        confidence: predicted.confidence,
        label: 'mullvad',
        verdict: 'corrected',
        platform: 'slack',
        at: deps.clock(),
        user: await store.pseudonym('slack', MEMBER.userId),
      },
    ]);
    expect(examples[0]?.user).not.toContain(MEMBER.userId);
  });

  it.each([
    [{ type: 'solved', symptom: 'access-denied' }, 'solved', 'access-denied'],
    [{ type: 'other', symptom: 'access-denied' }, 'something-else', 'none'],
    [{ type: 'show', symptom: 'access-denied' }, 'offer-accepted', 'access-denied'],
    [{ type: 'dismiss', symptom: 'access-denied' }, 'offer-dismissed', 'none'],
  ] as const)(
    'GIVEN %j clicked THEN stores verdict %s labelled %s',
    async (action, verdict, label) => {
      const { deps, store } = withStore();
      await answerAction(click(action, DENIED), deps);
      expect(await store.list()).toEqual([expect.objectContaining({ verdict, label })]);
    },
  );

  it('GIVEN "Not it" alone THEN stores nothing: the next candidate or the picker gives the verdict', async () => {
    const { deps, store } = withStore();
    await answerAction(
      click({ type: 'not-it', symptom: 'https', refused: [], next: ['magicdns'] }, DENIED),
      deps,
    );
    expect(await store.list()).toEqual([]);
  });

  it('GIVEN the same person picking twice under the same message THEN stores one example', async () => {
    const { deps, store } = withStore();
    await answerAction(click({ type: 'pick', symptom: 'mullvad' }, DENIED), deps);
    await answerAction(click({ type: 'pick', symptom: 'https' }, DENIED), deps);
    expect(await store.list()).toHaveLength(1);
  });

  it('GIVEN no paste the platform could fetch THEN stores nothing and still answers', async () => {
    const { deps, store } = withStore();
    const reply = await answerAction(click({ type: 'pick', symptom: 'mullvad' }), deps);
    expect(reply.kind).toBe('topic');
    expect(await store.list()).toEqual([]);
  });

  it('GIVEN a store that fails THEN the click is still answered', async () => {
    const { deps } = buildConversationDeps();
    const failing: FeedbackStore = {
      pseudonym: async () => 'f00dfeedf00dfeed',
      record: async () => {
        throw new Error('disk full');
      },
      list: async () => [],
    };
    const reply = await answerAction(click({ type: 'pick', symptom: 'mullvad' }, DENIED), {
      ...deps,
      feedback: failing,
    });
    expect(reply.kind).toBe('topic');
  });

  it('GIVEN FEEDBACK=off (no store) THEN a pick is answered as before', async () => {
    const { deps } = buildConversationDeps();
    const reply = await answerAction(click({ type: 'pick', symptom: 'mullvad' }, DENIED), deps);
    expect(reply.kind).toBe('topic');
  });

  it('GIVEN pastes with secrets in every form chat delivers THEN no secret reaches the stored file', async () => {
    // given: the file keeps the last example only, so each is checked on disk as written
    const { deps, path } = withStore(1);
    const leaks: string[] = [];
    for (const [index, paste] of PASTES.entries()) {
      // when
      await answerAction(
        click({ type: 'pick', symptom: 'mullvad' }, paste.text, `M${index}`),
        deps,
      );
      // then
      const stored = readFileSync(path, 'utf8');
      expect(stored).not.toBe('');
      leaks.push(...pastesLeakedIn(stored, [paste]));
    }
    expect(leaks).toEqual([]);
  }, 120_000);
});
