import type { IncomingMessage } from 'node:http';

/** The whole request body as UTF-8: every fake server reads requests this way. */
export async function readRequestBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
