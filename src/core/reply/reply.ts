import type { CheckStatus } from '../checks/follow-up-check.js';

/**
 * The platform-neutral answer. Renderers (Block Kit, Discord embeds, console text) turn it into
 * their format and enforce their own limits; the core never knows which one will.
 *
 * Text fields are plain text in which `backticks` mark code, the one markup every platform
 * shares. Renderers escape everything else.
 */
export interface Reply {
  kind: ReplyKind;
  /** Headline; for a diagnosis, the symptom title. */
  title: string;
  /** One line: the notification fallback, and the body when there is no cause. */
  summary: string;
  /**
   * Shown before everything else, the header included (a pasted secret to rotate): it matters
   * more than the diagnosis and must not sit below the fold of a Slack thread.
   */
  warnings?: ReplySection[];
  /** Why it happens, one sentence. */
  cause?: string;
  /** Numbered remediation steps. */
  steps: ReplyStep[];
  /** Extra paragraphs under the steps (deeper explanations, caveats, check details). */
  sections: ReplySection[];
  /**
   * What matched in the paste, in people's words ("your client called `ai` and got 403 …"): at
   * most three, each excerpt once, never a signal id (`describeEvidence`).
   */
  evidence: string[];
  /** Headings of deeper sections the evidence did not point at: one line links to the docs. */
  moreInDocs?: string[];
  docsUrl?: string;
  /** Buttons: follow-up checks first, then feedback. */
  actions: ReplyAction[];
  /** Set on check results: renderers show a status marker. */
  status?: CheckStatus;
  /** Only the person who asked should see it (Slack ephemeral, Discord ephemeral flag). */
  private?: boolean;
  /** How long the diagnosis took; renderers add "diagnosed in N ms" beside the docs link. */
  durationMs?: number;
  /** A private menu to choose from (Slack static select, Discord string select). */
  picker?: ReplyPicker;
  /**
   * Instead of posting anything, edit the message whose button was clicked: its buttons go and a
   * "Solved by <user>" line is added. The other fields only serve platforms that cannot edit.
   */
  updateClicked?: { solvedBy: string };
  /** Post nothing: the click changed nothing (a repeated "Solved"). */
  silent?: boolean;
  /**
   * A private result's one public line for the thread ("Lint the Aperture config: passed"); the
   * platform adds who ran it.
   */
  publicNote?: string;
}

export interface ReplyPicker {
  placeholder: string;
  /** `value` is an encoded action id, like a button's. */
  options: Array<{ label: string; value: string }>;
}

export type ReplyKind =
  'diagnosis' | 'topic' | 'check-result' | 'help' | 'symptom-list' | 'prompt' | 'notice' | 'picker';

export interface ReplyStep {
  text: string;
  /** Text to copy verbatim, shown as a code block. */
  command?: string;
}

export interface ReplySection {
  heading: string;
  body: string;
}

export interface ReplyAction {
  /** Encoded with `encodeActionId` (≤ 100 characters: Discord's custom_id limit). */
  id: string;
  label: string;
  style: 'primary' | 'secondary' | 'danger';
}
