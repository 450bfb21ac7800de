import type { ChatPlatform } from '../platforms/chat-platform.js';

/**
 * A platform whose SDK is imported when it starts, not when the process loads: a Slack-only bot
 * never loads discord.js (about 45 MB of resident memory) and a Discord-only bot never loads Bolt.
 */
export function createLazyPlatform(
  name: ChatPlatform['name'],
  load: () => Promise<ChatPlatform>,
): ChatPlatform {
  let platform: ChatPlatform | undefined;
  return {
    name,
    isConnected: () => platform?.isConnected() ?? false,
    async start() {
      platform ??= await load();
      await platform.start();
    },
    async stop(deadlineAt) {
      await platform?.stop(deadlineAt);
    },
  };
}
