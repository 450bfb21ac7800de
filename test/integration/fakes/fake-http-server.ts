import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readRequestBody } from './read-request-body.js';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface FakeAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A route answers a request; `'hang'` never answers (to test deadlines). */
export type FakeRoute = (request: RecordedRequest) => FakeAnswer | 'hang';

export interface FakeHttpServer {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/**
 * A recording HTTP server on 127.0.0.1 (port 0). Routes are matched by "METHOD /path" without the
 * query string; anything else is a 404 in the JSON shape most APIs use.
 */
export async function startFakeHttpServer(
  routes: Record<string, FakeRoute>,
): Promise<FakeHttpServer> {
  const requests: RecordedRequest[] = [];
  const hanging = new Set<ServerResponse>();
  const server: Server = createServer((req, res) => {
    void readRequestBody(req).then((raw) => {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        path,
        headers: req.headers,
        body: raw,
      };
      requests.push(recorded);
      const route = routes[`${recorded.method} ${path}`];
      const answer = route ? route(recorded) : { status: 404, body: { message: 'not found' } };
      if (answer === 'hang') {
        hanging.add(res);
        return;
      }
      const text =
        answer.body === undefined
          ? ''
          : typeof answer.body === 'string'
            ? answer.body
            : JSON.stringify(answer.body);
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
