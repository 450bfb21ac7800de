import { z } from 'zod';
import { CHECK_IDS } from '../checks/check-ids.js';
import type { Signal } from '../classify/signal.js';
import { SYMPTOM_IDS } from './symptom-ids.js';

/** A signal as `textSignal` and `factSignal` build it (classify/signal.ts). */
export const signalSchema = z.custom<Signal>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Signal).name === 'string' &&
    Number.isFinite((value as Signal).weight) &&
    typeof (value as Signal).match === 'function',
  { message: 'a signal built with textSignal or factSignal' },
);

/**
 * One remediation step. `command` holds text to copy verbatim (a shell command, a config
 * snippet); renderers show it as code. Admin-console places go in `text` ("Admin console → DNS").
 */
export const remediationStepSchema = z.object({
  text: z.string().min(1),
  command: z.string().min(1).optional(),
});

/**
 * A longer explanation (e.g. the tagged-device identity gap). A reply shows it only when the
 * evidence or the asked topic contains one of `shownFor` (lower case); otherwise one line
 * names it and links to the docs, so the common case stays short.
 */
export const deeperExplanationSchema = z.object({
  title: z.string().min(1).max(100),
  body: z.string().min(1),
  shownFor: z.array(z.string().min(1)).default([]),
});

/**
 * One row of the troubleshooting table, as data. Everything a reply says about a symptom lives
 * here, never in matcher or renderer code, so adding a symptom is one file.
 */
export const symptomEntrySchema = z.object({
  id: z.enum(SYMPTOM_IDS),
  /** Short headline, e.g. "The Aperture hostname does not resolve". Fits a Slack header (150). */
  title: z.string().min(1).max(120),
  /** One line for lists and notification fallbacks. */
  summary: z.string().min(1).max(200),
  /** One sentence: why this happens (details go in steps or `deeper`). */
  cause: z.string().min(1).max(300),
  steps: z.array(remediationStepSchema).min(1).max(10),
  deeper: z.array(deeperExplanationSchema).default([]),
  docsUrl: z.url(),
  /** Words accepted by `/aperture why <topic>`; lower case; unique across entries. */
  topics: z.array(z.string().min(1)).min(1),
  /** Follow-up checks offered as buttons, most useful first. */
  checkIds: z.array(z.enum(CHECK_IDS)).max(4),
  /** Short pastes that must classify as this symptom (tests read them). */
  examples: z.array(z.string().min(1)).min(1),
  /** Weighted evidence the classifier scores (classify/signal.ts); negative weights count against. */
  signals: z.array(signalSchema).min(1),
});

export type RemediationStep = z.infer<typeof remediationStepSchema>;
export type SymptomEntry = z.infer<typeof symptomEntrySchema>;
export type SymptomEntryInput = z.input<typeof symptomEntrySchema>;
