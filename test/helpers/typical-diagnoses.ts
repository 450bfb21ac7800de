import type { Diagnosis } from '../../src/core/classify/diagnosis.js';
import type { SymptomDiagnosis } from '../../src/core/reply/build-symptom-reply.js';

const KEY = `sk-ant-api03-${'A'.repeat(93)}-AAAAAAAA`;

/**
 * Typical pastes, and the diagnoses the classifier gave them when the golden files were written.
 * The goldens render the frozen diagnosis, so a classifier change never rewrites a render; the
 * budget test classifies the paste live, so a longer reply fails it.
 */
export const TYPICAL: Record<
  '403' | '429' | 'magicdns' | 'secret-pasted',
  { paste: string; diagnosis: SymptomDiagnosis }
> = {
  '403': {
    paste: 'failing:\n```API Error: 403 {"error":"access denied: no role granted"}```',
    diagnosis: {
      symptom: 'access-denied',
      confidence: 0.993,
      evidence: [
        {
          signal: 'no-role-granted',
          excerpt: 'API Error: 403 {"error":"access denied: no role granted"}',
        },
        {
          signal: 'status-403',
          excerpt: 'API Error: 403 {"error":"access denied: no role granted"}',
        },
      ],
      alternatives: [],
      caveats: [],
      secretsFound: [],
    },
  },
  '429': {
    paste:
      'curl -i http://ai/v1/messages\nHTTP/1.1 429 Too Many Requests\nretry-after: 3600\n{"type":"error","error":{"type":"rate_limit_error","message":"rate limit exceeded"}}',
    diagnosis: {
      symptom: 'quota-429',
      confidence: 1,
      evidence: [
        { signal: 'status-429-from-aperture', excerpt: 'HTTP/1.1 429 Too Many Requests' },
        { signal: 'quota-error-body-from-aperture', excerpt: '"rate_limit_error"' },
        { signal: 'status-429-about-aperture', excerpt: 'HTTP/1.1 429 Too Many Requests' },
        { signal: 'status-429', excerpt: 'HTTP/1.1 429 Too Many Requests' },
        { signal: 'status-429-from-llm-client', excerpt: 'HTTP/1.1 429 Too Many Requests' },
      ],
      alternatives: [],
      caveats: [],
      secretsFound: [],
    },
  },
  magicdns: {
    paste: 'Post "http://ai/v1/messages": dial tcp: lookup ai on 127.0.0.53:53: no such host',
    diagnosis: {
      symptom: 'magicdns',
      confidence: 0.999,
      evidence: [
        {
          signal: 'lookup-failed-for-aperture-name',
          excerpt:
            'Post "http://ai/v1/messages": dial tcp: lookup ai on 127.0.0.53:53: no such host',
        },
      ],
      alternatives: [],
      caveats: [],
      secretsFound: [],
    },
  },
  'secret-pasted': {
    paste: `curl http://ai/v1/messages -H "x-api-key: ${KEY}"\n{"error":"access denied: no role granted"}`,
    diagnosis: {
      symptom: 'access-denied',
      confidence: 0.995,
      evidence: [
        { signal: 'no-role-granted', excerpt: '{"error":"access denied: no role granted"}' },
        { signal: 'grant-words-with-403', excerpt: 'role' },
      ],
      alternatives: [],
      caveats: ['secret-pasted'],
      secretsFound: ['api-key-header'],
    },
  },
};

/** A paste with a key and nothing Aperture in it: the no-match reply must still warn first. */
export const SECRET_NO_MATCH: { paste: string; diagnosis: Diagnosis } = {
  paste: `my key is ${KEY} can someone review my PR`,
  diagnosis: {
    symptom: 'none',
    confidence: 1,
    evidence: [],
    alternatives: [],
    caveats: ['secret-pasted'],
    secretsFound: ['anthropic-key'],
  },
};

/** What the goldens show as "diagnosed in N ms". */
export const TYPICAL_DURATION_MS = 12;
