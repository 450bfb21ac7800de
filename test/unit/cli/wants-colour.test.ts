import { describe, expect, it } from 'vitest';
import { wantsColour } from '../../../src/cli/wants-colour.js';

const terminal = { isTTY: true } as unknown as NodeJS.WritableStream;
const pipe = {} as NodeJS.WritableStream;

describe('wantsColour', () => {
  it('colours a terminal', () => {
    expect(wantsColour({ stdout: terminal, env: { TERM: 'xterm-256color' } })).toBe(true);
  });

  it('never colours a pipe by itself', () => {
    expect(wantsColour({ stdout: pipe, env: { TERM: 'xterm-256color' } })).toBe(false);
  });

  it('does not colour a dumb terminal', () => {
    expect(wantsColour({ stdout: terminal, env: { TERM: 'dumb' } })).toBe(false);
  });

  it('turns colour off with NO_COLOR set and not empty, even with FORCE_COLOR', () => {
    expect(wantsColour({ stdout: terminal, env: { NO_COLOR: '1' } })).toBe(false);
    expect(wantsColour({ stdout: terminal, env: { NO_COLOR: '1', FORCE_COLOR: '1' } })).toBe(false);
    expect(wantsColour({ stdout: terminal, env: { NO_COLOR: '' } })).toBe(true);
  });

  it('turns colour on in a pipe with FORCE_COLOR, except FORCE_COLOR=0 or false', () => {
    expect(wantsColour({ stdout: pipe, env: { FORCE_COLOR: '1' } })).toBe(true);
    expect(wantsColour({ stdout: terminal, env: { FORCE_COLOR: '0' } })).toBe(false);
    expect(wantsColour({ stdout: terminal, env: { FORCE_COLOR: 'false' } })).toBe(false);
  });
});
