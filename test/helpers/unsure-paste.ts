import { classifyText } from '../../src/core/classify/classify-text.js';
import { tierOf } from '../../src/core/conversation/noise-control.js';

/**
 * Pastes that sit, or have sat, in the classifier's unsure tier (0.5–0.75): the private-offer
 * tests need one, and a retrain moves individual pastes across the tier's edges. The first one
 * unsure under today's weights is used; a precondition test fails when none is.
 */
const CANDIDATES = [
  'curl: (35) LibreSSL SSL_connect: SSL_ERROR_SYSCALL in connection to ai:443',
  'anthropic.RateLimitError: 429 rate limit exceeded',
  'RateLimitError: 429 rate limit exceeded',
  'aperture returns 503 sometimes',
  'got a 429 from openai this morning, RateLimitError',
];

export const UNSURE_PASTE =
  CANDIDATES.find((text) => tierOf(classifyText(text)) === 'unsure') ?? (CANDIDATES[0] as string);
