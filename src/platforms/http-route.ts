import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * An extra HTTP route (/healthz, /metrics). Slack's HTTP mode mounts these on Bolt's own server
 * through `customRoutes`; otherwise the runtime serves them on PORT itself.
 */
export interface HttpRoute {
  method: 'GET';
  path: string;
  handler(request: IncomingMessage, response: ServerResponse): void | Promise<void>;
}
