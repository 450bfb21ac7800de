import { findSymptomByTopic, SYMPTOMS } from '../knowledge/index.js';
import type { SymptomId } from '../knowledge/symptom-ids.js';
import { rankSymptoms } from './classify-paste.js';

/** An explicit question names its symptom when the classifier gives it at least this much. */
const ASKED_FLOOR = 0.2;

export interface TopicAnswer {
  symptom: SymptomId;
  /** How it was found: a topic word, a topic phrase inside the words, or the classifier. */
  via: 'topic' | 'phrase' | 'classifier';
  confidence: number;
}

/** Topic phrases, longest first, so "connection refused" wins over "refused". */
const PHRASES = SYMPTOMS.flatMap((entry) => entry.topics.map((topic) => ({ topic, entry })))
  .filter(({ topic }) => topic.length >= 3)
  .sort((a, b) => b.topic.length - a.topic.length)
  .map(({ topic, entry }) => ({
    entry,
    pattern: new RegExp(
      `(?<![\\w-])${topic.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}s?(?![\\w-])`,
      'i',
    ),
  }));

/**
 * `/aperture why <words>`: a known topic ("403", "dns"), else a topic phrase among the words
 * ("Why do I get 403?"), else the symptom the classifier likes best for them. The person asked
 * about Aperture, so a weaker hint is enough than for a paste nobody asked about.
 */
export function classifyTopic(words: string): TopicAnswer | undefined {
  const topic = words.trim().slice(0, 500);
  if (topic === '') return undefined;
  const entry = findSymptomByTopic(topic);
  if (entry) return { symptom: entry.id, via: 'topic', confidence: 1 };
  const phrase = PHRASES.find(({ pattern }) => pattern.test(topic));
  if (phrase) return { symptom: phrase.entry.id, via: 'phrase', confidence: 0.9 };
  const [best] = rankSymptoms(topic);
  if (best && best.confidence >= ASKED_FLOOR)
    return { symptom: best.symptom, via: 'classifier', confidence: best.confidence };
  return undefined;
}
