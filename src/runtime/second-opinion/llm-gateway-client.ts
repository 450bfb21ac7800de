import { z } from 'zod';
import { redactSecrets } from '../../core/classify/redact-secrets.js';
import type { SecondOpinionPrompt } from '../../core/second-opinion/build-second-opinion-prompt.js';
import type { SecondOpinionFailure } from '../../core/second-opinion/second-opinion.js';

export type LlmApiFormat = 'anthropic' | 'openai';

export interface LlmGatewayOptions {
  /** LLM_BASE_URL: Aperture (`http://ai`) or a provider; a trailing `/v1` is tolerated. */
  baseUrl: string;
  format: LlmApiFormat;
  model: string;
  /** Not needed through Aperture, which injects the provider key. */
  apiKey?: string;
  /** The whole call, body included; 5 s by default (issue 17). */
  deadlineMs?: number;
  fetch?: typeof fetch;
}

export type LlmCompletion =
  | { ok: true; text: string; inputTokens: number; outputTokens: number }
  | { ok: false; failure: Exclude<SecondOpinionFailure, { kind: 'budget' | 'unknown-id' }> };

export const DEFAULT_DEADLINE_MS = 5000;
/** The answer is one short JSON object; more would only cost tokens. */
const MAX_OUTPUT_TOKENS = 300;
const ERROR_BODY_CHARS = 300;
/** Anthropic requires a version header; this one is the current stable Messages API. */
const ANTHROPIC_VERSION = '2023-06-01';

/** @see https://docs.anthropic.com/en/api/messages */
const anthropicReply = z.object({
  content: z.array(z.looseObject({ type: z.string(), text: z.string().optional() })),
  usage: z
    .looseObject({ input_tokens: z.number().optional(), output_tokens: z.number().optional() })
    .optional(),
});

/** @see https://platform.openai.com/docs/api-reference/chat/create */
const openaiReply = z.object({
  choices: z
    .array(z.looseObject({ message: z.looseObject({ content: z.string().nullable() }) }))
    .min(1),
  usage: z
    .looseObject({
      prompt_tokens: z.number().optional(),
      completion_tokens: z.number().optional(),
    })
    .optional(),
});

/**
 * One chat completion through the team's gateway, in either wire format, with plain `fetch` and
 * a deadline. Aperture proxies both: it routes by model name and injects the provider key, so
 * the key is sent only when configured. Failures come back described as a person would paste
 * them (method, URL, status, body or error code), for the classifier to diagnose.
 */
export function createLlmGatewayClient(options: LlmGatewayOptions) {
  const doFetch = options.fetch ?? fetch;
  const deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
  // `http://ai/v1` and `http://ai` both work: a doubled /v1 would be Aperture's 405.
  const base = options.baseUrl.replace(/\/+$/, '').replace(/\/v1$/, '');
  const url = `${base}/v1/${options.format === 'anthropic' ? 'messages' : 'chat/completions'}`;

  function request(prompt: SecondOpinionPrompt): RequestInit {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const common = { model: options.model, max_tokens: MAX_OUTPUT_TOKENS, temperature: 0 };
    // The two wire formats differ in where the key and the system prompt go.
    let body: Record<string, unknown>;
    if (options.format === 'anthropic') {
      headers['anthropic-version'] = ANTHROPIC_VERSION;
      if (options.apiKey) headers['x-api-key'] = options.apiKey;
      body = {
        ...common,
        system: prompt.system,
        messages: [{ role: 'user', content: prompt.user }],
      };
    } else {
      if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;
      body = {
        ...common,
        messages: [
          { role: 'system', content: prompt.system },
          { role: 'user', content: prompt.user },
        ],
      };
    }
    return { method: 'POST', headers, body: JSON.stringify(body) };
  }

  // A key in the URL or echoed in an error body is masked like a paste's.
  const failed = (what: string) => redactSecrets(`POST ${url} failed: ${what}`).text;

  return {
    url,
    async complete(prompt: SecondOpinionPrompt): Promise<LlmCompletion> {
      const signal = AbortSignal.timeout(deadlineMs);
      let status: number;
      let text: string;
      let retryAfter: string | null;
      try {
        const response = await doFetch(url, { ...request(prompt), signal });
        status = response.status;
        retryAfter = response.headers.get('retry-after');
        text = await response.text();
      } catch (error) {
        if (signal.aborted) {
          const described = failed(`no answer within ${deadlineMs / 1000} s (timed out)`);
          return { ok: false, failure: { kind: 'timeout', described } };
        }
        return { ok: false, failure: { kind: 'unreachable', described: failed(errorText(error)) } };
      }
      if (status < 200 || status > 299) {
        const body = text.replace(/\s+/g, ' ').slice(0, ERROR_BODY_CHARS);
        const after = retryAfter ? ` Retry-After: ${retryAfter}` : '';
        return {
          ok: false,
          failure: { kind: 'gateway', status, described: failed(`HTTP ${status}${after} ${body}`) },
        };
      }
      return readCompletion(options.format, text);
    },
  };
}

const MALFORMED: LlmCompletion = { ok: false, failure: { kind: 'malformed' } };

/** Node's fetch hides the reason in `cause` (`getaddrinfo ENOTFOUND ai`, `connect ECONNREFUSED`). */
function errorText(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof Error && cause.message) return cause.message;
  return error instanceof Error ? error.message : String(error);
}

/** The model's text and token counts; a 2xx body of another shape is a malformed answer. */
function readCompletion(format: LlmApiFormat, text: string): LlmCompletion {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return MALFORMED;
  }
  if (format === 'anthropic') {
    const parsed = anthropicReply.safeParse(json);
    if (!parsed.success) return MALFORMED;
    return {
      ok: true,
      text: parsed.data.content.map((block) => block.text ?? '').join(''),
      inputTokens: parsed.data.usage?.input_tokens ?? 0,
      outputTokens: parsed.data.usage?.output_tokens ?? 0,
    };
  }
  const parsed = openaiReply.safeParse(json);
  if (!parsed.success) return MALFORMED;
  return {
    ok: true,
    text: parsed.data.choices[0]?.message.content ?? '',
    inputTokens: parsed.data.usage?.prompt_tokens ?? 0,
    outputTokens: parsed.data.usage?.completion_tokens ?? 0,
  };
}
