import type { ParseError } from 'jsonc-parser';
import { isRecord } from '../config-lint/lint-finding.js';
import { parseHujson } from '../config-lint/parse-hujson.js';
import { fetchJson, joinUrl, type CheckNetwork } from './check-network.js';
import type { CheckContext } from './follow-up-check.js';

/** Replies quote at most this many characters of the config hash (it is a write token). */
export const SHOWN_HASH_CHARS = 8;

/** What `GET /api/config` said, read the way Aperture writes it. */
export interface ApertureConfigDocument {
  /** The config as text (HuJSON as the API sends it, or JSON when it sent an object). */
  text: string;
  /** The parsed config; undefined when the text is not an object (the linter says why). */
  config: Record<string, unknown> | undefined;
  /** False when the instance has no saved config and runs on its defaults. */
  exists: boolean;
  /** The first characters of the hash, or undefined when the answer had none. */
  shortHash: string | undefined;
}

/**
 * Reads Aperture's configuration as the bot. The answer is `{config, exists, hash}` where
 * `config` is HuJSON text (comments, trailing commas), so it is parsed with the linter's HuJSON
 * parser, never `JSON.parse`; an object `config`, or a bare config with no wrapper, is accepted
 * too. 403 means the bot's identity lacks the admin role. Only reads: the bot never PUTs.
 */
export async function fetchApertureConfig(
  network: CheckNetwork,
  context: CheckContext,
): Promise<{ ok: true; document: ApertureConfigDocument } | { ok: false; status: number }> {
  const { status, body } = await fetchJson(
    network,
    joinUrl(context.targets.apertureUrl, 'api/config'),
    context.signal,
  );
  if (status !== 200) return { ok: false, status };
  return { ok: true, document: readConfigAnswer(body) };
}

/** The `GET /api/config` body as a document; lenient about which shape the instance sends. */
export function readConfigAnswer(body: unknown): ApertureConfigDocument {
  const wrapped = isRecord(body) && ('config' in body || 'hash' in body || 'exists' in body);
  const inner = wrapped ? body.config : body;
  const hash = wrapped && typeof body.hash === 'string' ? body.hash : undefined;
  const exists = !(wrapped && body.exists === false);
  const shortHash = hash === undefined || hash === '' ? undefined : hash.slice(0, SHOWN_HASH_CHARS);
  if (typeof inner === 'string') {
    const errors: ParseError[] = [];
    const parsed = inner.trim() === '' ? undefined : parseHujson(inner, errors);
    return {
      text: inner,
      config: errors.length === 0 && isRecord(parsed) ? parsed : undefined,
      exists,
      shortHash,
    };
  }
  return {
    text: inner === undefined ? '' : JSON.stringify(inner),
    config: isRecord(inner) ? inner : undefined,
    exists,
    shortHash,
  };
}

/** A refused `/api/config`, as a result that says what to do. */
export function configRefused(status: number) {
  return status === 403
    ? {
        status: 'could-not-run' as const,
        summary:
          "Aperture refused `/api/config` to the bot's identity (403): reading it needs the admin role.",
        details: [
          'Give the bot\'s Tailscale identity a grant with `{"role": "admin"}`, or lint a copy with `aperture-doctor lint-config FILE`.',
        ],
      }
    : {
        status: 'could-not-run' as const,
        summary: `Aperture answered HTTP ${status} for /api/config.`,
        details: [],
      };
}

/** The result for an instance whose config was never saved: the defaults grant admin to everyone. */
export function configNeverSaved() {
  return {
    status: 'warn' as const,
    summary: 'Aperture has no saved config (`exists: false`): it runs on its defaults.',
    details: [
      'The defaults grant admin to everyone (`"src": ["*"]`). Save a config with your own grants in the dashboard (http://ai/ui/).',
    ],
  };
}
