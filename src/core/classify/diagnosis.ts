import type { SymptomId, SymptomOrNone } from '../knowledge/symptom-ids.js';

/** Why the classifier believes what it says: which signal fired, on which part of the paste. */
export interface Evidence {
  /** Stable signal name, e.g. `status-403`, `aperture-denied-body`, `enotfound-short-host`. */
  signal: string;
  /** The (redacted, trimmed) part of the paste that matched; at most ~120 characters. */
  excerpt: string;
}

export interface Alternative {
  symptom: SymptomId;
  confidence: number;
}

/** Kinds of secrets that redaction found (never the secret itself); see redact-secrets.ts. */
export type SecretKind =
  | 'private-key'
  | 'authorization-header'
  | 'basic-credentials'
  | 'api-key-header'
  | 'cookie'
  | 'url-credentials'
  | 'url-query-secret'
  | 'aws-secret-key'
  | 'password-field'
  | 'credential-field'
  | 'tailscale-key'
  | 'anthropic-key'
  | 'openai-key'
  | 'slack-token'
  | 'slack-webhook'
  | 'github-token'
  | 'gitlab-token'
  | 'npm-token'
  | 'aws-access-key'
  | 'google-api-key'
  | 'stripe-key'
  | 'huggingface-token'
  | 'discord-token'
  | 'discord-webhook'
  | 'jwt'
  | 'bearer-token';

/**
 * Something the reply must say beside the symptom, with its wording in the knowledge base
 * (`knowledge/caveats.ts`). E.g. `provider-429-possible`: nothing tells Aperture's quota 429
 * from the provider's own, so both causes are named.
 */
export type CaveatId = 'provider-429-possible' | 'secret-pasted';

export interface Diagnosis {
  symptom: SymptomOrNone;
  /** 0..1. Noise control tiers read this (conversation/noise-control.ts). */
  confidence: number;
  evidence: Evidence[];
  /** Next likeliest symptoms, best first ("Not it" shows the first). */
  alternatives: Alternative[];
  caveats: CaveatId[];
  secretsFound: SecretKind[];
}
