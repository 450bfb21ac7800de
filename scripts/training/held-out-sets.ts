/** The sets the classifier is scored on but never trained on. */
import { loadDevCorpus, loadOwnCases, type CorpusCase } from '../../test/corpus/load-corpus.js';

export function heldOutSets(): Array<{ name: string; cases: CorpusCase[] }> {
  return [
    { name: 'the shared dev corpus (never trained on)', cases: loadDevCorpus() },
    { name: 'our own held-out cases (test/corpus/cases)', cases: loadOwnCases() },
  ];
}
