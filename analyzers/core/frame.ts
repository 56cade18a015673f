/**
 * One stack frame as the tools print it, normalized: shared by native leak reports (analyzers/alloc)
 * and V8 allocation traces (analyzers/heap). Every field is optional because formats
 * differ: LSan without a symbolizer gives only `module+offset`, heaptrack gives `in module`
 * without an offset, Valgrind gives `obj`.
 */
export interface Frame {
  fn?: string;
  file?: string;
  line?: number;
  /** clang's symbolizer prints a column, gcc's libbacktrace does not. */
  col?: number;
  module?: string;
  moduleOffset?: number;
  /** The address as printed (hex): shown, and names a function the tool could not (`???`). */
  address?: string;
}

/** How a frame is shown and keyed: `fn file:line`, `fn (module+0xoff)` or the address. */
export function frameLabel(f: Frame): string {
  const where =
    f.file !== undefined
      ? `${f.file}${f.line !== undefined ? `:${f.line}` : ''}`
      : f.module !== undefined
        ? `(${f.module}${f.moduleOffset !== undefined ? `+0x${f.moduleOffset.toString(16)}` : ''})`
        : '';
  // An unnamed function is told apart from the module's others by its address (Valgrind's `???`).
  const parts = [f.fn ?? (where ? f.address : undefined), where].filter((p) => p);
  return parts.length ? parts.join(' ') : (f.address ?? '??');
}
