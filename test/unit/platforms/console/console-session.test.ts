import { describe, expect, it } from 'vitest';
import { ConsoleSession } from '../../../../src/platforms/console/console-listeners.js';
import { buildConversationDeps } from '../../../helpers/build-conversation-deps.js';

const UNRESOLVED = 'curl: (6) Could not resolve host: ai';

/** The number of the choice labelled `label` in the last printed "Choices:" line. */
function choice(printed: string, label: RegExp): string {
  const line = printed.split('\n').find((l) => l.startsWith('Choices:')) ?? '';
  const found = [...line.matchAll(/\[(\d+)\] ([^[]+)/g)].find(([, , text]) =>
    label.test(text ?? ''),
  );
  return found?.[1] ?? '';
}

describe('console: feedback choices', () => {
  it('GIVEN "Solved" picked twice THEN it is recorded once and the second pick says so', async () => {
    const { deps } = buildConversationDeps();
    const session = new ConsoleSession(deps);
    const reply = await session.answer(UNRESOLVED);
    const solved = choice(reply, /^Solved/);
    expect(await session.answer(solved)).toMatch(/marked as solved/);
    expect(await session.answer(solved)).toMatch(/already recorded/);
    expect(await deps.state.increment('feedback:magicdns:solved', 0)).toBe(1);
  });

  it('GIVEN "Not it" until nothing likelier is left THEN the symptoms to pick from are numbered choices', async () => {
    const { deps } = buildConversationDeps();
    const session = new ConsoleSession(deps);
    let printed = await session.answer(UNRESOLVED);
    // At most three alternatives follow a diagnosis, then the picker.
    for (let i = 0; i < 5 && !/What was it\?/.test(printed); i++) {
      printed = await session.answer(choice(printed, /^Not it/));
    }
    expect(printed).toMatch(/What was it\?/);
    const mullvad = choice(printed, /Mullvad/);
    expect(await session.answer(mullvad)).toMatch(/Mullvad/);
  });
});
