import {
  startFakeHttpServer,
  type FakeAnswer,
  type FakeHttpServer,
  type RecordedRequest,
} from './fake-http-server.js';

export type WireFormat = 'anthropic' | 'openai';

/**
 * What the gateway does next: answer with this text as the model's reply, fail as Aperture does
 * (403 no role, 429 quota in the caller's own format), send a body of another shape, or hang.
 */
export type GatewayBehaviour =
  | { reply: string; inputTokens?: number; outputTokens?: number }
  | { fail: 403 | 429 | 500 }
  | { wrongShape: true }
  | 'hang';

export interface FakeLlmGateway extends FakeHttpServer {
  behave(behaviour: GatewayBehaviour): void;
  /** Every request body as sent: what left the bot. */
  bodies(): string[];
}

/**
 * Aperture (or a provider) on 127.0.0.1 speaking both wire formats: Anthropic Messages at
 * `POST /v1/messages` and OpenAI Chat Completions at `POST /v1/chat/completions`, with their
 * error bodies. Aperture's own 403 is `{"error":"access denied: no role granted"}`; its quota 429
 * comes in the format the caller used, with Retry-After (aperture-facts.md, "Quotas").
 */
export async function startFakeLlmGateway(
  initial: GatewayBehaviour = { reply: '{"symptom":"none","confidence":0.9,"why":"chatter"}' },
): Promise<FakeLlmGateway> {
  let behaviour = initial;
  const answer =
    (format: WireFormat) =>
    (_request: RecordedRequest): FakeAnswer | 'hang' => {
      if (behaviour === 'hang') return 'hang';
      if ('wrongShape' in behaviour) return { status: 200, body: { result: 'ok' } };
      if ('fail' in behaviour) return failure(format, behaviour.fail);
      const { reply, inputTokens = 812, outputTokens = 31 } = behaviour;
      return format === 'anthropic'
        ? {
            status: 200,
            body: {
              id: 'msg_fake',
              type: 'message',
              role: 'assistant',
              model: 'claude-haiku-4-5',
              content: [{ type: 'text', text: reply }],
              stop_reason: 'end_turn',
              usage: { input_tokens: inputTokens, output_tokens: outputTokens },
            },
          }
        : {
            status: 200,
            body: {
              id: 'chatcmpl-fake',
              object: 'chat.completion',
              model: 'gpt-4.1-mini',
              choices: [
                {
                  index: 0,
                  message: { role: 'assistant', content: reply },
                  finish_reason: 'stop',
                },
              ],
              usage: {
                prompt_tokens: inputTokens,
                completion_tokens: outputTokens,
                total_tokens: inputTokens + outputTokens,
              },
            },
          };
    };
  const server = await startFakeHttpServer({
    'POST /v1/messages': answer('anthropic'),
    'POST /v1/chat/completions': answer('openai'),
  });
  return {
    ...server,
    behave: (next) => (behaviour = next),
    bodies: () => server.requests.map((request) => request.body),
  };
}

function failure(format: WireFormat, status: 403 | 429 | 500): FakeAnswer {
  if (status === 403) return { status, body: { error: 'access denied: no role granted' } };
  if (status === 429) {
    const message = 'quota exceeded: bucket daily:tag:bot is empty';
    return {
      status,
      headers: { 'retry-after': '3600' },
      body:
        format === 'anthropic'
          ? { type: 'error', error: { type: 'rate_limit_error', message } }
          : { error: { message, type: 'insufficient_quota', code: 'insufficient_quota' } },
    };
  }
  return {
    status,
    body:
      format === 'anthropic'
        ? { type: 'error', error: { type: 'api_error', message: 'Internal server error' } }
        : { error: { message: 'The server had an error', type: 'server_error', code: null } },
  };
}
