import { createServer, type Server } from 'node:http';
import type { ChatPlatform } from '../platforms/chat-platform.js';
import type { HttpRoute } from '../platforms/http-route.js';
import { listenError } from '../platforms/platform-start-error.js';
import type { Metrics } from './metrics.js';

/**
 * /healthz (200 only when every configured platform is connected, else 503: readiness), /livez
 * (200 whenever the process answers: liveness) and /metrics. Slack's HTTP mode mounts them on
 * Bolt's server; otherwise `serveRoutes` serves them on PORT.
 */
export function operationalRoutes(
  platforms: () => readonly ChatPlatform[],
  metrics: Metrics,
): HttpRoute[] {
  return [
    {
      method: 'GET',
      path: '/healthz',
      handler: (_request, response) => {
        const status = Object.fromEntries(platforms().map((p) => [p.name, p.isConnected()]));
        const ready = platforms().length > 0 && Object.values(status).every(Boolean);
        response.writeHead(ready ? 200 : 503, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ status: ready ? 'ok' : 'starting', platforms: status }));
      },
    },
    {
      // Liveness asks only "is this process answering?". /healthz is not that: a Discord standby
      // reports 503 while Redis is down, and restarting it would not bring Redis back.
      method: 'GET',
      path: '/livez',
      handler: (_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end('{"status":"alive"}');
      },
    },
    {
      method: 'GET',
      path: '/metrics',
      handler: async (_request, response) => {
        response.writeHead(200, { 'content-type': metrics.registry.contentType });
        response.end(await metrics.registry.metrics());
      },
    },
  ];
}

/** A small server for the routes when no platform server hosts them. */
export async function serveRoutes(routes: HttpRoute[], port: number): Promise<Server> {
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    const route = routes.find((r) => r.path === path && r.method === request.method);
    if (!route) {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end('{"error":"not found"}');
      return;
    }
    void Promise.resolve(route.handler(request, response)).catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => reject(listenError(error, port) ?? error));
    server.listen(port, resolve);
  });
  return server;
}
