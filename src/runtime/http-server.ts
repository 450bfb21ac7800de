import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HttpRoute } from '../platforms/http-route.js';
import type { PlatformLogger } from '../platforms/platform-logger.js';

/** The operational server when Slack's HTTP receiver is not there to mount the routes. */
export interface RunningHttpServer {
  port: number;
  close(): Promise<void>;
}

/** Serves `routes` on `port` (0: any free port) and `host`; anything else is a 404. */
export async function startHttpServer(
  routes: readonly HttpRoute[],
  port: number,
  logger: PlatformLogger,
  host = '0.0.0.0',
): Promise<RunningHttpServer> {
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    const route = routes.find((r) => r.method === request.method && r.path === path);
    if (!route) {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end('{"error":"not found"}');
      return;
    }
    Promise.resolve(route.handler(request, response)).catch((error: Error) => {
      logger.error({ path, message: error.message }, 'HTTP route failed');
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  // Probes are short: do not let a slow client hold a socket for Node's 5-minute default.
  server.requestTimeout = 10_000;
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  logger.info({ port: bound }, 'health and metrics server listening');
  return {
    port: bound,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
