import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { readRequestBody } from '../fakes/read-request-body.js';
import { registerDiscordCommands } from '../../../src/platforms/discord/register-discord-commands.js';

async function recordPuts() {
  const puts: Array<{ path: string; body: unknown[] }> = [];
  const server = createServer((req, res) => {
    void readRequestBody(req).then((raw) => {
      puts.push({ path: req.url ?? '', body: JSON.parse(raw) as unknown[] });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(raw);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    puts,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('registerDiscordCommands', () => {
  it('bulk-overwrites the guild commands when a guild id is given', async () => {
    const api = await recordPuts();
    const result = await registerDiscordCommands({
      token: 'x',
      applicationId: '111',
      guildId: '222',
      apiUrl: api.url,
    });
    await api.close();
    expect(result).toEqual({ scope: 'guild', count: 2 });
    expect(api.puts[0]?.path).toBe('/api/v10/applications/111/guilds/222/commands');
    expect(api.puts[0]?.body).toHaveLength(2);
  });

  it('registers globally without a guild id', async () => {
    const api = await recordPuts();
    await registerDiscordCommands({ token: 'x', applicationId: '111', apiUrl: api.url });
    await api.close();
    expect(api.puts[0]?.path).toBe('/api/v10/applications/111/commands');
  });
});
