import { describe, expect, it } from 'vitest';
import { frameTitle } from './Icicle';

describe('frameTitle', () => {
  it('names a merged node as the report does (one frame singular, the count grouped), any other frame by its full name', () => {
    const merged = (pruned: number) => ({ name: 'other', self: 1, total: 1, pruned, children: [] });
    expect(frameTitle(merged(1))).toBe('1 smaller frame');
    expect(frameTitle(merged(1204))).toBe('1,204 smaller frames');
    expect(frameTitle({ name: 'Player::update() player.cpp:12', self: 1, total: 1, children: [] })).toBe('Player::update() player.cpp:12');
  });
});
