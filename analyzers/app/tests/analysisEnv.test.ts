import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { analysisEnv } from '../node/analysisEnv';

describe('the analysis process environment', () => {
  it('asks glibc for huge pages, beside the tunables the user set, and keeps a hugetlb setting of the user\'s', () => {
    expect(analysisEnv({ PATH: '/bin' })).toEqual({ PATH: '/bin', GLIBC_TUNABLES: 'glibc.malloc.hugetlb=1' });
    expect(analysisEnv({ GLIBC_TUNABLES: 'glibc.malloc.arena_max=2' }).GLIBC_TUNABLES).toBe('glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1');
    expect(analysisEnv({ GLIBC_TUNABLES: 'glibc.malloc.hugetlb=0' }).GLIBC_TUNABLES).toBe('glibc.malloc.hugetlb=0');
  });

  it('is a setting this glibc reads (a Node child started with it sees it as a tunable, not an error)', () => {
    // glibc 2.35+ lists its tunables with `ld.so --list-tunables`; Debian 12 has 2.36.
    const listed = execFileSync('/lib64/ld-linux-x86-64.so.2', ['--list-tunables'], { encoding: 'utf8', env: analysisEnv({}) });
    expect(listed).toMatch(/^glibc\.malloc\.hugetlb: 0x1 /m);
  });
});
