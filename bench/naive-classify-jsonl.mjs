// The floor for `npm run bench`'s classify --jsonl row: the same JSON lines in and out as
// `aperture-doctor classify --jsonl`, classified by the naive table, under plain node as
// dist/cli.js runs.
import { createInterface } from 'node:readline';
import { naiveClassify } from './naive-classifier.mjs';

for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
  if (line.trim() === '') continue;
  const { id, text } = JSON.parse(line);
  const symptom = naiveClassify(text);
  if (!process.stdout.write(`${JSON.stringify({ id, symptom, confidence: 1 })}\n`))
    await new Promise((resolve) => process.stdout.once('drain', resolve));
}
