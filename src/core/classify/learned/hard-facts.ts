import type { FeatureVector } from './feature-vector.js';

/**
 * Facts the learned layer must not overrule: where cross-validation shows the rule is right every
 * time and the model, weighing words, sometimes is not. Each reads the features (so training's
 * evaluation and the bot apply the same ones) and either rules a symptom out or names one.
 */
export interface HardFact {
  name: string;
  applies(features: FeatureVector): boolean;
  /** Symptoms this fact rules out. */
  rulesOut?: readonly string[];
  /** The symptom this fact names, whatever else the words suggest. */
  names?: string;
}
// `access denied: no role granted` without an exit node or a guardrail is access-denied in 99
// of 100 held-out cases, and the model already gets those right: not a hard fact.

const fired = (features: FeatureVector, signal: string) => features.has(`s:${signal}`);
const calledAperture = (features: FeatureVector) => features.has('f:host:aperture');

export const HARD_FACTS: readonly HardFact[] = [
  {
    // "You exceeded your current quota, please check your plan and billing details": the
    // provider's own limit, unless the client plainly called Aperture.
    name: 'provider-rate-limit-wording',
    applies: (f) => fired(f, 'quota-429/provider-own-wording') && !calledAperture(f),
    rulesOut: ['quota-429'],
  },
  {
    // The Agents page fills in `your-aperture-host` when MagicDNS is off (DESIGN §1). In the
    // training corpus it is magicdns in 22 of 23 cases; the other is a runbook quoting it. Too
    // few cases for the words around it to outweigh a short, calm "the page shows …".
    name: 'placeholder-host',
    applies: (f) => f.has('f:placeholder-host') && !f.has('f:resolved'),
    names: 'magicdns',
  },
  {
    // The client called api.anthropic.com or api.openai.com and nothing on the tailnet.
    name: 'provider-host-only',
    applies: (f) => fired(f, 'quota-429/provider-host-called'),
    rulesOut: ['quota-429', 'access-denied'],
  },
];

/** The probabilities with every applicable hard fact enforced, renormalised. */
export function applyHardFacts(
  classes: readonly string[],
  probabilities: Float64Array,
  features: FeatureVector,
): Float64Array {
  const out = Float64Array.from(probabilities);
  const applicable = HARD_FACTS.filter((fact) => fact.applies(features));
  for (const fact of applicable) {
    for (const ruledOut of fact.rulesOut ?? []) {
      const c = classes.indexOf(ruledOut);
      if (c !== -1) out[c] = 0;
    }
  }
  let sum = 0;
  for (const p of out) sum += p;
  if (sum > 0) for (let c = 0; c < out.length; c++) out[c] = (out[c] ?? 0) / sum;
  for (const fact of applicable) {
    const named = fact.names === undefined ? -1 : classes.indexOf(fact.names);
    if (named === -1 || (out[named] ?? 0) >= NAMED_AT) continue;
    // The named symptom gets NAMED_AT; the others share the rest in their proportions.
    const rest = 1 - (out[named] ?? 0);
    for (let c = 0; c < out.length; c++)
      out[c] = c === named ? NAMED_AT : rest > 0 ? ((out[c] ?? 0) / rest) * (1 - NAMED_AT) : 0;
  }
  return out;
}

/** The confidence a hard fact that names a symptom gives it: the confident-reply tier. */
const NAMED_AT = 0.95;
