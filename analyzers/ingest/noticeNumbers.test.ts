import { describe, expect, it } from 'vitest';
import { boundText } from '../core/boundedText';
import { jsonCutNotice } from './jsonDocument';
import { partialReason } from './partialInputs';

describe('the numbers in input notices', () => {
  it('a JSON document cut short says at which byte, grouped (the line as editors number it)', () => {
    expect(jsonCutNotice({ byteOffset: 1_048_577, line: 20_480 }, 'the file was cut').message).toBe('the JSON ends early at byte 1,048,577 (line 20480): the file was cut');
  });

  it('a text cut to its bound says how long it was, grouped', () => {
    expect(boundText('x'.repeat(200_123), 10)).toBe(`${'x'.repeat(10)}… [cut: 200,123 characters in all]`);
  });

  it('an incomplete input\'s reason counts its other notices, one singular', () => {
    const notices = (n: number) => Array.from({ length: n }, (_, i) => ({ message: `notice ${i}` }));
    expect(partialReason({ notices: notices(2) })).toBe('notice 0 (1 more notice on the input)');
    expect(partialReason({ notices: notices(1_001) })).toBe('notice 0 (1,000 more notices on the input)');
  });
});
