/**
 * What a first attempt would do: one regular expression per symptom, first match wins. The
 * benchmark and `npm run eval` measure the classifier beside it, and naive-classify-jsonl.mjs
 * runs it as the classify --jsonl floor. Plain JavaScript so that floor runs under plain node,
 * as dist/cli.js does; naive-classifier.d.mts types it for the TypeScript callers.
 */
const NAIVE = [
  ['access-denied', /403|access denied|no role granted/i],
  ['quota-429', /429|rate limit|quota/i],
  ['magicdns', /ENOTFOUND|EAI_AGAIN|could not resolve|name or service not known|magicdns/i],
  ['key-expiry', /expired|timed out|timeout|NeedsLogin/i],
  ['mullvad', /mullvad|exit node/i],
  ['tagged-identity', /tagged|same user|tag:/i],
  ['https', /https|ssl|tls|wrong version/i],
];

export function naiveClassify(text) {
  return NAIVE.find(([, pattern]) => pattern.test(text))?.[0] ?? 'none';
}
