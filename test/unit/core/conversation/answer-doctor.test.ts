import { describe, expect, it } from 'vitest';
import { DOCTOR_CHECKS } from '../../../../src/core/checks/doctor-report.js';
import { parseCommand } from '../../../../src/core/commands/parse-command.js';
import { answerCommand } from '../../../../src/core/conversation/answer-command.js';
import type { CommandInvocation } from '../../../../src/core/conversation/incoming.js';
import { ADMIN, MEMBER, buildConversationDeps } from '../../../helpers/build-conversation-deps.js';

function command(text: string, requester = MEMBER): CommandInvocation {
  return { platform: 'slack', channelId: 'C1', userId: requester.userId, text, requester };
}

describe('/aperture doctor', () => {
  it('is its own command when alone, and a paste to diagnose when words follow it', () => {
    expect(parseCommand('doctor')).toEqual({ kind: 'doctor' });
    expect(parseCommand('Doctor')).toEqual({ kind: 'doctor' });
    expect(parseCommand('doctor says 403 access denied')).toMatchObject({ kind: 'diagnose' });
  });

  it('runs every doctor check for an admin and answers privately, one line each', async () => {
    const { deps, checkCalls } = buildConversationDeps();
    const reply = await answerCommand(command('doctor', ADMIN), deps);
    expect(checkCalls.map((c) => c.checkId).sort()).toEqual([...DOCTOR_CHECKS].sort());
    expect(reply.private).toBe(true);
    expect(reply.summary).toMatch(/9 passed, 0 failed, 0 skipped/);
    expect(reply.sections[0]?.body.split('\n')).toHaveLength(DOCTOR_CHECKS.length);
  });

  it('refuses a member privately without running a single check: it reveals configuration', async () => {
    const { deps, checkCalls } = buildConversationDeps();
    const reply = await answerCommand(command('doctor'), deps);
    expect(checkCalls).toEqual([]);
    expect(reply).toMatchObject({ private: true, title: expect.stringMatching(/only admins/) });
  });
});
