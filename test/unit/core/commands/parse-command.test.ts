import { describe, expect, it } from 'vitest';
import { DEFAULT_MUTE_SECONDS, parseCommand } from '../../../../src/core/commands/parse-command.js';

describe('parseCommand', () => {
  it('reads "why 403" as a topic question', () => {
    expect(parseCommand('why 403')).toEqual({ kind: 'why', topic: '403' });
  });

  it('keeps multi-word topics whole', () => {
    expect(parseCommand('why  same user ')).toEqual({ kind: 'why', topic: 'same user' });
  });

  it('reads an empty command as empty so the caller can show help', () => {
    expect(parseCommand('   ')).toEqual({ kind: 'empty' });
  });

  it('treats anything that is not a sub-command as a paste to diagnose', () => {
    const paste = 'curl: (6) Could not resolve host: ai';
    expect(parseCommand(paste)).toEqual({ kind: 'diagnose', text: paste });
  });

  it('treats "help" followed by more words as a paste, not as help', () => {
    expect(parseCommand('help me, 403 from aperture').kind).toBe('diagnose');
  });

  it('accepts a known check id case-insensitively', () => {
    expect(parseCommand('check DNS')).toEqual({ kind: 'check', checkId: 'dns' });
  });

  it('reports a single unknown word after check as an unknown check', () => {
    expect(parseCommand('check dnss')).toEqual({ kind: 'unknown-check', given: 'dnss' });
  });

  it('mutes for an hour when no duration is given', () => {
    expect(parseCommand('mute')).toEqual({ kind: 'mute', seconds: DEFAULT_MUTE_SECONDS });
  });

  it.each([
    ['30m', 1800],
    ['2h', 7200],
    ['1 day', 86_400],
    ['45', 2700],
    ['90 seconds', 90],
    ['1w', 604_800],
  ])('mutes for %s as %i seconds', (duration, seconds) => {
    expect(parseCommand(`mute ${duration}`)).toEqual({ kind: 'mute', seconds });
  });

  it.each(['forever', '2 months', '8d', '0m', '1 month'])(
    'refuses the mute duration "%s"',
    (duration) => {
      expect(parseCommand(`mute ${duration}`).kind).toBe('bad-duration');
    },
  );
});

describe('parseCommand: whoami', () => {
  it('reads a bare "whoami" as the question, with nothing to change', () => {
    expect(parseCommand('whoami')).toEqual({ kind: 'whoami' });
  });

  it('reads a login and --admin after "whoami" as who to play, the login in lower case', () => {
    expect(parseCommand('whoami Alice@Example.com --admin')).toEqual({
      kind: 'whoami',
      set: { login: 'alice@example.com', admin: true },
    });
  });

  it('reads --no-admin as playing someone who is not an admin', () => {
    expect(parseCommand('whoami --no-admin')).toEqual({ kind: 'whoami', set: { admin: false } });
  });

  it('treats "whoami" followed by other words as a paste to diagnose', () => {
    expect(parseCommand('whoami returns 403 from ai').kind).toBe('diagnose');
  });
});
