import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import type { CheckContext } from '../../src/core/checks/follow-up-check.js';
import { createExitNodeCheck } from '../../src/core/checks/pasted-exit-node.js';
import { classifyText } from '../../src/core/classify/classify-text.js';
import {
  extractFacts,
  NOT_STATUS_BEFORE,
  STATUS_BEFORE,
  type PasteFacts,
} from '../../src/core/classify/extract-evidence.js';
import { normalizePaste } from '../../src/core/classify/normalize-paste.js';
import { redactSecrets } from '../../src/core/classify/redact-secrets.js';
import { parseCommand } from '../../src/core/commands/parse-command.js';
import { SYMPTOMS } from '../../src/core/knowledge/index.js';
import { redactSecretsInLogText } from '../../src/runtime/redact-log-text.js';
import { KEYWORD_SHAPES, SHAPES, type Shape } from '../helpers/adversarial-shapes.js';
import { growthRatio, LARGE_CHARS, MAX_GROWTH, type Growth } from '../helpers/growth-ratio.js';

/**
 * One paste must not freeze the bot: everything that reads pasted text stays linear in its length
 * on the inputs that make regular expressions backtrack. Each is timed at 4 KB and at 64 KB in
 * the same run, and the 64 KB time must stay within MAX_GROWTH times the 4 KB time (linear ≈ 16,
 * quadratic ≈ 256). Nothing here asserts an absolute time.
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SRC = join(ROOT, 'src');

// ---------------------------------------------------------------------------------------------
// Every regular expression literal in src/, found with the TypeScript parser.

interface Literal {
  where: string;
  file: string;
  pattern: RegExp;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

function parsed(file: string): ts.SourceFile {
  return ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
}

function walk(node: ts.Node, visit: (node: ts.Node) => void): void {
  visit(node);
  ts.forEachChild(node, (child) => walk(child, visit));
}

function area(file: string): string {
  return relative(SRC, file).split(sep).join('/');
}

const SOURCES = sourceFiles(SRC).map(parsed);

const LITERALS: Literal[] = SOURCES.flatMap((source) => {
  const found: Literal[] = [];
  walk(source, (node) => {
    if (node.kind !== ts.SyntaxKind.RegularExpressionLiteral) return;
    const text = node.getText(source);
    const end = text.lastIndexOf('/');
    const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    found.push({
      where: `${area(source.fileName)}:${line}`,
      file: area(source.fileName),
      pattern: new RegExp(text.slice(1, end), text.slice(end + 1)),
    });
  });
  return found;
});

/**
 * Only repetition (`*`, `+`, `{n,m}`) makes the work per start position grow with the input; a
 * pattern without one is linear whatever it meets.
 */
function repeats(pattern: RegExp): boolean {
  const outsideClasses = pattern.source.replace(/\\./g, '').replace(/\[[^\]]*\]/g, '');
  return /[*+]|\{\d+,\d*\}/.test(outsideClasses);
}

/**
 * Patterns that are quadratic in isolation but never meet a long input, each with the reason.
 * An entry whose pattern has left src/ fails the last test below: delete it then.
 */
const BOUNDED_BY_CONTEXT: ReadonlyArray<{ file: string; source: string; why: string }> = [
  {
    file: 'core/classify/extract-evidence.ts',
    source: String.raw`\.+$`,
    why: 'trims a host name that a bounded pattern captured (at most 253 characters)',
  },
  {
    file: 'core/classify/learned/tokens.ts',
    source: String.raw`\.+$`,
    why: 'trims a host name that a bounded pattern captured (at most 253 characters)',
  },
  {
    file: 'core/classify/extract-evidence.ts',
    source: STATUS_BEFORE.source,
    why: 'only ever tests the 40 characters before a number on its line',
  },
  {
    file: 'core/classify/extract-evidence.ts',
    source: NOT_STATUS_BEFORE.source,
    why: 'only ever tests the 40 characters before a number on its line',
  },
];

function boundedByContext(literal: Literal): boolean {
  return BOUNDED_BY_CONTEXT.some(
    (entry) => entry.file === literal.file && entry.source === literal.pattern.source,
  );
}

/** Every start position, as a global search does: the most work a pattern can be asked for. */
function searchAll(pattern: RegExp): (text: string) => unknown {
  const global = new RegExp(pattern.source, `${pattern.flags.replace(/[gy]/g, '')}g`);
  return (text) => text.replace(global, '');
}

// ---------------------------------------------------------------------------------------------
// Everything that reads a paste, called the way the bot calls it.

/** Something that reads pasted text; `prepare` runs untimed, so a signal's time is its own. */
interface Target {
  name: string;
  run(input: never): unknown;
  prepare?(text: string): unknown;
}

function target<T>(
  name: string,
  run: (input: T) => unknown,
  prepare?: (text: string) => T,
): Target {
  return { name, run, prepare };
}

const EXIT_NODE = createExitNodeCheck();
/** The check parses the paste before its first `await`, so the call itself does the work. */
function exitNodeCheck(pastedText: string): unknown {
  const context = { pastedText, signal: new AbortController().signal } as CheckContext;
  return EXIT_NODE.run(context);
}

