import { code, isRecord, type LintFinding, type LintRule } from '../lint-finding.js';

const ENDS_IN_V1 = /\/v1\/?$/;

/** Provider base URLs ending in `/v1`: Aperture appends `/v1/...` itself, giving `/v1/v1/...`. */
export const providerBaseUrls: LintRule = (config) => {
  const providers = config.providers;
  const entries: Array<[string, unknown]> = isRecord(providers)
    ? Object.entries(providers).map(([name, p]) => [`providers[${JSON.stringify(name)}]`, p])
    : Array.isArray(providers)
      ? providers.map((p, index): [string, unknown] => [`providers[${index}]`, p])
      : [];
  return entries.flatMap(([path, provider]): LintFinding[] => {
    if (!isRecord(provider) || typeof provider.baseurl !== 'string') return [];
    const url = provider.baseurl.trim();
    if (!ENDS_IN_V1.test(url)) return [];
    return [
      {
        severity: 'error',
        rule: 'baseurl-ends-in-v1',
        path: `${path}.baseurl`,
        message:
          'The base URL ends in `/v1`, and Aperture appends `/v1/...` itself: requests go to `/v1/v1/...` and fail, typically with HTTP 405.',
        fix: `Write ${code(url.replace(ENDS_IN_V1, ''))}.`,
      },
    ];
  });
};
