/**
 * The stable symptom ids of DESIGN.md §1. Other tools read these from `classify --jsonl`, so an id
 * never changes once published.
 */
export const SEED_SYMPTOM_IDS = [
  'magicdns',
  'access-denied',
  'key-expiry',
  'quota-429',
  'mullvad',
  'tagged-identity',
  'https',
] as const;

/** Newer rows of the troubleshooting page (DESIGN.md §1, "Beyond the seed's table"). */
export const NEWER_SYMPTOM_IDS = [
  'double-v1',
  'compat-flag',
  'guardrail-block',
  'hook-unavailable',
] as const;

export const SYMPTOM_IDS = [...SEED_SYMPTOM_IDS, ...NEWER_SYMPTOM_IDS] as const;

export type SymptomId = (typeof SYMPTOM_IDS)[number];
export type SymptomOrNone = SymptomId | 'none';

export function isSymptomId(value: string): value is SymptomId {
  return (SYMPTOM_IDS as readonly string[]).includes(value);
}
