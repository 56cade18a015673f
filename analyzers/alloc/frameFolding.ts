import type { Frame } from '../core/frame';

/**
 * Which frames belong to allocators, the standard library and the runtime rather than to the
 * user's code. Plain data (strings, regex sources) so that a user's rules can be saved and sent
 * across processes; `compileFoldingRules` turns them into matchers once.
 */
export interface FoldingRules {
  /** Matched against the function's qualified name, return type and arguments removed. */
  functionPrefixes: string[];
  functionNames: string[];
  /** Regular expression sources, matched against the qualified name. */
  functionPatterns: string[];
  /** Regular expression sources, matched against the frame's file. */
  filePatterns: string[];
  /** Regular expression sources, matched against the frame's module (shared object). */
  modulePatterns: string[];
}

export const DEFAULT_FOLDING_RULES: FoldingRules = {
  functionPrefixes: ['std::', '__gnu_cxx::', '__cxxabiv1::', '__sanitizer::', '__asan::', '__lsan::', '__interceptor_', '___interceptor_', '__libc_', '_Sp_'],
  functionNames: [
    'operator new',
    'operator new[]',
    'operator delete',
    'operator delete[]',
    'malloc',
    'calloc',
    'realloc',
    'reallocarray',
    'free',
    'memalign',
    'posix_memalign',
    'aligned_alloc',
    'valloc',
    'pvalloc',
    'strdup',
    'strndup',
    '_start',
    'start_thread',
    'clone',
    'clone3',
  ],
  // A program's own allocation wrappers (Perl_safesysmalloc, xmalloc, g_malloc0, sqlite3_malloc64,
  // PyObject_Malloc): the leak is where they were called from, not in them.
  functionPatterns: ['^_Znw[am]', '^_Zna[m]', '(?:[MmCc]alloc|[Rr]ealloc)(?:0|64)?$'],
  filePatterns: ['^/usr/include/c\\+\\+/', 'libsanitizer/', '^\\.\\./sysdeps/', '^(\\./)?(elf|libio|stdio-common|malloc|nptl|csu|misc|string)/'],
  modulePatterns: ['(^|/)lib(asan|lsan|tsan|ubsan|stdc\\+\\+|c|gcc_s|m)\\.so', '(^|/)ld-linux', 'vgpreload_', 'libheaptrack'],
};

/** A sanitizer's malloc interceptor (`__interceptor_malloc`, gcc 13's `___interceptor_malloc`). */
const INTERCEPTOR = /^_{2,3}interceptor_/;

export interface FrameClassifier {
  isInternal(frame: Frame): boolean;
  /** An allocation function itself (`malloc`, `operator new`, a sanitizer's interceptor, a wrapper such as `xmalloc`), by name. */
  isAllocator(frame: Frame): boolean;
}

/**
 * The runtimes' own allocation paths in heap profiles, folded whatever the user's rules: Go's
 * `runtime.` (mallocgc, makeslice), Node's `node:` modules and V8's builtins (module `v8`, see
 * v8HeapProfileFormat). Kept out of the rules' data, which cases save: they say what C and C++
 * frames the user chose to fold, and no C or C++ frame looks like these.
 */
function isRuntimeInternal(frame: Frame): boolean {
  return frame.fn?.startsWith('runtime.') === true || frame.file?.startsWith('node:') === true || (frame.file === undefined && frame.module === 'v8');
}

export function compileFoldingRules(rules: FoldingRules = DEFAULT_FOLDING_RULES): FrameClassifier {
  const names = new Set(rules.functionNames);
  const fnPatterns = rules.functionPatterns.map((p) => new RegExp(p));
  const filePatterns = rules.filePatterns.map((p) => new RegExp(p));
  const modulePatterns = rules.modulePatterns.map((p) => new RegExp(p));
  return {
    isAllocator(frame) {
      if (frame.fn === undefined) return false;
      const name = qualifiedName(frame.fn);
      return names.has(name) || INTERCEPTOR.test(name) || fnPatterns.some((r) => r.test(name));
    },
    isInternal(frame) {
      if (isRuntimeInternal(frame)) return true;
      if (frame.fn !== undefined) {
        const name = qualifiedName(frame.fn);
        if (names.has(name)) return true;
        if (rules.functionPrefixes.some((p) => name.startsWith(p))) return true;
        if (fnPatterns.some((r) => r.test(name))) return true;
      }
      if (frame.file !== undefined && filePatterns.some((r) => r.test(frame.file as string))) return true;
      // A module only decides when the frame has no source file: a user's inline function
      // compiled into a system library is not a concern here, an unsymbolized libc frame is.
      if (frame.file === undefined && frame.module !== undefined && modulePatterns.some((r) => r.test(frame.module as string))) {
        return true;
      }
      return false;
    },
  };
}

/**
 * Index of the first frame of the user's own code (innermost first). When every frame is a
 * library's (a runtime's startup allocation), the first one that is not the allocator itself; when
 * all are allocators (LSan's short stacks: an interceptor and a program's `Perl_safesysmalloc`), the
 * outermost, the one nearest the code that asked.
 */
export function firstUserFrameIndex(frames: readonly Frame[], classifier: FrameClassifier): number {
  for (let i = 0; i < frames.length; i++) if (!classifier.isInternal(frames[i])) return i;
  for (let i = 0; i < frames.length; i++) if (!classifier.isAllocator(frames[i])) return i;
  return Math.max(0, frames.length - 1);
}

/**
 * `void std::vector<int, A>::_M_realloc_insert<X>(It, X&&) const` → `std::vector::_M_realloc_insert`:
 * template arguments, the parameter list and the return type removed, so that prefix rules see
 * the scope the function is in. Operators keep their name (`operator new[]`).
 */
export function qualifiedName(fn: string): string {
  const trimmed = fn.trim();
  const op = /^(operator\s*(?:new|delete)(?:\[\])?)/.exec(trimmed);
  if (op) return op[1].replace(/\s+/, ' ');
  let depth = 0;
  let out = '';
  for (let i = 0; i < trimmed.length; i++) {
    const c = trimmed[i];
    if (c === '<') depth++;
    else if (c === '>') depth = Math.max(0, depth - 1);
    else if (depth === 0) {
      if (c === '(' && !trimmed.startsWith('(anonymous', i) && !trimmed.startsWith('(__gnu', i)) break;
      out += c;
    }
  }
  const lastSpace = out.trimEnd().lastIndexOf(' ');
  return (lastSpace >= 0 ? out.slice(lastSpace + 1) : out).trim();
}
