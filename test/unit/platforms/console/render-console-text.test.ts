import { describe, expect, it } from 'vitest';
import { SYMPTOM_IDS } from '../../../../src/core/knowledge/symptom-ids.js';
import { buildCheckReply } from '../../../../src/core/reply/build-other-replies.js';
import { buildTopicReply } from '../../../../src/core/reply/build-symptom-reply.js';
import { renderConsoleText } from '../../../../src/platforms/console/render-console-text.js';
import { expectGolden } from '../../../helpers/expect-golden.js';

describe('renderConsoleText', () => {
  it.each(SYMPTOM_IDS)('renders the %s reply as its golden file', (id) => {
    expectGolden(`console/${id}.txt`, renderConsoleText(buildTopicReply(id)));
  });

  it('numbers the buttons as choices', () => {
    expect(renderConsoleText(buildTopicReply('https'))).toMatch(
      /Choices: \[1\] Check HTTP reachability {2}\[2\] Check DNS {2}\[3\] Solved/,
    );
  });

  it('marks a check result with its status', () => {
    const text = renderConsoleText(
      buildCheckReply({
        checkId: 'dns',
        status: 'fail',
        summary: 'nope',
        details: ['d1'],
        durationMs: 1,
      }),
    );
    expect(text.split('\n')[0]).toBe('[FAIL] Check DNS: failed');
  });
});
