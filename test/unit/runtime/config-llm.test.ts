import { describe, expect, it } from 'vitest';
import { SECRET_VARIABLES, loadConfig } from '../../../src/runtime/config.js';

const problemsOf = (env: Record<string, string>) => {
  const loaded = loadConfig(env);
  return loaded.ok ? [] : loaded.problems.map((problem) => problem.variable);
};

describe('the LLM_* variables', () => {
  it('GIVEN none of them THEN the second opinion is off, with the documented defaults', () => {
    const loaded = loadConfig({});
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    const { LLM_BASE_URL, LLM_API_FORMAT, LLM_FOR, LLM_MAX_PER_HOUR } = loaded.config;
    expect({ LLM_BASE_URL, LLM_API_FORMAT, LLM_FOR, LLM_MAX_PER_HOUR }).toEqual({
      LLM_BASE_URL: undefined,
      LLM_API_FORMAT: 'anthropic',
      LLM_FOR: 'asked',
      LLM_MAX_PER_HOUR: 30,
    });
  });

  it('GIVEN LLM_BASE_URL without LLM_MODEL THEN LLM_MODEL is reported missing', () => {
    expect(problemsOf({ LLM_BASE_URL: 'http://ai' })).toEqual(['LLM_MODEL']);
  });

  it.each([
    ['LLM_BASE_URL', 'ai'],
    ['LLM_API_FORMAT', 'gemini'],
    ['LLM_FOR', 'always'],
    ['LLM_MAX_PER_HOUR', 'lots'],
  ])('GIVEN %s=%s THEN that variable is reported', (name, value) => {
    expect(problemsOf({ LLM_BASE_URL: 'http://ai', LLM_MODEL: 'm', [name]: value })).toEqual([
      name,
    ]);
  });

  it('GIVEN LLM_API_KEY THEN it is a secret: never printed, redacted from logs', () => {
    expect(SECRET_VARIABLES).toContain('LLM_API_KEY');
  });
});
