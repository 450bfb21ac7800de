/**
 * What a first attempt would do: one regular expression per symptom, first match wins. The
 * benchmark and `npm run eval` measure the classifier beside it.
 */
const NAIVE: ReadonlyArray<[string, RegExp]> = [
  ['access-denied', /403|access denied|no role granted/i],
  ['quota-429', /429|rate limit|quota/i],
  ['magicdns', /ENOTFOUND|EAI_AGAIN|could not resolve|name or service not known|magicdns/i],
  ['key-expiry', /expired|timed out|timeout|NeedsLogin/i],
  ['mullvad', /mullvad|exit node/i],
  ['tagged-identity', /tagged|same user|tag:/i],
  ['https', /https|ssl|tls|wrong version/i],
];

export function naiveClassify(text: string): string {
  return NAIVE.find(([, pattern]) => pattern.test(text))?.[0] ?? 'none';
}
