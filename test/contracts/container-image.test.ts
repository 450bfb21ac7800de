import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * The Dockerfile and compose file, read as text: no Docker engine runs on the build machines, so
 * the image itself is not built here. What `register-discord` needs from the image (dist/ alone)
 * is tested by running the built CLI from a copy of dist/ (test/integration/cli).
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const DOCKERFILE = readFileSync(resolve(ROOT, 'Dockerfile'), 'utf8');
/** The instructions of the last stage, the one that runs. */
const RUNTIME = (DOCKERFILE.split(/^FROM /m).at(-1) ?? '')
  .split('\n')
  .filter((line) => /^[A-Z]+ /.test(line));

it('runs production dependencies and the built dist/ only, with no tsx, src/ or scripts/', () => {
  expect(DOCKERFILE.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(2);
  expect(RUNTIME).toContain(
    'RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force',
  );
  expect(RUNTIME).toContain('COPY --from=build /app/dist ./dist');
  expect(RUNTIME.filter((line) => /\b(src|scripts|tsx)\b/.test(line))).toEqual([]);
  expect(RUNTIME).toContain('ENTRYPOINT ["node", "dist/cli.js"]');
});

it('runs as a numeric non-root user, which Kubernetes can verify against runAsNonRoot', () => {
  const users = RUNTIME.filter((line) => line.startsWith('USER '));
  expect(users).toHaveLength(1);
  const [uid] = (users[0] ?? '').slice('USER '.length).split(':');
  expect(Number(uid)).toBeGreaterThan(0);
});

it("publishes the bot's PORT in the compose file, for Slack's HTTP mode", () => {
  const compose = parse(readFileSync(resolve(ROOT, 'docker-compose.yml'), 'utf8')) as {
    services: { bot: { ports?: string[] } };
  };
  const published = compose.services.bot.ports ?? [];
  // HOST:CONTAINER, the container side being the PORT the bot listens on (3000 by default).
  expect(published).toHaveLength(1);
  expect(published[0]).toMatch(/.:\$\{PORT:-3000\}$/);
});
