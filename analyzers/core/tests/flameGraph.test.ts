import { describe, expect, it } from 'vitest';
import { prunedFramesName } from '../flameGraph';

describe('prunedFramesName', () => {
  it('names a merged node by how many frames it stands for: one singular, the count grouped', () => {
    expect(prunedFramesName(1)).toBe('1 smaller frame');
    expect(prunedFramesName(3)).toBe('3 smaller frames');
    expect(prunedFramesName(1204)).toBe('1,204 smaller frames');
  });
});
