import { printParseErrorCode, type ParseError } from 'jsonc-parser';
import { isRecord, type LintContext, type LintFinding, type LintRule } from './lint-finding.js';
import {
  adminAccess,
  adminReachable,
  grantCarriesDst,
  grantFields,
  modelsWithoutRole,
  srcCannotMatch,
} from './rules/grant-rules.js';
import { excessNestingOffset, parseHujson } from './parse-hujson.js';
import { bucketDefinitions, undefinedBuckets } from './rules/quota-rules.js';

const RULES: readonly LintRule[] = [
  srcCannotMatch,
  modelsWithoutRole,
  adminAccess,
  adminReachable,
  grantCarriesDst,
  grantFields,
  undefinedBuckets,
  bucketDefinitions,
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
  /** False when the document could not be linted at all (the findings say why). */
  linted: boolean;
}

export interface LintOptions {
  /** Tailscale devices, to check tag strings against the tags devices really carry. */
  devices?: ReadonlyArray<{ tags: string[] }>;
}

/** Lints an Aperture configuration given as JSON or HuJSON text. Never throws. */
export function lintApertureConfig(text: string, options: LintOptions = {}): LintReport {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const tooDeep = excessNestingOffset(source, MAX_NESTING);
  if (tooDeep !== undefined) {
    return report(
      [
        {
          severity: 'error',
          rule: 'too-deep',
          path: '',
          message: `The document nests more than ${MAX_NESTING} levels deep (line ${lineOf(source, tooDeep)}); an Aperture config nests about six, so this one was not linted.`,
          fix: 'Check that this is the right file, and that its brackets are balanced.',
        },
      ],
      false,
    );
  }
  const errors: ParseError[] = [];
  const parsed = parseHujson(source, errors);
  if (errors.length > 0 || !isRecord(parsed)) {
    const first = errors[0];
    const where = first ? ` at offset ${first.offset} (line ${lineOf(source, first.offset)})` : '';
    const what = first ? printParseErrorCode(first.error) : 'the document is not an object';
    return report(
      [
        {
          severity: 'error',
          rule: 'parse-error',
          path: '',
          message: `Not valid JSON or HuJSON: ${what}${where}.`,
          fix: 'Fix the syntax; the tailnet policy editor or `jq` shows where.',
        },
      ],
      false,
    );
  }
  // GET /api/config wraps the document with its hash; lint what is inside.
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
      message: `Top-level field \`${key}\` is not one this linter knows.`,
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

function report(findings: LintFinding[], linted = true): LintReport {
  return {
    findings,
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
    linted,
  };
}

function lineOf(source: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < source.length; i++) if (source.charCodeAt(i) === 10) line++;
  return line;
}
