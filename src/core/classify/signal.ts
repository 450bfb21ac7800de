import type { HostRole } from './classify-host.js';
import { excerptAt, type FailureKind, type PasteFacts } from './extract-evidence.js';

/**
 * One weighted piece of evidence for a symptom, declared in the symptom's knowledge entry. A
 * negative weight is an anti-signal (the provider's own wording, a GitHub host). `match` returns
 * the excerpt that fired, or null.
 */
export interface Signal {
  name: string;
  weight: number;
  match(facts: PasteFacts): string | null;
}

/** A signal that fires when `pattern` occurs in the paste (make it linear: no nested quantifiers). */
export function textSignal(name: string, weight: number, pattern: RegExp): Signal {
  const flags = pattern.flags.replace('g', '');
  const once = new RegExp(pattern.source, flags);
  return {
    name,
    weight,
    match: (facts) => {
      const found = once.exec(facts.text);
      return found ? excerptAt(facts.text, found.index, found[0].length) : null;
    },
  };
}

/** A signal computed from the extracted facts. */
export function factSignal(
  name: string,
  weight: number,
  match: (facts: PasteFacts) => string | null,
): Signal {
  return { name, weight, match };
}

// Questions the knowledge entries ask of the facts.

const HTTP_ERROR_ROLES: readonly HostRole[] = ['aperture'];

/** Excerpt of a status mention with this code, when the paste has one. */
export function statusSeen(facts: PasteFacts, code: number): string | null {
  return facts.statuses.find((s) => s.code === code)?.excerpt ?? null;
}

/** The status, in a paste whose calls went to Aperture (by URL, host or tailnet address). */
export function statusFromAperture(facts: PasteFacts, code: number): string | null {
  const status = statusSeen(facts, code);
  return status !== null && calledRole(facts, HTTP_ERROR_ROLES) ? status : null;
}

/** Excerpt of a host the paste called that has one of these roles. */
export function calledRole(facts: PasteFacts, roles: readonly HostRole[]): string | null {
  return facts.hosts.find((h) => roles.includes(h.role))?.excerpt ?? null;
}

/** Excerpt of a connection failure of this kind, optionally only for hosts of these roles. */
export function failureSeen(
  facts: PasteFacts,
  kind: FailureKind,
  roles?: readonly (HostRole | 'unknown')[],
): string | null {
  const failure = facts.failures.find((f) => f.kind === kind);
  if (!failure) return null;
  if (!roles) return failure.excerpt;
  return roles.includes(failure.role ?? 'unknown') ? failure.excerpt : null;
}

/** True when only hosts that cannot be Aperture appear (GitHub, S3, a provider, localhost). */
export function onlyUnrelatedHosts(facts: PasteFacts): boolean {
  return (
    facts.hosts.length > 0 &&
    facts.hosts.every((h) => h.role === 'other' || h.role === 'provider' || h.role === 'local')
  );
}
