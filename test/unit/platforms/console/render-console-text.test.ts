import { describe, expect, it } from 'vitest';
import { SYMPTOM_IDS } from '../../../../src/core/knowledge/symptom-ids.js';
import { buildCheckReply } from '../../../../src/core/reply/build-other-replies.js';
import {
  buildDiagnosisReply,
  buildTopicReply,
} from '../../../../src/core/reply/build-symptom-reply.js';
import { renderConsoleText } from '../../../../src/platforms/console/render-console-text.js';
import { expectGolden } from '../../../helpers/expect-golden.js';
import { TYPICAL, TYPICAL_DURATION_MS } from '../../../helpers/typical-diagnoses.js';

describe('renderConsoleText', () => {
  it.each(SYMPTOM_IDS)('renders the %s reply as its golden file', (id) => {
    expectGolden(`console/${id}.txt`, renderConsoleText(buildTopicReply(id)));
  });

  it.each(Object.keys(TYPICAL) as Array<keyof typeof TYPICAL>)(
    'renders the reply to a typical %s paste as its golden file',
    (name) => {
      expectGolden(
        `console/reply-${name}.txt`,
        renderConsoleText({
          ...buildDiagnosisReply(TYPICAL[name].diagnosis),
          durationMs: TYPICAL_DURATION_MS,
        }),
      );
    },
  );

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
