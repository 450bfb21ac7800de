import { describe, expect, it } from 'vitest';
import { classifyText } from '../../../src/core/classify/classify-text.js';
import { buildDiagnosisReply } from '../../../src/core/reply/build-symptom-reply.js';
import { renderDiscordMessage } from '../../../src/platforms/discord/render-discord-message.js';
import { renderSlackBlocks } from '../../../src/platforms/slack/render-slack-blocks.js';
import { loadOwnCases } from '../../corpus/load-corpus.js';
import { discordTextLength, slackTextLength } from '../../helpers/reply-text-length.js';

/** Issue 10: a reply a Slack thread shows whole, without "Show more". */
const BUDGET = 1800;

describe('the reply text budget', () => {
  it('keeps the Slack and Discord reply to every diagnosed corpus paste within 1,800 characters', () => {
    // given every paste of our held-out cases that names a symptom
    const over: string[] = [];
    for (const paste of loadOwnCases()) {
      const diagnosis = classifyText(paste.text);
      if (diagnosis.symptom === 'none') continue;
      // when it is answered, with the time the reply would carry
      const reply = {
        ...buildDiagnosisReply({ ...diagnosis, symptom: diagnosis.symptom }),
        durationMs: 999,
      };
      const slack = slackTextLength(renderSlackBlocks(reply).blocks);
      const discord = discordTextLength(renderDiscordMessage(reply));
      if (Math.max(slack, discord) > BUDGET) over.push(`${paste.id}: ${slack} / ${discord}`);
    }
    // then
    expect(over).toEqual([]);
  });
});
