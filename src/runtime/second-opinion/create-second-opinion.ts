import { buildSecondOpinionPrompt } from '../../core/second-opinion/build-second-opinion-prompt.js';
import { parseSecondOpinion } from '../../core/second-opinion/parse-second-opinion.js';
import type {
  SecondOpinion,
  SecondOpinionAnswer,
} from '../../core/second-opinion/second-opinion.js';
import type { PlatformLogger } from '../../platforms/platform-logger.js';
import { createLlmGatewayClient, type LlmGatewayOptions } from './llm-gateway-client.js';
import type { SecondOpinionBudget } from './second-opinion-budget.js';

/** `answered` (a symptom) or `none`, or why there was no usable answer. */
export type SecondOpinionOutcome =
  | 'answered'
  | 'none'
  | 'budget'
  | 'malformed'
  | 'unknown-id'
  | 'timeout'
  | 'gateway-error'
  | 'unreachable';

/** What /metrics counts per call (metrics.ts implements it with prom-client). */
export interface SecondOpinionInstruments {
  called(
    model: string,
    outcome: SecondOpinionOutcome,
    seconds: number,
    tokens: { input: number; output: number },
  ): void;
}

export interface SecondOpinionParts {
  gateway: LlmGatewayOptions;
  budget: SecondOpinionBudget;
  logger?: PlatformLogger;
  instruments?: SecondOpinionInstruments;
  whoAmI?: () => Promise<string | undefined>;
  now?: () => number;
}

/**
 * The SecondOpinion port over the gateway: budget first, then one call, then the zod reading of
 * the answer. Every call leaves one audit line (the redacted paste's length, the model, the
 * outcome, tokens and latency), never the text.
 */
export function createSecondOpinion(parts: SecondOpinionParts): SecondOpinion {
  const client = createLlmGatewayClient(parts.gateway);
  const model = parts.gateway.model;
  const now = parts.now ?? Date.now;
  const audit = (
    budgetKey: string,
    redactedChars: number,
    outcome: SecondOpinionOutcome,
    extra: Record<string, unknown> = {},
  ) => {
    const [platform, channel] = splitKey(budgetKey);
    const line = { audit: 'second-opinion', platform, channel, model, redactedChars, outcome };
    if (outcome === 'gateway-error' || outcome === 'unreachable' || outcome === 'timeout')
      parts.logger?.warn({ ...line, ...extra }, 'second opinion failed');
    else parts.logger?.info({ ...line, ...extra }, 'second opinion');
  };
  return {
    model,
    ...(parts.whoAmI ? { whoAmI: parts.whoAmI } : {}),
    async ask(question): Promise<SecondOpinionAnswer> {
      const chars = question.redactedText.length;
      if (!(await parts.budget.take(question.budgetKey))) {
        parts.instruments?.called(model, 'budget', 0, { input: 0, output: 0 });
        audit(question.budgetKey, chars, 'budget');
        return { ok: false, failure: { kind: 'budget' } };
      }
      const startedAt = now();
      const completion = await client.complete(
        buildSecondOpinionPrompt(question.redactedText, question.exclude),
      );
      const seconds = (now() - startedAt) / 1000;
      const latencyMs = Math.round(seconds * 1000);
      if (!completion.ok) {
        const { failure } = completion;
        const outcome: SecondOpinionOutcome =
          failure.kind === 'gateway' ? 'gateway-error' : failure.kind;
        parts.instruments?.called(model, outcome, seconds, { input: 0, output: 0 });
        audit(question.budgetKey, chars, outcome, {
          latencyMs,
          ...(failure.kind === 'gateway' ? { status: failure.status } : {}),
        });
        return { ok: false, failure };
      }
      const tokens = { input: completion.inputTokens, output: completion.outputTokens };
      const parsed = parseSecondOpinion(completion.text);
      const outcome: SecondOpinionOutcome = !parsed.ok
        ? parsed.kind
        : parsed.symptom === 'none'
          ? 'none'
          : 'answered';
      parts.instruments?.called(model, outcome, seconds, tokens);
      audit(question.budgetKey, chars, outcome, {
        latencyMs,
        inputTokens: tokens.input,
        outputTokens: tokens.output,
        ...(parsed.ok ? { symptom: parsed.symptom } : {}),
      });
      if (!parsed.ok) return { ok: false, failure: { kind: parsed.kind } };
      const { symptom, confidence, why } = parsed;
      return { ok: true, symptom, confidence, why, model };
    },
  };
}

function splitKey(budgetKey: string): [string, string] {
  const at = budgetKey.indexOf(':');
  return at < 0 ? [budgetKey, ''] : [budgetKey.slice(0, at), budgetKey.slice(at + 1)];
}
