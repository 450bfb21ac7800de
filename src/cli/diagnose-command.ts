import { findSymptomById } from '../core/knowledge/index.js';
import { classifyText } from '../core/classify/classify-text.js';
import { buildNoMatchReply } from '../core/reply/build-other-replies.js';
import { buildDiagnosisReply } from '../core/reply/build-symptom-reply.js';
import { renderConsoleText } from '../platforms/console/render-console-text.js';
import type { CliIo, ExitCode } from './cli-io.js';
import { readAll } from './read-all.js';

/** `diagnose [--json] [TEXT]`: TEXT, or stdin when none is given. Secrets are never echoed. */
export async function runDiagnoseCommand(args: string[], io: CliIo): Promise<ExitCode> {
  const json = args.includes('--json');
  const words = args.filter((arg) => arg !== '--json');
  const text = words.length > 0 ? words.join(' ') : await readAll(io.stdin);
  if (text.trim() === '') {
    io.stderr.write('usage: aperture-doctor diagnose [--json] [TEXT]   (TEXT or standard input)\n');
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
  io.stdout.write(renderConsoleText({ ...reply, actions: [] }));
  if (reply.actions.length > 0) {
    const checks = diagnosis.symptom === 'none' ? [] : findSymptomById(diagnosis.symptom).checkIds;
    if (checks.length > 0)
      io.stdout.write(
        `\nFollow-up checks: ${checks.map((id) => `aperture-doctor check ${id}`).join(' | ')}\n`,
      );
  }
  return 0;
}
