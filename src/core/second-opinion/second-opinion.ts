import type { SymptomId, SymptomOrNone } from '../knowledge/symptom-ids.js';

/**
 * The port to the team's own model (issue 17), implemented in runtime/ over Aperture or a
 * provider. The core hands it text that is already redacted and gets back a symptom id, or a
 * failure that it may diagnose (the bot's own 403, 429 or DNS failure). The model never writes
 * remediation: the reply renders our knowledge entry's steps for the id it names.
 */
export interface SecondOpinion {
  /** The model's name, as the reply credits it ("suggested by <model>"). */
  readonly model: string;
  /**
   * Who the bot is on the tailnet (its login, or its tags comma-joined as Aperture matches them),
   * when the runtime can find out; asked only to explain a failed call.
   */
  whoAmI?(): Promise<string | undefined>;
  ask(question: SecondOpinionQuestion): Promise<SecondOpinionAnswer>;
}

export interface SecondOpinionQuestion {
  /** The paste, normalised and with every secret masked: never the raw text. */
  redactedText: string;
  /** Symptoms the person already turned down, or the classifier's unsure pick to weigh. */
  exclude: readonly SymptomId[];
  /** Whose budget the call spends: `platform:channel` (LLM_MAX_PER_HOUR per channel). */
  budgetKey: string;
}

export type SecondOpinionAnswer =
  | { ok: true; symptom: SymptomOrNone; confidence: number; why: string; model: string }
  | { ok: false; failure: SecondOpinionFailure };

/**
 * Why there is no second opinion. `gateway` and `unreachable` are the bot's own connection
 * problems, described as the text a person would paste, so the classifier can diagnose them.
 */
export type SecondOpinionFailure =
  /** The channel spent its calls for this hour. */
  | { kind: 'budget' }
  /** The model answered, but not with the JSON asked for. */
  | { kind: 'malformed' }
  /** The model named an id that is not ours. */
  | { kind: 'unknown-id' }
  /** No answer within the deadline. */
  | { kind: 'timeout'; described: string }
  /** The gateway answered with an HTTP error; `described` holds the status and body. */
  | { kind: 'gateway'; status: number; described: string }
  /** The gateway could not be reached (DNS, refused, reset). */
  | { kind: 'unreachable'; described: string };

/** When the model is consulted: explicit asks and "Not it" only, or also the private offers. */
export type SecondOpinionFor = 'asked' | 'unsure';
