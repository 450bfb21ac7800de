/** One problem in an Aperture configuration, with where it is and how to fix it. */
export interface LintFinding {
  severity: 'error' | 'warning' | 'info';
  rule: string;
  /** JSON path, e.g. `grants[2].src[0]`; empty for the document itself. */
  path: string;
  message: string;
  fix: string;
}

export interface LintContext {
  /** Sorted, comma-joined tag sets of tagged devices, when the Tailscale device list is known. */
  deviceTagSets?: ReadonlySet<string>;
}

export type LintRule = (config: Record<string, unknown>, context: LintContext) => LintFinding[];

export const APERTURE_CAPABILITY = 'tailscale.com/cap/aperture';

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A config value as message text: a string as it is, anything else as (at most 60 characters of) JSON. */
export function textOf(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

/**
 * A config value as a Markdown code span. A value that would make a broken span (empty, spaces at
 * either end, a backtick or a line break) is shown as its JSON string literal, quotes included,
 * so the stray space stays visible and the span stays whole.
 */
export function code(value: unknown): string {
  const text = textOf(value);
  const clean = text !== '' && !/^\s|\s$|[`\n\r]/.test(text);
  return clean ? `\`${text}\`` : `\`${JSON.stringify(text).replace(/`/g, '\\u0060')}\``;
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/**
 * The two keys grants live under: `grants` on current instances, `temp_grants` on early-2026
 * ones, where a `src` matched only login names and `*`.
 */
export const GRANT_KEYS = ['grants', 'temp_grants'] as const;
export type GrantKey = (typeof GRANT_KEYS)[number];

/** The grants key a config without any grants would get: `temp_grants` only if that is all it has. */
export function grantKeyOf(config: Record<string, unknown>): GrantKey {
  return config.temp_grants !== undefined && config.grants === undefined ? 'temp_grants' : 'grants';
}

/** Each grant under either key, with its key, its path and its Aperture capability entries. */
export function apertureGrants(config: Record<string, unknown>) {
  return GRANT_KEYS.flatMap((key) =>
    asArray(config[key]).flatMap((grant, index) => {
      if (!isRecord(grant)) return [];
      const app = isRecord(grant.app) ? grant.app : {};
      const capabilities = asArray(app[APERTURE_CAPABILITY]).filter(isRecord);
      return [{ grant, key, path: `${key}[${index}]`, capabilities }];
    }),
  );
}