const READER_TARGETS: readonly Target[] = [
  target('normalizePaste', normalizePaste),
  target('redactSecrets', redactSecrets),
  target('extractFacts', extractFacts),
  target('classifyText', classifyText),
  target('the exit-node check', exitNodeCheck),
  target('parseCommand', parseCommand),
  target('redactSecretsInLogText', redactSecretsInLogText),
  ...SYMPTOMS.flatMap((entry) =>
    entry.signals.map((signal) =>
      target(
        `signal ${entry.id}/${signal.name}`,
        (facts: PasteFacts) => signal.match(facts),
        extractFacts,
      ),
    ),
  ),
];

const LITERAL_TARGETS: readonly Target[] = LITERALS.filter(
  (literal) => repeats(literal.pattern) && !boundedByContext(literal),
).map((literal) =>
  target(`${literal.where} /${literal.pattern.source}/`, searchAll(literal.pattern)),
);

/** A ratio under this, though over the limit, may be a burst of load: it is measured again. */
const WORTH_A_SECOND_LOOK = 2 * MAX_GROWTH;
const LOOKS = 3;

/**
 * The targets that grow faster than linear on this shape, as readable lines. One just over the
 * limit at the full size is measured again after the others, when the load that slowed it has
 * likely passed; it counts as superlinear only if every look says so. (Over the limit at half the
 * size, where linear code is at 8, is convincing at once.)
 */
function superlinear(targets: readonly Target[], input: Shape): string[] {
  const best = new Map<Target, Growth>();
  let pending = [...targets];
  for (let look = 0; look < LOOKS && pending.length > 0; look++) {
    for (const candidate of pending) {
      const { run, prepare } = candidate;
      const growth = growthRatio(run as (input: unknown) => unknown, input.make, prepare);
      const before = best.get(candidate);
      if (!before || growth.ratio < before.ratio) best.set(candidate, growth);
    }
    pending = pending.filter((t) => {
      const growth = best.get(t);
      return (
        growth !== undefined &&
        growth.atChars === LARGE_CHARS &&
        growth.ratio > MAX_GROWTH &&
        growth.ratio <= WORTH_A_SECOND_LOOK
      );
    });
  }
  return targets.flatMap((t) => {
    const growth = best.get(t);
    if (!growth || growth.ratio <= MAX_GROWTH) return [];
    const at = growth.atChars === LARGE_CHARS ? '64 KB' : `${growth.atChars / 1024} KB already`;
    return [`${t.name}: ${growth.ratio.toFixed(0)}× the 4 KB time at ${at}`];
  });
}

describe('linear time on adversarial pastes (time at 64 KB over time at 4 KB, one run)', () => {
  for (const input of SHAPES) {
    it(`GIVEN ${input.name} THEN every repeating regex literal in src/ stays linear`, () => {
      expect(superlinear(LITERAL_TARGETS, input)).toEqual([]);
    });
  }

  for (const input of [...SHAPES, ...KEYWORD_SHAPES]) {
    it(`GIVEN ${input.name} THEN the classifier, every signal, the exit-node parser and the redactors stay linear`, () => {
      expect(superlinear(READER_TARGETS, input)).toEqual([]);
    });
  }

  it('GIVEN the sources THEN the scan found the patterns it is meant to time', () => {
    expect(LITERALS.length).toBeGreaterThan(100);
    expect(LITERAL_TARGETS.length).toBeGreaterThan(50);
    expect(LITERAL_TARGETS.map((t) => t.name)).toContainEqual(
      expect.stringContaining('core/knowledge/symptoms/key-expiry.ts'),
    );
  });

  it('GIVEN a pattern built at run time in src/ THEN it is one this test covers by calling its reader', () => {
    // signal.ts recompiles the knowledge literals (timed above, and through every signal);
    // redact-secrets.ts builds its header patterns (through redactSecrets); slack-to-core.ts
    // matches the bot's own user id, a fixed `<@U…>` string without repetition; classify-topic.ts
    // escapes each topic phrase of the knowledge base, fixed words without repetition.
    const built = SOURCES.flatMap((source) => {
      const files: string[] = [];
      walk(source, (node) => {
        const constructs = ts.isNewExpression(node) || ts.isCallExpression(node);
        if (constructs && node.expression.getText(source) === 'RegExp') {
          files.push(area(source.fileName));
        }
      });
      return files;
    });
    expect([...new Set(built)].sort()).toEqual([
      'core/classify/classify-topic.ts',
      'core/classify/redact-secrets.ts',
      'core/classify/signal.ts',
      'platforms/slack/slack-to-core.ts',
    ]);
  });

  it('GIVEN the list of patterns bounded by their context THEN each still exists in src/', () => {
    const missing = BOUNDED_BY_CONTEXT.filter(
      (entry) => !LITERALS.some((l) => l.file === entry.file && l.pattern.source === entry.source),
    );
    expect(missing).toEqual([]);
  });
});
