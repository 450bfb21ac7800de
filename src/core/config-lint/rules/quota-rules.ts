import {
  apertureGrants,
  asArray,
  code,
  isRecord,
  textOf,
  type LintFinding,
  type LintRule,
} from '../lint-finding.js';

const AMOUNT = /^\$\d+(?:\.\d+)?$/;
const BARE_AMOUNT = /^\d+(?:\.\d+)?$/;
const RATE = /^(\$?\d+(?:\.\d+)?)\/([a-z]+)$/;
const RATE_UNITS = new Set(['min', 'hour', 'day', 'week', 'month']);
const TEMPLATES = new Set(['<user>', '<node>']);
const KNOWN_QUOTA_FIELDS = new Set(['capacity', 'rate', 'on_exceed']);

/** Buckets that grants reference but `quotas` does not define: every such request fails closed with 429. */
export const undefinedBuckets: LintRule = (config) => {
  const defined = new Set(Object.keys(isRecord(config.quotas) ? config.quotas : {}));
  return apertureGrants(config).flatMap(({ path, capabilities }) =>
    capabilities.flatMap((capability, capIndex) =>
      asArray(capability.quotas).flatMap((reference, refIndex): LintFinding[] => {
        const bucket = isRecord(reference) ? reference.bucket : undefined;
        if (typeof bucket === 'string' && defined.has(bucket)) return [];
        return [
          {
            severity: 'error',
            rule: 'undefined-bucket',
            path: `${path}.app["tailscale.com/cap/aperture"][${capIndex}].quotas[${refIndex}]`,
            message: `Bucket ${code(bucket)} is not defined under \`quotas\`: quotas fail closed, so every matching request gets 429.`,
            fix:
              defined.size > 0
                ? `Use one of: ${[...defined].map(code).join(', ')}; or define it.`
                : 'Define it under `quotas`, or remove the reference.',
          },
        ];
      }),
    ),
  );
};

/** Bucket definitions Aperture cannot parse, which also fail closed. */
export const bucketDefinitions: LintRule = (config) => {
  if (config.quotas === undefined) return [];
  if (!isRecord(config.quotas)) {
    return [
      {
        severity: 'error',
        rule: 'quotas-not-object',
        path: 'quotas',
        message: '`quotas` must be an object of bucket definitions.',
        fix: 'Write `"quotas": {"name": {"capacity": …, "rate": …}}`.',
      },
    ];
  }
  return Object.entries(config.quotas).flatMap(([name, definition]) =>
    lintBucket(name, definition),
  );
};

function lintBucket(name: string, definition: unknown): LintFinding[] {
  const path = `quotas[${JSON.stringify(name)}]`;
  const findings: LintFinding[] = [];
  // `[^<>]`, not `[^>]`: a name of many `<` and no `>` would be rescanned from every `<`.
  for (const template of name.match(/<[^<>]*>/g) ?? []) {
    if (!TEMPLATES.has(template)) {
      findings.push({
        severity: 'error',
        rule: 'unknown-bucket-template',
        path,
        message: `Unknown template ${code(template)} in the bucket name.`,
        fix: 'Only `<user>` and `<node>` expand.',
      });
    }
  }
  if (!isRecord(definition)) {
    return [
      ...findings,
      {
        severity: 'error',
        rule: 'bucket-not-object',
        path,
        message: 'A bucket definition must be an object.',
        fix: 'Give it `capacity`, `rate` and `on_exceed`.',
      },
    ];
  }
  findings.push(...lintCapacity(path, definition.capacity));
  const rate = RATE.exec(textOf(definition.rate ?? ''));
  if (!rate) {
    findings.push({
      severity: 'error',
      rule: 'invalid-rate',
      path: `${path}.rate`,
      message: `Rate ${code(definition.rate ?? '')} is not an amount per unit.`,
      fix: 'Write e.g. `"$5.00/day"`.',
    });
  } else if (!RATE_UNITS.has(rate[2] ?? '')) {
    findings.push({
      severity: 'error',
      rule: 'unknown-rate-unit',
      path: `${path}.rate`,
      message: `Unknown rate unit ${code(rate[2])}.`,
      fix: 'Units are min, hour, day, week and month.',
    });
  }
  if (definition.on_exceed !== undefined && definition.on_exceed !== 'reject') {
    findings.push({
      severity: 'error',
      rule: 'unknown-on-exceed',
      path: `${path}.on_exceed`,
      message: `\`on_exceed\` ${code(definition.on_exceed)} is not known; the quota fails closed.`,
      fix: 'The only value is `reject`.',
    });
  }
  for (const key of Object.keys(definition).filter((k) => !KNOWN_QUOTA_FIELDS.has(k))) {
    findings.push({
      severity: 'warning',
      rule: 'unknown-field',
      path: `${path}.${key}`,
      message: `Unknown bucket field ${code(key)}.`,
      fix: 'Buckets take `capacity`, `rate` and `on_exceed`.',
    });
  }
  return findings;
}

function lintCapacity(path: string, value: unknown): LintFinding[] {
  const at = `${path}.capacity`;
  if (value === undefined) {
    return [
      {
        severity: 'error',
        rule: 'invalid-capacity',
        path: at,
        message: 'The bucket has no `capacity`.',
        fix: 'Add one, e.g. `"capacity": "$10.00"`.',
      },
    ];
  }
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text === 'string' && BARE_AMOUNT.test(text)) {
    return [
      {
        severity: 'error',
        rule: 'capacity-without-currency',
        path: at,
        message: `Capacity ${code(value)} has no currency: Aperture reads amounts such as \`"$10.00"\`, and a quota it cannot read rejects every request it covers (429).`,
        fix: `Write ${code(JSON.stringify(`$${Number(text).toFixed(2)}`))}.`,
      },
    ];
  }
  if (typeof text !== 'string' || !AMOUNT.test(text)) {
    return [
      {
        severity: 'error',
        rule: 'invalid-capacity',
        path: at,
        message: `Capacity ${code(value)} is not an amount.`,
        fix: 'Write a dollar amount such as `"$10.00"`.',
      },
    ];
  }
  if (Number(text.slice(1)) === 0) {
    return [
      {
        severity: 'error',
        rule: 'zero-capacity',
        path: at,
        message: 'A capacity of zero rejects every request (429).',
        fix: 'Set a positive capacity, or remove the quota.',
      },
    ];
  }
  return [];
}

/** Buckets no grant references: they limit nothing. */
export const unreferencedBuckets: LintRule = (config) => {
  if (!isRecord(config.quotas)) return [];
  const referenced = new Set(
    apertureGrants(config).flatMap(({ capabilities }) =>
      capabilities.flatMap((capability) => stringsIn(capability.quotas)),
    ),
  );
  return Object.keys(config.quotas)
    .filter((name) => !referenced.has(name))
    .map((name) => ({
      severity: 'warning' as const,
      rule: 'unreferenced-bucket',
      path: `quotas[${JSON.stringify(name)}]`,
      message: `No grant references bucket ${code(name)}, so it limits nothing.`,
      fix: `Reference it from a grant's capability, e.g. ${code(JSON.stringify({ models: '**', quotas: [{ bucket: name }] }))}, or remove it.`,
    }));
};

/** Every string in a quota reference, wherever it sits (bucket names, and any chain of them). */
function stringsIn(value: unknown, depth = 0): string[] {
  if (typeof value === 'string') return [value];
  if (depth > 4 || typeof value !== 'object' || value === null) return [];
  return Object.values(value).flatMap((item) => stringsIn(item, depth + 1));
}
