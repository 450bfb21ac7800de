import type { CheckId } from './check-ids.js';

export type CheckStatus = 'pass' | 'fail' | 'warn' | 'could-not-run';

export interface CheckResult {
  checkId: CheckId;
  status: CheckStatus;
  /** One line a person reads first. */
  summary: string;
  /** Further lines: what was asked, what came back, what to do next. Never a secret. */
  details: string[];
  durationMs: number;
}

/** Who asked for a check; `email` lets `requester-grant` match Aperture grants. */
export interface Requester {
  platform: 'slack' | 'discord' | 'console' | 'cli';
  userId: string;
  email?: string;
  isAdmin: boolean;
}

/** Where checks may reach: only these, never a host taken from user text (DESIGN §4). */
export interface CheckTargets {
  apertureUrl: string;
  tailscale: {
    apiUrl: string;
    tailnet: string;
    apiKey?: string;
    oauthClientId?: string;
    oauthClientSecret?: string;
  };
}

export interface CheckContext {
  targets: CheckTargets;
  requester: Requester;
  /** Aborted when the check's deadline (5 s) passes. */
  signal: AbortSignal;
  /** The paste the diagnosis came from, when the platform still has it (exit-node reads it). */
  pastedText?: string;
}

export interface FollowUpCheck {
  id: CheckId;
  /** Button label, e.g. "Check DNS". At most 40 characters. */
  title: string;
  /** What a pass proves, one sentence. */
  proves: string;
  /** Reveals configuration: full answer only to ADMIN_USERS. */
  revealsConfig: boolean;
  /**
   * Set on checks that probe Aperture itself: not reaching it, or no answer by the deadline, is
   * then a finding (`fail`) in one wording for all of them, not a check that could not run.
   */
  probesAperture?: boolean;
  run(context: CheckContext): Promise<Omit<CheckResult, 'durationMs' | 'checkId'>>;
}
