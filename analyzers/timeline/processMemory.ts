import type { Bytes, EpochMillis } from '../core/units';

/** What a memory capture file is: which kernel file, so that its parts are read with their meaning. */
export type MemoryCaptureKind = 'proc-status' | 'smaps-rollup' | 'cgroup-v1' | 'cgroup-v2';

/**
 * Where resident memory is, in bytes, as one capture states it. `anon` is private anonymous memory:
 * the JS heap, malloc arenas, Buffers' backing stores and thread stacks alike; `file` is page cache
 * and mapped files (reclaimable, shared), `shmem` shared memory and tmpfs.
 */
export interface MemoryParts {
  rss?: Bytes;
  anon?: Bytes;
  file?: Bytes;
  shmem?: Bytes;
  swap?: Bytes;
  /** cgroup: kernel memory charged to the group (slab, stacks, page tables). */
  kernel?: Bytes;
  /** cgroup: the limit (v1 hierarchical_memory_limit), when one is set. */
  limit?: Bytes;
}

/** One process-memory input: the first and last capture (a leak is their difference), and what it counted. */
export interface ProcessMemoryCapture {
  file: string;
  kind: MemoryCaptureKind;
  /** `Name:` and `Pid:` of /proc/PID/status, when the file has them. */
  process?: string;
  pid?: number;
  captures: number;
  firstAtMs?: EpochMillis;
  lastAtMs?: EpochMillis;
  first: MemoryParts;
  last: MemoryParts;
  /** OOM kills the cgroup counted over the captures (memory.events / memory.oom_control `oom_kill`). */
  oomKills?: number;
}
