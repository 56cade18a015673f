import { formatBytes } from '../core/byteFormat';
import { bytes, type Bytes } from '../core/units';

/** Peak memory of a load per byte of input (bench:heap measures ≤ 2× the file for a heap snapshot). */
const PEAK_PER_INPUT_BYTE = 2;
/** What stays held per byte of input once loaded (the artifact, until the analyses have run). */
const HELD_PER_INPUT_BYTE = 1.5;
/** A gzipped snapshot or log expands about tenfold. */
const GZIP_EXPANSION = 10;

export interface LoadInput {
  sizeBytes: number;
  gzipped: boolean;
}

export interface Machine {
  cores: number;
  /** What the machine can give this process now (os.freemem: MemAvailable on Linux). */
  freeBytes: Bytes;
}

export interface LoadPlan {
  /** How many files are read at once. */
  parallel: number;
  /**
   * How many loads may be under way at once: one more than `parallel` when memory allows, so that a
   * file whose read is done builds its model on the analysis thread while the next files are read.
   */
  underWay: number;
  /** Why fewer load at once than there are cores for, in words for the user. */
  notice?: string;
}

/** Input bytes as loaded (a gzipped file counts as what it expands to). */
export const loadedBytes = (input: LoadInput): Bytes => bytes(input.sizeBytes * (input.gzipped ? GZIP_EXPANSION : 1));

/**
 * How many files of a case to load at once: up to the core count, while what they need fits in what
 * the machine has free. Every artifact stays held until the analyses run, so loading k at once needs
 * all of them held plus the load-time overhead of the k largest at the same moment; when even two at
 * once do not fit, the files load one at a time (never an out-of-memory because of the parallelism).
 * With more files than reads at once, one more load may be under way (building its model while the
 * others are read) when its overhead fits too.
 */
export function planLoads(inputs: readonly LoadInput[], machine: Machine): LoadPlan {
  const wanted = Math.max(1, Math.min(machine.cores, inputs.length));
  if (wanted === 1) return { parallel: 1, underWay: 1 };
  const sizes = inputs.map(loadedBytes).sort((a, b) => b - a);
  const held = sizes.reduce((sum, s) => sum + s * HELD_PER_INPUT_BYTE, 0);
  const need = (k: number) => held + sizes.slice(0, k).reduce((sum, s) => sum + s * (PEAK_PER_INPUT_BYTE - HELD_PER_INPUT_BYTE), 0);
  let parallel = wanted;
  while (parallel > 1 && need(parallel) > machine.freeBytes) parallel--;
  const underWay = parallel > 1 && inputs.length > parallel && need(parallel + 1) <= machine.freeBytes ? parallel + 1 : parallel;
  if (parallel === wanted) return { parallel, underWay };
  return {
    parallel,
    underWay,
    notice:
      `${parallel === 1 ? 'loaded one at a time' : `loaded ${parallel} at a time`}, not ${wanted} in parallel: ` +
      `loading ${wanted} at once needs about ${formatBytes(need(wanted))} and the machine had ${formatBytes(machine.freeBytes)} free`,
  };
}
