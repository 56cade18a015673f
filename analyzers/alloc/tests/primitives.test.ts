import { describe, expect, it } from 'vitest';
import { BucketedSeries } from '../bucketedSeries';
import { qualifiedName } from '../frameFolding';
import { parseFrameText } from '../frameText';
import { linearFit } from '../../core/linearFit';

describe('frame text', () => {
  it('reads clang frames with a column, gcc frames without, and unsymbolized module offsets', () => {
    // The clang example of clang/docs/LeakSanitizer.rst and lines of samples/alloc/fixtures.
    expect(parseFrameText('main memory-leak.c:4:7')).toEqual({ fn: 'main', file: 'memory-leak.c', line: 4, col: 7 });
    expect(parseFrameText('operator new(unsigned long) ../../../../src/libsanitizer/asan/asan_new_delete.cpp:95')).toEqual({
      fn: 'operator new(unsigned long)',
      file: '../../../../src/libsanitizer/asan/asan_new_delete.cpp',
      line: 95,
    });
    expect(parseFrameText('(player_manager_asan+0x359c)')).toEqual({ module: 'player_manager_asan', moduleOffset: 0x359c });
    expect(parseFrameText('__libc_start_main (/lib/x86_64-linux-gnu/libc.so.6+0x27249)')).toEqual({ fn: '__libc_start_main', module: '/lib/x86_64-linux-gnu/libc.so.6', moduleOffset: 0x27249 });
  });

  it('strips return types, templates and parameters before folding rules look at a name', () => {
    expect(qualifiedName('void std::vector<int, std::allocator<int> >::_M_realloc_insert<int const&>(int*, int const&)')).toBe('std::vector::_M_realloc_insert');
    expect(qualifiedName('std::shared_ptr<std::enable_if<!std::is_array<Player>::value, Player>::type> std::make_shared<Player>()')).toBe('std::make_shared');
    expect(qualifiedName('operator new[](unsigned long)')).toBe('operator new[]');
    expect(qualifiedName('PlayerManager::addPlayer(int, std::string const&)')).toBe('PlayerManager::addPlayer');
  });
});

describe('numbers', () => {
  it('fits a line and its R²', () => {
    const exact = linearFit([0, 1, 2, 3], [5, 7, 9, 11]);
    expect(exact.slope).toBeCloseTo(2);
    expect(exact.intercept).toBeCloseTo(5);
    expect(exact.r2).toBeCloseTo(1);
    expect(linearFit([0, 1, 2, 3], [4, 4, 4, 4]).r2).toBe(0);
    expect(linearFit([0, 1, 2, 3], [0, 10, 0, 10]).r2).toBeLessThan(0.5);
  });

  it('keeps bucket-end values when the series coarsens', () => {
    const s = new BucketedSeries(4);
    const a = s.addSeries();
    for (let t = 0; t < 16; t++) s.add(a, t, 1);
    const snap = s.snapshot();
    expect(snap.series[0]).toEqual([4, 8, 12, 16]);
    expect(snap.width).toBe(4);
    expect(snap.bucketEnds).toEqual([4, 8, 12, 16]);
  });
});
