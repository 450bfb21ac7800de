import { z } from 'zod';
import { fetchJson, joinUrl, type CheckNetwork } from './check-network.js';
import type { CheckContext, FollowUpCheck } from './follow-up-check.js';

const amount = z
  .union([z.number(), z.string()])
  .transform((value) => (typeof value === 'number' ? value : Number(value.replace(/[$,\s]/g, ''))));
const bucketSchema = z.looseObject({
  name: z.string(),
  balance: amount,
  capacity: amount.optional(),
  rate: z.string().optional(),
});
/**
 * `/api/quotas` is described only in prose ("each bucket's name, current balance, capacity, and
 * refill rate"), with no field names published, so the answer is read leniently: a list, or an
 * object holding one under `buckets`/`quotas`/`data`; `name` or `bucket`; `balance` or `current`.
 */
const quotasSchema = z.preprocess((body) => {
  const list = Array.isArray(body)
    ? body
    : typeof body === 'object' && body !== null
      ? ['buckets', 'quotas', 'data']
          .map((key) => (body as Record<string, unknown>)[key])
          .find(Array.isArray)
      : undefined;
  return list?.map((bucket) =>
    typeof bucket === 'object' && bucket !== null
      ? {
          ...bucket,
          name: (bucket as { name?: unknown }).name ?? (bucket as { bucket?: unknown }).bucket,
          balance:
            (bucket as { balance?: unknown }).balance ?? (bucket as { current?: unknown }).current,
        }
      : bucket,
  );
}, z.array(bucketSchema));

/** `quota-status`: which quota buckets are empty or nearly so? */
export function createQuotaStatusCheck(network: CheckNetwork): FollowUpCheck {
  return {
    id: 'quota-status',
    title: 'Check quota balances',
    proves: 'No quota bucket that grants reference is empty.',
    revealsConfig: false,
    probesAperture: true,
    async run(context: CheckContext) {
      const url = joinUrl(context.targets.apertureUrl, 'api/quotas');
      const { status, body } = await fetchJson(network, url, context.signal);
      if (status === 403) {
        return {
          status: 'could-not-run' as const,
          summary: "Aperture refused to list quotas to the bot's identity (403).",
          details: ['Give the bot a role in Aperture, or ask an admin to check `/api/quotas`.'],
        };
      }
      const parsed = quotasSchema.safeParse(body);
      if (status !== 200 || !parsed.success) {
        return {
          status: 'could-not-run' as const,
          summary: `Unexpected answer from ${url}: HTTP ${status}.`,
          details: [
            'Its format is not published (the docs describe it in prose only), so I read it leniently; this answer had no bucket I could read.',
          ],
        };
      }
      const empty = parsed.data.filter((b) => Number.isFinite(b.balance) && b.balance <= 0);
      const low = parsed.data.filter(
        (b) =>
          b.balance > 0 &&
          b.capacity !== undefined &&
          b.capacity > 0 &&
          b.balance / b.capacity < 0.1,
      );
      const line = (b: (typeof parsed.data)[number]) =>
        `${b.name}: balance ${b.balance}${b.capacity === undefined ? '' : ` of ${b.capacity}`}${b.rate ? `, refills ${b.rate}` : ''}`;
      if (empty.length > 0) {
        return {
          status: 'fail' as const,
          summary: `${empty.length} bucket${empty.length === 1 ? ' is' : 's are'} empty: requests that use ${empty.length === 1 ? 'it' : 'them'} get 429.`,
          details: [
            ...empty.map(line),
            'An admin can refill with `POST /api/quotas/refill`; a capacity of zero is a misconfiguration.',
          ],
        };
      }
      if (low.length > 0) {
        return {
          status: 'warn' as const,
          summary: `${low.length} bucket(s) below 10 % of capacity.`,
          details: low.map(line),
        };
      }
      return {
        status: 'pass' as const,
        summary: `${parsed.data.length} bucket(s), none empty.`,
        details: parsed.data.slice(0, 10).map(line),
      };
    },
  };
}
