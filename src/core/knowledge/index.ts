import type { SymptomEntry, SymptomEntryInput } from './symptom-entry.js';
import type { SymptomId } from './symptom-ids.js';
import { accessDenied } from './symptoms/access-denied.js';
import { compatFlag } from './symptoms/compat-flag.js';
import { doubleV1 } from './symptoms/double-v1.js';
import { guardrailBlock } from './symptoms/guardrail-block.js';
import { hookUnavailable } from './symptoms/hook-unavailable.js';
import { https } from './symptoms/https.js';
import { keyExpiry } from './symptoms/key-expiry.js';
import { magicdns } from './symptoms/magicdns.js';
import { mullvad } from './symptoms/mullvad.js';
import { quota429 } from './symptoms/quota-429.js';
import { taggedIdentity } from './symptoms/tagged-identity.js';

const ENTRIES: readonly SymptomEntryInput[] = [
  magicdns,
  accessDenied,
  keyExpiry,
  quota429,
  mullvad,
  taggedIdentity,
  https,
  doubleV1,
  compatFlag,
  guardrailBlock,
  hookUnavailable,
];

/**
 * Every symptom, with the schema's defaults filled in. The entries are validated against
 * `symptomEntrySchema` by test/unit/core/knowledge/symptom-entries.test.ts, not here: loading zod
 * at import would slow every command's start-up (the classifier's included) by a third.
 */
export const SYMPTOMS: readonly SymptomEntry[] = ENTRIES.map(withDefaults);

/** What `symptomEntrySchema.parse` adds to a valid entry: the empty lists it defaults. */
function withDefaults(entry: SymptomEntryInput): SymptomEntry {
  return {
    ...entry,
    deeper: (entry.deeper ?? []).map((deeper) => ({ ...deeper, shownFor: deeper.shownFor ?? [] })),
  };
}

const BY_ID = new Map(SYMPTOMS.map((entry) => [entry.id, entry]));
const BY_TOPIC = new Map(
  SYMPTOMS.flatMap((entry) =>
    [entry.id, ...entry.topics].map((topic) => [normalizeTopic(topic), entry] as const),
  ),
);

export function findSymptomById(id: SymptomId): SymptomEntry {
  const entry = BY_ID.get(id);
  if (!entry) throw new Error(`no knowledge entry for symptom "${id}"`);
  return entry;
}

/** `why <topic>`: an id, a status code or a keyword, in any case, with extra spaces or quotes. */
export function findSymptomByTopic(topic: string): SymptomEntry | undefined {
  return BY_TOPIC.get(normalizeTopic(topic));
}

function normalizeTopic(topic: string): string {
  return topic
    .toLowerCase()
    .replace(/["'`]/g, '')
    .replace(/[\s_]+/g, ' ')
    .replace(/^http\s+/, '')
    .replace(/s$/, '')
    .trim();
}
