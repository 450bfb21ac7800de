import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PAGE, renderPage } from '../../scripts/first-five-minutes.js';

describe('docs/first-five-minutes.md', () => {
  it('shows the console and the Slack thread as the code prints them today (regenerate with npm run docs:first-five-minutes)', async () => {
    const page = readFileSync(PAGE, 'utf8');
    expect(await renderPage(page)).toBe(page);
  });
});
