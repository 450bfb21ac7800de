import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
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

describe('action ids', () => {
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
