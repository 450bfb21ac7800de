import { describe, expect, it } from 'vitest';
import { conceptsOf } from '../../../../../src/core/classify/learned/concepts.js';

const words = (text: string) => new Set(text.split(' '));

describe('conceptsOf', () => {
  it('names a concept by any word that starts with one of its stems', () => {
    expect(conceptsOf(words('could not resolve host'))).toContain('name');
    expect(conceptsOf(words('getaddrinfo enotfound'))).toContain('name');
    expect(conceptsOf(words('the key expired last week'))).toContain('expiry');
  });

  it('gives a word every concept its stem belongs to', () => {
    expect(conceptsOf(words('policy'))).toEqual(['grant', 'hook']);
  });

  it('reads the masked host and address tokens', () => {
    expect(conceptsOf(words('zhost_aperture zip_tailnet'))).toEqual(['address', 'gateway']);
  });

  it('does not tell a failure that recurs as fixed', () => {
    expect(conceptsOf(words('stopped working again could not be resolved'))).not.toContain('fixed');
  });

  it('returns the concepts sorted, each once', () => {
    expect(conceptsOf(words('timeout hang dns nxdomain'))).toEqual(['name', 'unreachable']);
  });

  it('names nothing for words outside every concept', () => {
    expect(conceptsOf(words('lunch on friday'))).toEqual([]);
  });
});
