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

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Each grant with its path and its Aperture capability entries. */
export function apertureGrants(config: Record<string, unknown>) {
  return asArray(config.grants).flatMap((grant, index) => {
    if (!isRecord(grant)) return [];
    const app = isRecord(grant.app) ? grant.app : {};
    const capabilities = asArray(app[APERTURE_CAPABILITY]).filter(isRecord);
    return [{ grant, path: `grants[${index}]`, capabilities }];
  });
}
