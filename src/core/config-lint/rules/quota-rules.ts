import {
  apertureGrants,
  asArray,
  isRecord,
  type LintFinding,
  type LintRule,
} from '../lint-finding.js';

const AMOUNT = /^\$?\d+(?:\.\d+)?$/;
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
            message: `Bucket \`${String(bucket)}\` is not defined under \`quotas\`: quotas fail closed, so every matching request gets 429.`,
            fix:
              defined.size > 0
                ? `Use one of: ${[...defined].join(', ')}; or define it.`
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
  const path = `quotas["${name}"]`;
  const findings: LintFinding[] = [];
  // `[^<>]`, not `[^>]`: a name of many `<` and no `>` would be rescanned from every `<`.
  for (const template of name.match(/<[^<>]*>/g) ?? []) {
    if (!TEMPLATES.has(template)) {
      findings.push({
        severity: 'error',
        rule: 'unknown-bucket-template',
        path,
        message: `Unknown template \`${template}\` in the bucket name.`,
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
  const capacity = String(definition.capacity ?? '');
  if (!AMOUNT.test(capacity)) {
    findings.push({
      severity: 'error',
      rule: 'invalid-capacity',
      path: `${path}.capacity`,
      message: `Capacity \`${capacity}\` is not an amount.`,
      fix: 'Write a dollar amount such as `"$10.00"`.',
    });
  } else if (Number(capacity.replace('$', '')) === 0) {
    findings.push({
      severity: 'error',
      rule: 'zero-capacity',
      path: `${path}.capacity`,
      message: 'A capacity of zero rejects every request (429).',
      fix: 'Set a positive capacity, or remove the quota.',
    });
  }
  const rate = RATE.exec(String(definition.rate ?? ''));
  if (!rate) {
    findings.push({
      severity: 'error',
      rule: 'invalid-rate',
      path: `${path}.rate`,
      message: `Rate \`${String(definition.rate)}\` is not an amount per unit.`,
      fix: 'Write e.g. `"$5.00/day"`.',
    });
  } else if (!RATE_UNITS.has(rate[2] ?? '')) {
    findings.push({
      severity: 'error',
      rule: 'unknown-rate-unit',
      path: `${path}.rate`,
      message: `Unknown rate unit \`${rate[2]}\`.`,
      fix: 'Units are min, hour, day, week and month.',
    });
  }
  if (definition.on_exceed !== undefined && definition.on_exceed !== 'reject') {
    findings.push({
      severity: 'error',
      rule: 'unknown-on-exceed',
      path: `${path}.on_exceed`,
      message: `\`on_exceed\` \`${String(definition.on_exceed)}\` is not known; the quota fails closed.`,
      fix: 'The only value is `reject`.',
    });
  }
  for (const key of Object.keys(definition).filter((k) => !KNOWN_QUOTA_FIELDS.has(k))) {
    findings.push({
      severity: 'warning',
      rule: 'unknown-field',
      path: `${path}.${key}`,
      message: `Unknown bucket field \`${key}\`.`,
      fix: 'Buckets take `capacity`, `rate` and `on_exceed`.',
    });
  }
  return findings;
}
