import type { LockFrame } from './model';

/** Frames of a futex wait that is a thread waiting for work or for another thread, not for a lock. */
export const IDLE_FRAME = /pthread_cond_|cond_wait|condition_variable|clockjoin|pthread_join|thread::join|sem_wait|sem_timedwait|sem_clockwait/;

const OFFSET = /\+0x[0-9a-fA-F]+(?:\/0x[0-9a-fA-F]+)?$/;
const ANONYMOUS = /\(anonymous namespace\)::/g;
const KERNEL_ADDRESS = /^(?:0x)?f{6}[0-9a-f]{10}$/i;

/** `(anonymous namespace)::transferItem+0x40` → `transferItem`; `[unknown]` and bare addresses → ``. */
export function functionName(symbol: string): string {
  const s = symbol.trim();
  if (s === '' || s === '[unknown]' || /^(?:0x)?[0-9a-fA-F]+$/.test(s)) return '';
  return s.replace(OFFSET, '').replace(ANONYMOUS, '');
}

export function makeFrame(symbol: string, address: string | undefined, module: string | undefined): LockFrame {
  const inlined = module === 'inlined';
  const mod = inlined ? undefined : module;
  const frame: LockFrame = {
    symbol: symbol || address || '[unknown]',
    fn: functionName(symbol),
    inlined,
    kernel: mod === '[kernel.kallsyms]' || (address !== undefined && KERNEL_ADDRESS.test(address)),
  };
  if (mod !== undefined) frame.module = mod;
  if (address !== undefined) frame.address = address;
  return frame;
}

/**
 * A `perf script` call-chain line without its leading tab: `8612b __GI___lll_lock_wait+0x2b (/usr/lib/…/libc.so.6)`.
 * The module is the last parenthesized group: C++ symbols contain parentheses themselves.
 */
export function parsePerfScriptFrame(text: string): LockFrame {
  const t = text.trim();
  const space = t.indexOf(' ');
  if (space < 0) return makeFrame('', t, undefined);
  const address = t.slice(0, space);
  const rest = t.slice(space + 1);
  const open = rest.lastIndexOf(' (');
  if (open >= 0 && rest.endsWith(')')) return makeFrame(rest.slice(0, open).trim(), address, rest.slice(open + 2, -1));
  return makeFrame(rest.trim(), address, undefined);
}

/** A `perf lock contention -v` stack line: `0xffffffff8143b4b3  do_futex+0x183` (the symbol may be empty). */
export function parsePerfLockFrame(text: string): LockFrame {
  const t = text.trim();
  const space = t.search(/\s/);
  if (space < 0) return makeFrame('', t, undefined);
  return makeFrame(t.slice(space).trim(), t.slice(0, space), undefined);
}

/** glibc `backtrace_symbols` (mutrace): `./prog(transferItem+0x1a) [0x4005d6]`, `/lib/libc.so.6(+0x8c481) [0x7f…]`. */
export function parseBacktraceSymbol(text: string): LockFrame {
  const m = /^(.*?)\(([^()]*)\)\s*\[(0x[0-9a-fA-F]+)\]$/.exec(text.trim());
  if (!m) {
    const bare = /^(.*?)\s*\[(0x[0-9a-fA-F]+)\]$/.exec(text.trim());
    return bare ? makeFrame('', bare[2], bare[1] || undefined) : makeFrame(text.trim(), undefined, undefined);
  }
  const symbol = m[2].startsWith('+') ? '' : m[2];
  return makeFrame(symbol, m[3], m[1] || undefined);
}

/** The label of a frame as shown in tables and paths. */
export function frameLabel(frame: LockFrame): string {
  return frame.fn || frame.symbol;
}
