import type { Requester } from '../checks/follow-up-check.js';

/** The platforms the core can be asked from; renderers exist for each. */
export type PlatformName = 'slack' | 'discord' | 'console';

/**
 * A message as the core sees it. Adapters drop bots, edits and the bot's own messages before
 * building one (`*-to-core.ts`).
 */
export interface IncomingMessage {
  platform: PlatformName;
  channelId: string;
  /** Slack `ts`, Discord message id: unique within the channel. */
  messageId: string;
  /** Root of the thread the reply goes to: the parent's id when the message is in a thread. */
  threadRootId: string;
  userId: string;
  text: string;
  /**
   * True when someone asked explicitly (a mention, the message shortcut, the context menu):
   * noise control is skipped and a `none` diagnosis still gets an answer.
   */
  asked: boolean;
}

/** `/aperture <text>` on any platform; `text` is everything after the command name. */
export interface CommandInvocation {
  platform: PlatformName;
  channelId: string;
  userId: string;
  text: string;
  requester: Requester;
}

/** A button click; `actionId` is the raw id, decoded by the core. */
export interface ActionInvocation {
  platform: PlatformName;
  channelId: string;
  userId: string;
  actionId: string;
  requester: Requester;
  /** The message holding the button (Slack `ts`, Discord message id): "Solved" counts once per reply. */
  messageId?: string;
  /** The text of the message the diagnosis answered, when the platform can supply it. */
  pastedText?: string;
}
