import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CHECK_IDS } from '../../../../src/core/checks/check-ids.js';
import { SYMPTOM_IDS } from '../../../../src/core/knowledge/symptom-ids.js';
import {
  MAX_ACTION_ID_LENGTH,
  decodeActionId,
  encodeActionId,
  type Action,
} from '../../../../src/core/reply/action-id.js';

const symptom = fc.constantFrom(...SYMPTOM_IDS);
const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({
    type: fc.constant('check' as const),
    checkId: fc.constantFrom(...CHECK_IDS),
    symptom,
  }),
  fc.record({ type: fc.constant('solved' as const), symptom }),
  fc.record({ type: fc.constant('show' as const), symptom }),
  fc.record({ type: fc.constant('pick' as const), symptom }),
  fc.record({ type: fc.constant('other' as const), symptom }),
  fc.record({ type: fc.constant('dismiss' as const), symptom }),
  // A "Not it" chain holds the original guess and at most three alternatives in all.
  fc
    .tuple(symptom, fc.uniqueArray(symptom, { maxLength: 3 }), fc.nat(3))
    .map(([first, others, split]) => ({
      type: 'not-it' as const,
      symptom: first,
      refused: others.slice(0, split),
      next: others.slice(split),
    })),
);

/** The wire format as a zod schema: the decoder (hand-written, to keep zod off start-up) must agree. */
const symptomId = z.enum(SYMPTOM_IDS);
const referenceSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('check'), checkId: z.enum(CHECK_IDS), symptom: symptomId }),
  z.object({ type: z.literal('solved'), symptom: symptomId }),
  z.object({
    type: z.literal('not-it'),
    symptom: symptomId,
    refused: z.array(symptomId).max(11),
    next: z.array(symptomId).max(3),
  }),
  z.object({ type: z.literal('show'), symptom: symptomId }),
  z.object({ type: z.literal('pick'), symptom: symptomId }),
  z.object({ type: z.literal('other'), symptom: symptomId }),
  z.object({ type: z.literal('dismiss'), symptom: symptomId }),
]);
const LONG_TYPE: Record<string, string> = {
  c: 'check',
  s: 'solved',
  n: 'not-it',
  d: 'show',
  p: 'pick',
  o: 'other',
  x: 'dismiss',
};

/** How the zod-checked decoder read an id before: split, look the type up, parse. */
function referenceDecode(id: string): unknown {
  if (id.length > MAX_ACTION_ID_LENGTH) return undefined;
  const [version, shortType, symptom, ...rest] = id.split('|');
  if (version !== 'ad1' || shortType === undefined) return undefined;
  const type = Object.hasOwn(LONG_TYPE, shortType) ? LONG_TYPE[shortType] : undefined;
  const list = (value: string | undefined) => (value ? value.split(',') : []);
  const candidate =
    type === 'check'
      ? { type, symptom, checkId: rest[0] }
      : type === 'not-it'
        ? { type, symptom, refused: list(rest[0]), next: list(rest[1]) }
        : { type, symptom };
  const parsed = referenceSchema.safeParse(candidate);
  return parsed.success ? parsed.data : undefined;
}

/** Mostly `a`, sometimes `b`: keeps the generated ids near the valid ones. */
const mostly = <T>(a: fc.Arbitrary<T>, b: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: a, weight: 4 }, { arbitrary: b, weight: 1 });
const symptomList = fc
  .tuple(
    fc.oneof(
      fc.array(fc.constantFrom(...SYMPTOM_IDS), { maxLength: 4 }),
      fc.array(fc.constantFrom(...SYMPTOM_IDS), { minLength: 10, maxLength: 13 }),
    ),
    mostly<string[]>(fc.constant([]), fc.constant(['nope'])),
  )
  .map(([ids, junk]) => [...ids, ...junk].join(','));

/** Ids near the valid ones: known and unknown parts, lists of every length around the limits. */
const nearlyValidId = fc
  .tuple(
    mostly(fc.constant('ad1'), fc.constantFrom('ad0', 'AD1', '')),
    mostly(
      fc.constantFrom('c', 's', 'n', 'd', 'p', 'o', 'x'),
      fc.constantFrom('x', '', 'constructor', '__proto__'),
    ),
    mostly(fc.constantFrom(...SYMPTOM_IDS), fc.constantFrom('none', '', 'MagicDNS')),
    fc.oneof(
      fc.tuple(symptomList, symptomList),
      fc.array(
        fc.oneof(mostly(fc.constantFrom(...CHECK_IDS), fc.constantFrom('rm-rf', '')), symptomList),
        {
          maxLength: 3,
        },
      ),
    ),
  )
  .map(([version, type, symptom, rest]) => [version, type, symptom, ...rest].join('|'));

describe('action ids', () => {
  it('decode exactly as the zod schema of the wire format reads them', () => {
    fc.assert(
      fc.property(nearlyValidId, (id) => {
        expect(decodeActionId(id)).toEqual(referenceDecode(id));
      }),
      { numRuns: 2000 },
    );
  });

  it('decode to the action they encode', () => {
    fc.assert(
      fc.property(action, (a) => {
        expect(decodeActionId(encodeActionId(a))).toEqual(a);
      }),
    );
  });

  it("fit Discord's 100-character custom_id for every action a reply can carry", () => {
    fc.assert(fc.property(action, (a) => encodeActionId(a).length <= MAX_ACTION_ID_LENGTH));
  });

  it('reject an id from another version', () => {
    expect(decodeActionId('ad0|c|magicdns|dns')).toBeUndefined();
  });

  it('reject a "Not it" refusing more than eleven symptoms, or offering more than three', () => {
    const ids = (n: number) => Array.from({ length: n }, () => 'https').join(',');
    expect(decodeActionId(`ad1|n|https|${ids(11)}|${ids(3)}`)).toBeDefined();
    expect(decodeActionId(`ad1|n|https|${ids(12)}|`)).toBeUndefined();
    expect(decodeActionId(`ad1|n|https||${ids(4)}`)).toBeUndefined();
  });

  it('reject an id naming an unknown check', () => {
    expect(decodeActionId('ad1|c|magicdns|rm-rf')).toBeUndefined();
  });

  it('reject arbitrary strings without throwing', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 200 }),
        (s) => decodeActionId(s) === undefined || s.startsWith('ad1|'),
      ),
    );
  });
});
