import { findSymptomById } from '../core/knowledge/index.js';
import { classifyText } from '../core/classify/classify-text.js';
import { buildNoMatchReply } from '../core/reply/build-other-replies.js';
import { buildDiagnosisReply } from '../core/reply/build-symptom-reply.js';
import type { CliIo, ExitCode } from './cli-io.js';
import { renderCliText } from './cli-reply.js';
import { parseCommandArgs, type CommandSpec } from './command-args.js';
import { readAll } from './read-all.js';

export const DIAGNOSE_SPEC: CommandSpec = {
  usage: `usage: aperture-doctor diagnose [--json] [--] [TEXT…]

  Diagnoses TEXT, or standard input when no TEXT is given, as the bot would a paste:
  the likely cause, the steps, what it matched and the checks to run next.

  --json      print {"symptom","confidence","evidence","steps","checks",…} instead
  --          the rest is TEXT even when it looks like an option (diagnose -- --help)
  -h, --help  this text
`,
  flags: ['--json'],
};

/** `diagnose [--json] [TEXT]`: TEXT, or stdin when none is given. Secrets are never echoed. */
export async function runDiagnoseCommand(args: string[], io: CliIo): Promise<ExitCode> {
  const parsed = parseCommandArgs(args, DIAGNOSE_SPEC, io);
  if (typeof parsed === 'number') return parsed;
  const json = parsed.flags.has('--json');
  const words = parsed.positionals;
  const text = words.length > 0 ? words.join(' ') : await readAll(io.stdin);
  if (text.trim() === '') {
    io.stderr.write(`aperture-doctor: nothing to diagnose\n${DIAGNOSE_SPEC.usage}`);
    return 2;
  }
  const diagnosis = classifyText(text);
  if (json) {
    const entry = diagnosis.symptom === 'none' ? undefined : findSymptomById(diagnosis.symptom);
    io.stdout.write(
      `${JSON.stringify({
        symptom: diagnosis.symptom,
        confidence: diagnosis.confidence,
        evidence: diagnosis.evidence,
        steps: entry?.steps ?? [],
        checks: entry?.checkIds ?? [],
        alternatives: diagnosis.alternatives,
        caveats: diagnosis.caveats,
        secretsFound: diagnosis.secretsFound,
      })}\n`,
    );
    return 0;
  }
  const reply =
    diagnosis.symptom === 'none'
      ? buildNoMatchReply(diagnosis)
      : buildDiagnosisReply({ ...diagnosis, symptom: diagnosis.symptom });
  io.stdout.write(renderCliText(reply));
  return 0;
}
