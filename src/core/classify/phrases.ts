/**
 * Human phrasings that several symptoms weigh, kept in one place so each entry reads as data.
 * Alternations only: no nested quantifiers, so matching stays linear on long pastes.
 */

/** "It used to work": what separates an expired node key from a wrong URL. */
export const WORKED_BEFORE =
  /\b(?:used to (?:work|be (?:fine|active|up|ok))|(?:was|were|had been|has been|have been) (?:work(?:ing|ed)|fine|ok|okay|up|active|running)|worked (?:fine |great |ok )?(?:yesterday|before|last|on|until|for|earlier)|fine until|until (?:last|the|this|yesterday|recently)|since (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|last|the weekend|this morning)|nothing changed|for (?:months|weeks)|stopped (?:working|responding)|all of a sudden|suddenly)\b/i;

/** People describing a hang rather than pasting an error. */
export const TIMES_OUT =
  /\b(?:times? out|timing out|timed out|not responding|stopped responding|unreachable|can'?t reach|cannot reach|no response|hangs|hanging)\b/i;

/** The provider's own 429 wording: organisation limits, plan and billing, its docs. */
export const PROVIDER_RATE_LIMIT_WORDING =
  /per-minute rate limit|tokens per min|requests per min|\((?:RPM|TPM|RPD)\)|rate limit reached for|in organization org-|check your plan and billing|platform\.openai\.com\/account|docs\.(?:claude|anthropic)\.com\/[a-z/-]*rate-limits|contact sales|rate limit increase|exceeded your current quota/i;

/** Another service's refusal: GitHub, S3, registries, Anthropic's own permission error. */
export const OTHER_SERVICE_REFUSAL =
  /request not allowed|permission_error|resource not accessible|<Code>AccessDenied|x-ratelimit-remaining|docs\.github\.com|failed to authorize|denied: requested access to the resource|SignatureDoesNotMatch|invalid_api_key|invalid x-api-key/i;

/** Words that mark a failure being discussed, for topic words that also occur in small talk. */
export const TROUBLE =
  /\b(?:fail(?:s|ed|ing|ure)?|errors?|broken?|breaks|intermittent(?:ly)?|random(?:ly)?|flaps?|flapping|drops?|timeouts?|times? out|conflict|403s?|429s?|can'?t|cannot|doesn'?t work|stopp?ed|now and then|every (?:few|other)|sometimes)\b/i;
