import { describe, expect, it } from 'vitest';
import { sameEdits } from './sameEdits';

describe('sameEdits (is what the user typed already saved?)', () => {
  it('ignores field order, absent fields and empty notes', () => {
    expect(sameEdits({}, {})).toBe(true);
    expect(sameEdits({ title: 'T', summary: 'S' }, { summary: 'S', title: 'T' })).toBe(true);
    expect(sameEdits({ timelineNotes: { a: '  ' } }, {})).toBe(true);
    expect(sameEdits({ timelineNotes: { a: 'x', b: 'y' } }, { timelineNotes: { b: 'y', a: 'x' } })).toBe(true);
  });
  it('sees every change the user can make', () => {
    expect(sameEdits({ title: 'T' }, {})).toBe(false);
    expect(sameEdits({ actionItems: [{ text: 'a', owner: 'ana', priority: 'P0' }] }, { actionItems: [{ text: 'a', owner: '', priority: 'P0' }] })).toBe(false);
    expect(sameEdits({ fiveWhys: ['a'] }, { fiveWhys: ['a', ''] })).toBe(false);
    expect(sameEdits({ timelineNotes: { a: 'x' } }, { timelineNotes: { a: 'y' } })).toBe(false);
  });
});
