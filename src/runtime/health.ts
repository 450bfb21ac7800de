import type { ChatPlatform } from '../platforms/chat-platform.js';
import type { HttpRoute } from '../platforms/http-route.js';
import type { BotMetrics } from './metrics.js';

/** What /healthz reports for one platform. */
export interface PlatformHealth {
  name: string;
  connected: boolean;
  /** For a platform behind the gateway lock: whether this replica holds it. */
  role?: 'active' | 'standby';
}

/** A platform that can say more than connected or not (the gateway-locked Discord). */
export type HealthReporter = ChatPlatform & { health?(): PlatformHealth };

/** Ready only when every configured platform is connected (a standby counts as ready). */
export function readHealth(platforms: readonly HealthReporter[]): {
  ready: boolean;
  platforms: PlatformHealth[];
} {
  const report = platforms.map(
    (platform) => platform.health?.() ?? { name: platform.name, connected: platform.isConnected() },
  );
  return { ready: report.length > 0 && report.every((p) => p.connected), platforms: report };
}

/**
 * GET /healthz (200 ready, 503 otherwise, JSON listing the platforms) and GET /metrics
 * (Prometheus text). Served by Slack's HTTP receiver via customRoutes, or by our own server.
 * `platforms` is read on every request, so routes can be built before the platforms exist.
 */
export function createOperationalRoutes(
  platforms: () => readonly HealthReporter[],
  metrics: BotMetrics,
): HttpRoute[] {
  return [
    {
      method: 'GET',
      path: '/healthz',
      handler(_request, response) {
        const health = readHealth(platforms());
        response.writeHead(health.ready ? 200 : 503, {
          'content-type': 'application/json',
          'cache-control': 'no-store',
        });
        response.end(JSON.stringify({ status: health.ready ? 'ok' : 'unavailable', ...health }));
      },
    },
    {
      method: 'GET',
      path: '/metrics',
      async handler(_request, response) {
        const body = await metrics.registry.metrics();
        response.writeHead(200, { 'content-type': metrics.registry.contentType });
        response.end(body);
      },
    },
  ];
}
