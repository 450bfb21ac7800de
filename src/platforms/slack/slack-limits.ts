/**
 * Block Kit limits the renderer respects.
 * @see https://api.slack.com/reference/block-kit/blocks
 */
export const SLACK_LIMITS = {
  blocks: 50,
  sectionText: 3000,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  actionsElements: 25,
  contextElements: 10,
  /** Notification fallback: Slack truncates past 40,000; keep it short. */
  fallbackText: 300,
  /**
   * Text summed over all blocks fails with `msg_blocks_too_long` around 12,000-13,300 characters
   * (undocumented, platform-facts.md trap 5): cap a rendered reply near 10,000.
   */
  totalBlockText: 10_000,
} as const;
