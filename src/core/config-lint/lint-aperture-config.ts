import { printParseErrorCode, type ParseError } from 'jsonc-parser';
import {
  code,
  isRecord,
  type LintContext,
  type LintFinding,
  type LintRule,
} from './lint-finding.js';
import {
  adminAccess,
  adminReachable,
  grantCarriesDst,
  grantFields,
  modelsWithoutRole,
  srcCannotMatch,
} from './rules/grant-rules.js';
import { excessNestingOffset, isEmptyDocument, parseHujson } from './parse-hujson.js';
import { providerBaseUrls } from './rules/provider-rules.js';
import { bucketDefinitions, undefinedBuckets, unreferencedBuckets } from './rules/quota-rules.js';

const RULES: readonly LintRule[] = [
  srcCannotMatch,
  modelsWithoutRole,
  adminAccess,
  adminReachable,
  grantCarriesDst,
  grantFields,
  undefinedBuckets,
  bucketDefinitions,
  unreferencedBuckets,
  providerBaseUrls,
];

const KNOWN_TOP_LEVEL = new Set([
  'grants',
  'quotas',
  'providers',
  'hooks',
  'auth_mode',
  'temp_grants',
  'hash',
  'config',
]);

/** Aperture configs nest about six levels deep; anything past this is not one, and is not parsed. */
export const MAX_NESTING = 64;

export interface LintReport {
  findings: LintFinding[];
  errors: number;
  warnings: number;
  infos: number;
  /** False when the document could not be linted at all (the findings say why). */
  linted: boolean;
}

export interface LintOptions {
  /** Tailscale devices, to check tag strings against the tags devices really carry. */
  devices?: ReadonlyArray<{ tags: string[] }>;
  /** Set when linting the text inside a `{config, hash}` wrapper, which is not unwrapped again. */
  unwrapped?: boolean;
}

/** Lints an Aperture configuration given as JSON or HuJSON text. Never throws. */
export function lintApertureConfig(text: string, options: LintOptions = {}): LintReport {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const tooDeep = excessNestingOffset(source, MAX_NESTING);
  if (tooDeep !== undefined) {
    return notLinted({
      rule: 'too-deep',
      message: `The document nests more than ${MAX_NESTING} levels deep (line ${lineOf(source, tooDeep)}); an Aperture config nests about six, so this one was not linted.`,
      fix: 'Check that this is the right file, and that its brackets are balanced.',
    });
  }
  if (isEmptyDocument(source)) {
    return notLinted({
      rule: 'empty-document',
      message: 'The document is empty.',
      fix: 'Check the file name, or whatever was piped in: the config was not there.',
    });
  }
  const errors: ParseError[] = [];
  const parsed = parseHujson(source, errors);
  const first = errors[0];
  if (first) {
    return notLinted({
      rule: 'parse-error',
      message: `Not valid JSON or HuJSON: ${printParseErrorCode(first.error)} at offset ${first.offset} (line ${lineOf(source, first.offset)}).`,
      fix: 'Fix the syntax at that line. HuJSON allows `//` and `/* */` comments and trailing commas; plain JSON tools reject those, so check it with a HuJSON-aware editor such as the tailnet policy editor.',
    });
  }
  if (!isRecord(parsed)) {
    return notLinted({
      rule: 'not-an-object',
      message: `Not an Aperture config: the root must be an object, and this is ${kindOf(parsed)}.`,
      fix: 'Lint the config itself: an object with `grants`, `providers`, `quotas` and so on.',
    });
  }
  // GET /api/config wraps the document with its hash, as HuJSON text; lint what is inside.
  if (typeof parsed.config === 'string' && parsed.hash !== undefined && !options.unwrapped) {
    const inner = lintApertureConfig(parsed.config, { ...options, unwrapped: true });
    if (inner.linted) return inner;
    return report(
      inner.findings.map((f) => ({
        ...f,
        path: f.path ? `config.${f.path}` : 'config',
        message: `In \`config\`: ${f.message}`,
      })),
      false,
    );
  }
  const config = isRecord(parsed.config) ? parsed.config : parsed;
  const context: LintContext = options.devices
    ? {
        deviceTagSets: new Set(
          options.devices.filter((d) => d.tags.length > 0).map((d) => [...d.tags].sort().join(',')),
        ),
      }
    : {};
  const findings = RULES.flatMap((rule) => rule(config, context));
  findings.push(...grantGeneration(config));
  for (const key of Object.keys(config).filter((k) => !KNOWN_TOP_LEVEL.has(k))) {
    findings.push({
      severity: 'info',
      rule: 'unknown-field',
      path: key,
      message: `Top-level field ${code(key)} is not one this linter knows.`,
      fix: 'Check the spelling against the Aperture configuration reference.',
    });
  }
  return report(findings);
}

/** Which generation of instance the grants key implies: what a `src` can match depends on it. */
function grantGeneration(config: Record<string, unknown>): LintFinding[] {
  if (config.temp_grants === undefined) return [];
  if (config.grants === undefined) {
    return [
      {
        severity: 'info',
        rule: 'older-config-key',
        path: 'temp_grants',
        message:
          '`temp_grants` is the key of early-2026 instances, where a `src` matches only login names and `*` (no tags, no groups).',
        fix: 'Nothing to do for such an instance; after upgrading it, move the grants under `grants`, where exact tag strings and groups match too.',
      },
    ];
  }
  return [
    {
      severity: 'warning',
      rule: 'both-grant-keys',
      path: 'temp_grants',
      message:
        'The config has both `grants` (the key of current instances, where tags and groups match) and `temp_grants` (the key of early-2026 instances, where only login names and `*` match).',
      fix: "Check the instance's version and keep every grant under the one key it reads.",
    },
  ];
}

/** A report for a document that could not be linted at all: one error about the whole document. */
function notLinted(finding: Pick<LintFinding, 'rule' | 'message' | 'fix'>): LintReport {
  return report([{ severity: 'error', path: '', ...finding }], false);
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

function report(findings: LintFinding[], linted = true): LintReport {
  return {
    findings,
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
    infos: findings.filter((f) => f.severity === 'info').length,
    linted,
  };
}

function lineOf(source: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < source.length; i++) if (source.charCodeAt(i) === 10) line++;
  return line;
}
