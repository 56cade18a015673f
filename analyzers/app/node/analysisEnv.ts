/**
 * glibc tunables of an analysis process (glibc 2.35+; read at the process's start, hence set for the
 * child). A heap snapshot's graph lives in typed arrays of hundreds of MB whose 4 KiB pages are each
 * faulted in and zeroed on first touch: `hugetlb=1` backs malloc's mappings by transparent huge pages
 * on a kernel whose THP mode is `madvise` (Debian's and Ubuntu's default), cutting those faults ~5× and
 * the TLB misses of the graph walks. `mmap_threshold` fixed at 1 MiB keeps every array of 1 MiB or more
 * a mapping of its own, given back when freed: left dynamic, glibc raises it to 32 MiB after the first
 * big free, and arrays below that then sit in arenas whose huge pages stay resident (peak RSS 590–680
 * MiB instead of 550–575 on a 286 MiB snapshot). Measured here: a 300 MB snapshot analysed in 2.1–2.2 s
 * instead of 2.8–2.9 s, the same peak RSS. With THP `always` or `never`, musl or another allocator the
 * settings change little or nothing. `arena_max=1`: the parse and index threads of a set free what the
 * next load's threads allocate again; with an arena per thread those pages were faulted in anew (a
 * three-snapshot set: 180 k page faults against 138 k, ~10 % of its CPU), for 5–15 MiB more peak RSS on
 * one snapshot. Its allocations of 1 MiB or more are mappings of their own, so they never wait on the
 * one arena's lock.
 */
const TUNABLES: readonly [name: string, value: string][] = [
  ['glibc.malloc.hugetlb', '1'],
  ['glibc.malloc.mmap_threshold', String(1 << 20)],
  ['glibc.malloc.arena_max', '1'],
];

/** The environment of an analysis process: this one's, with the tunables above; a tunable the user set is kept. */
export function analysisEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const set = (env.GLIBC_TUNABLES ?? '').split(':').filter(Boolean);
  const named = new Set(set.map((t) => t.split('=')[0]));
  const added = TUNABLES.filter(([name]) => !named.has(name)).map(([name, value]) => `${name}=${value}`);
  return added.length ? { ...env, GLIBC_TUNABLES: [...set, ...added].join(':') } : env;
}
