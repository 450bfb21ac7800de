import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { APPLICATION_ID, BOT_USER, CHANNEL_ID, GUILD_ID, THREAD_ID } from './fake-discord-rest.js';

/**
 * A guild as GUILD_CREATE sends it, with one text channel and one active thread under it, so
 * messages in either are not dropped (platform-facts trap 6).
 */
function guildPayload() {
  const now = new Date().toISOString();
  return {
    id: GUILD_ID,
    name: 'Acme',
    icon: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    owner_id: '900000000000000099',
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    mfa_level: 0,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: 0,
    rules_channel_id: null,
    public_updates_channel_id: null,
    safety_alerts_channel_id: null,
    vanity_url_code: null,
    premium_tier: 0,
    premium_subscription_count: 0,
    preferred_locale: 'en-US',
    nsfw_level: 0,
    premium_progress_bar_enabled: false,
    features: [],
    emojis: [],
    stickers: [],
    joined_at: now,
    large: false,
    unavailable: false,
    member_count: 2,
    voice_states: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    threads: [
      {
        id: THREAD_ID,
        type: 11,
        guild_id: GUILD_ID,
        parent_id: CHANNEL_ID,
        name: 'help with ai',
        owner_id: '900000000000000010',
        flags: 0,
        rate_limit_per_user: 0,
        message_count: 1,
        member_count: 1,
        total_message_sent: 1,
        last_message_id: null,
        thread_metadata: {
          archived: false,
          auto_archive_duration: 1440,
          archive_timestamp: now,
          locked: false,
        },
      },
    ],
    roles: [
      {
        id: GUILD_ID,
        name: '@everyone',
        color: 0,
        hoist: false,
        position: 0,
        permissions: '377957125184',
        managed: false,
        mentionable: false,
        flags: 0,
      },
    ],
    members: [{ user: BOT_USER, roles: [], joined_at: now, deaf: false, mute: false, flags: 0 }],
    channels: [
      {
        id: CHANNEL_ID,
        type: 0,
        guild_id: GUILD_ID,
        name: 'alerts',
        position: 0,
        permission_overwrites: [],
        nsfw: false,
        parent_id: null,
        topic: null,
        last_message_id: null,
        rate_limit_per_user: 0,
        flags: 0,
      },
    ],
  };
}

/**
 * A fake Discord gateway for the real client: HELLO, IDENTIFY → READY and GUILD_CREATE, heartbeat
 * ACKs, then dispatches with a rising sequence number. JSON encoding, no compression.
 */
export class FakeDiscordGateway {
  #server: WebSocketServer | undefined;
  #socket: WebSocket | undefined;
  #sequence = 0;
  identified = 0;
  url = '';

  async start(): Promise<this> {
    this.#server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => this.#server?.once('listening', () => resolve()));
    this.url = `ws://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    this.#server.on('connection', (socket) => {
      this.#socket = socket;
      socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41_250 }, s: null, t: null }));
      socket.on('message', (data) => {
        const packet = JSON.parse(data.toString()) as { op: number };
        if (packet.op === 1) socket.send(JSON.stringify({ op: 11, d: null, s: null, t: null }));
        if (packet.op === 2) {
          this.identified++;
          this.dispatch('READY', {
            v: 10,
            user: BOT_USER,
            guilds: [{ id: GUILD_ID, unavailable: true }],
            session_id: `session-${this.identified}`,
            resume_gateway_url: this.url,
            shard: [0, 1],
            application: { id: APPLICATION_ID, flags: 0 },
          });
          this.dispatch('GUILD_CREATE', guildPayload());
        }
      });
    });
    return this;
  }

  dispatch(event: string, data: unknown): void {
    this.#socket?.send(JSON.stringify({ op: 0, t: event, s: ++this.#sequence, d: data }));
  }

  async close(): Promise<void> {
    for (const client of this.#server?.clients ?? []) client.terminate();
    await new Promise<void>((resolve) => this.#server?.close(() => resolve()));
  }
}
