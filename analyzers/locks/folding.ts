import type { LockFrame } from './model';

/**
 * Which frames are lock machinery rather than the application: libc/libstdc++ (pthread_mutex_lock,
 * __lll_lock_wait), `std::mutex`/`lock_guard`/`unique_lock`, thread start-up, and the kernel's
 * futex and lock slow paths. Plain data so that a user's rules can be saved and sent across
 * processes; `compileLockFolding` turns them into one matcher.
 */
export interface LockFoldingRules {
  /** Regular expression sources matched against the function name (offset removed). */
  functionPatterns: string[];
  /** Regular expression sources matched against the module (shared object) of an unnamed frame or any frame. */
  modulePatterns: string[];
  /** Fold every kernel frame when the stack has application frames (the kernel part is how, not who). */
  foldKernel: boolean;
}

export const DEFAULT_LOCK_FOLDING: LockFoldingRules = {
  functionPatterns: [
    '^std::',
    '^__gnu_cxx::',
    // libstdc++ internals inlined under their bare member name by DWARF unwinding (`_M_hash_code`).
    '^_M_',
    '^_?_?pthread_',
    '^_+pthread',
    '^__GI_',
    '^_*lll_',
    '^_*futex',
    '^_*mutex_(?:lock|unlock)',
    '^_?_?raw_spin',
    '^__pv_queued_spin',
    '^(?:native_)?queued_spin',
    '^rwsem_down',
    '^do_futex$',
    '^__x64_sys_futex',
    '^do_syscall_64$',
    '^entry_SYSCALL',
    '(?:^|::)(?:lock_guard|unique_lock|scoped_lock|shared_lock)\\b',
    '^start_thread$',
    '^__?clone3?$',
    '^execute_native_thread_routine',
  ],
  modulePatterns: ['(?:^|/)libc\\.so', '(?:^|/)libstdc\\+\\+\\.so', '(?:^|/)libpthread', '(?:^|/)ld-linux', '(?:^|/)libgcc_s'],
  foldKernel: true,
};

/** Kernel lock slow paths: never the answer to "who waited", even in a kernel-only stack. */
const KERNEL_SLOW_PATH = /^(?:__pv_queued_spin|(?:native_)?queued_spin|_?_?raw_spin|__mutex_lock|mutex_lock|rwsem_down|__rwsem|osq_lock|__task_rq_lock|_raw_read|_raw_write)/;

export interface LockFrameClassifier {
  isFolded(frame: LockFrame): boolean;
}

/**
 * Go's lock paths (`sync.(*Mutex).Lock`, `runtime.semacquire…`) in pprof mutex and block profiles,
 * folded whatever the rules: kept out of the rules' data, which cases save, since no C or C++ frame
 * is named like these.
 */
const GO_LOCK_PATH = /^(?:sync|runtime)\./;

export function compileLockFolding(rules: LockFoldingRules = DEFAULT_LOCK_FOLDING): LockFrameClassifier {
  const fn = rules.functionPatterns.length ? new RegExp(rules.functionPatterns.map((p) => `(?:${p})`).join('|')) : undefined;
  const mod = rules.modulePatterns.length ? new RegExp(rules.modulePatterns.map((p) => `(?:${p})`).join('|')) : undefined;
  return {
    isFolded(frame) {
      if (frame.fn === '' || GO_LOCK_PATH.test(frame.fn)) return true;
      if (frame.kernel && rules.foldKernel) return true;
      if (fn?.test(frame.fn)) return true;
      return frame.module !== undefined && mod !== undefined && mod.test(frame.module);
    },
  };
}

/**
 * Index of the first application frame (innermost first): the function that asked for the lock.
 * A kernel-only stack (perf lock contention -v) answers with the first frame past the lock slow
 * path; an unreadable stack with its innermost frame.
 */
function firstApplicationFrame(stack: readonly LockFrame[], classifier: LockFrameClassifier): number {
  for (let i = 0; i < stack.length; i++) if (!classifier.isFolded(stack[i]) && !stack[i].kernel) return i;
  for (let i = 0; i < stack.length; i++) if (stack[i].fn && !KERNEL_SLOW_PATH.test(stack[i].fn)) return i;
  return 0;
}

/**
 * The application part of a stack from its first application frame outwards, folded frames and
 * perf's repeated inline frames (`transferItem` twice at one address) removed.
 */
export function applicationPath(stack: readonly LockFrame[], classifier: LockFrameClassifier): string[] {
  if (stack.length === 0) return [];
  const start = firstApplicationFrame(stack, classifier);
  // A kernel-only stack has no application part: keep its kernel callers, they are the story.
  const kernelOnly = stack[start].kernel;
  const path: string[] = [];
  for (let i = start; i < stack.length; i++) {
    const f = stack[i];
    if (i > start && (kernelOnly ? f.fn === '' : classifier.isFolded(f))) continue;
    const label = f.fn || f.symbol;
    if (path[path.length - 1] !== label) path.push(label);
  }
  return path;
}
