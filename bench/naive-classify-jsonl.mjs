// The floor for `npm run bench`'s classify --jsonl row: the same JSON lines in and out as
// `aperture-doctor classify --jsonl`, classified by the naive table of naive-classifier.ts (the
// same patterns, repeated here so plain node runs it, as it runs dist/cli.js).
import { createInterface } from 'node:readline';

const NAIVE = [
  ['access-denied', /403|access denied|no role granted/i],
  ['quota-429', /429|rate limit|quota/i],
  ['magicdns', /ENOTFOUND|EAI_AGAIN|could not resolve|name or service not known|magicdns/i],
  ['key-expiry', /expired|timed out|timeout|NeedsLogin/i],
  ['mullvad', /mullvad|exit node/i],
  ['tagged-identity', /tagged|same user|tag:/i],
  ['https', /https|ssl|tls|wrong version/i],
];

for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
  if (line.trim() === '') continue;
  const { id, text } = JSON.parse(line);
  const symptom = NAIVE.find(([, pattern]) => pattern.test(text))?.[0] ?? 'none';
  if (!process.stdout.write(`${JSON.stringify({ id, symptom, confidence: 1 })}\n`))
    await new Promise((resolve) => process.stdout.once('drain', resolve));
}
