import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { analysisEnv } from '../node/analysisEnv';

describe('the analysis process environment', () => {
  it('asks glibc for huge pages and a fixed mmap threshold, beside the tunables the user set, keeping the user\'s own values', () => {
    expect(analysisEnv({ PATH: '/bin' })).toEqual({ PATH: '/bin', GLIBC_TUNABLES: 'glibc.malloc.hugetlb=1:glibc.malloc.mmap_threshold=1048576:glibc.malloc.arena_max=1' });
    expect(analysisEnv({ GLIBC_TUNABLES: 'glibc.malloc.arena_max=2' }).GLIBC_TUNABLES).toBe('glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1:glibc.malloc.mmap_threshold=1048576');
    expect(analysisEnv({ GLIBC_TUNABLES: 'glibc.malloc.hugetlb=0' }).GLIBC_TUNABLES).toBe('glibc.malloc.hugetlb=0:glibc.malloc.mmap_threshold=1048576:glibc.malloc.arena_max=1');
    const mine = { GLIBC_TUNABLES: 'glibc.malloc.mmap_threshold=65536:glibc.malloc.hugetlb=0:glibc.malloc.arena_max=4' };
    expect(analysisEnv(mine)).toBe(mine);
  });

  it('is read by this glibc as set (`ld.so --list-tunables` under that environment)', () => {
    // glibc 2.35+ lists its tunables; Debian 12 has 2.36.
    const listed = execFileSync('/lib64/ld-linux-x86-64.so.2', ['--list-tunables'], { encoding: 'utf8', env: analysisEnv({}) });
    expect(listed).toMatch(/^glibc\.malloc\.hugetlb: 0x1 /m);
    expect(listed).toMatch(/^glibc\.malloc\.mmap_threshold: 0x100000 /m);
    expect(listed).toMatch(/^glibc\.malloc\.arena_max: 0x1 /m);
  });
});
