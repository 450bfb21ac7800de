import type { Reply } from '../reply/reply.js';
import { CHECK_LABELS, type CheckId } from './check-ids.js';
import type { CheckResult } from './follow-up-check.js';

/**
 * What `doctor` runs, in reading order: the name and the address, the tailnet (MagicDNS, the
 * device's key and tags, the policy grant to it), then Aperture's own config, quotas and models.
 * Every one only reads; none takes a paste or a person's login.
 */
export const DOCTOR_CHECKS: readonly CheckId[] = [
  'dns',
  'http',
  'http-tailnet-ip',
  'magicdns-setting',
  'device-key',
  'tailnet-grant',
  'aperture-config',
  'quota-status',
  'models',
];

/** `skip`: not configured (`enabledBy` names the variables); `could-not-run`: configured, but it could not. */
export type DoctorState = 'pass' | 'warn' | 'fail' | 'skip' | 'could-not-run';

export interface DoctorLine {
  key: CheckId;
  label: string;
  state: DoctorState;
  summary: string;
  /** What to do, for a line that is not a pass: the check's own details. */
  fix: string[];
  /** For `skip`: the variables that would enable the check. */
  enabledBy?: string;
  durationMs: number;
}

export interface DoctorReport {
  /** Failures first (fail, could not run), then warnings, passes and skips; check order within. */
  lines: DoctorLine[];
  counts: Record<DoctorState, number>;
  /** 0 every check that ran passed; 1 one failed or could not run; 2 none could run. */
  exitCode: 0 | 1 | 2;
}

const NOT_CONFIGURED = /^Not configured: set (.+)\.$/;
const ORDER: readonly DoctorState[] = ['fail', 'could-not-run', 'warn', 'pass', 'skip'];
/** Lines of a check's details kept under a line that needs attention. */
const FIX_LINES = 3;

/**
 * Runs every doctor check at once (each within its own 5 s deadline: the runner's) and sorts the
 * answers into one report. `runCheck` never throws (runFollowUpCheck's contract).
 */
export async function runDoctor(
  runCheck: (id: CheckId) => Promise<CheckResult>,
): Promise<DoctorReport> {
  const results = await Promise.all(DOCTOR_CHECKS.map((id) => runCheck(id)));
  return doctorReport(results);
}

export function doctorReport(results: readonly CheckResult[]): DoctorReport {
  const lines = results.map(toLine);
  const index = (line: DoctorLine) => DOCTOR_CHECKS.indexOf(line.key);
  lines.sort((a, b) => ORDER.indexOf(a.state) - ORDER.indexOf(b.state) || index(a) - index(b));
  const counts = Object.fromEntries(
    ORDER.map((state) => [state, lines.filter((l) => l.state === state).length]),
  ) as Record<DoctorState, number>;
  const ran = counts.pass + counts.warn + counts.fail;
  const exitCode = ran === 0 ? 2 : counts.fail + counts['could-not-run'] > 0 ? 1 : 0;
  return { lines, counts, exitCode };
}

function toLine(result: CheckResult): DoctorLine {
  const base = {
    key: result.checkId,
    label: CHECK_LABELS[result.checkId],
    summary: result.summary,
    durationMs: result.durationMs,
  };
  const notConfigured =
    result.status === 'could-not-run' ? NOT_CONFIGURED.exec(result.summary) : null;
  if (notConfigured) {
    return { ...base, state: 'skip', fix: [], enabledBy: notConfigured[1] };
  }
  return {
    ...base,
    state: result.status,
    fix: result.status === 'pass' ? [] : result.details.slice(0, FIX_LINES),
  };
}

const MARK: Record<DoctorState, string> = {
  fail: 'FAIL',
  'could-not-run': 'ERR ',
  warn: 'WARN',
  pass: 'PASS',
  skip: 'SKIP',
};

/** One line a check, failures first with their fix indented under them, then the totals. */
export function doctorText(report: DoctorReport): string[] {
  const out: string[] = [];
  for (const line of report.lines) {
    const summary =
      line.state === 'skip'
        ? `not configured: set ${line.enabledBy} to run it.`
        : line.state === 'could-not-run'
          ? `could not run: ${line.summary}`
          : line.summary;
    out.push(`${MARK[line.state]} ${line.label}: ${summary}`);
    for (const fix of line.fix) out.push(`     ${fix}`);
  }
  out.push(doctorTotals(report));
  return out;
}

export function doctorTotals({ counts }: DoctorReport): string {
  const parts = [
    `${counts.pass} passed`,
    counts.warn > 0 ? `${counts.warn} with a warning` : '',
    `${counts.fail} failed`,
    counts['could-not-run'] > 0 ? `${counts['could-not-run']} could not run` : '',
    `${counts.skip} skipped`,
  ].filter(Boolean);
  return `${parts.join(', ')}. Read-only: nothing was changed.`;
}

/** The report as a chat reply: the same lines, for the admin who asked, privately. */
export function buildDoctorReply(report: DoctorReport): Reply {
  const worst = report.lines[0]?.state;
  return {
    kind: 'check-result',
    title: 'Aperture Doctor: the whole setup',
    summary: doctorTotals(report),
    status:
      worst === 'fail' || worst === 'warn' || worst === 'pass'
        ? worst
        : worst === 'could-not-run'
          ? 'could-not-run'
          : undefined,
    steps: [],
    sections: [{ heading: 'Checks', body: doctorText(report).slice(0, -1).join('\n') }],
    evidence: [],
    actions: [],
    private: true,
  };
}

/** The report for `doctor --json`: what scripts read. */
export function doctorJson(report: DoctorReport) {
  return {
    exitCode: report.exitCode,
    counts: report.counts,
    checks: report.lines.map(({ key, label, state, summary, fix, enabledBy, durationMs }) => ({
      key,
      label,
      state,
      summary,
      fix,
      ...(enabledBy ? { enabledBy } : {}),
      durationMs,
    })),
  };
}
