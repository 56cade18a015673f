import { describe, expect, it } from 'vitest';
import { locksCapability } from '../../locks';
import { CAPABILITIES, type RegisteredCapability } from '../registry';

describe('the capability registry', () => {
  it('accepts a capability only under the key its view is saved with', () => {
    // @ts-expect-error the locks view saved under the heap key: the type-check of `npm test` fails if this compiles
    const misfiled: RegisteredCapability = { ...locksCapability, id: 'heap' };
    expect(misfiled.id).toBe('heap');
    expect(CAPABILITIES.map((c) => c.id)).toEqual(['heap', 'alloc', 'locks', 'timeline']);
  });

  it('gives every format one id, so a detected format names one parser', () => {
    const ids = CAPABILITIES.flatMap((c) => c.formats.map((f) => f.id));
    expect(new Set(ids).size).toBe(ids.length);
  });
});
