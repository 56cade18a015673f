/**
 * Lines that could only come from one of the alloc formats. A parser that meets another format's
 * marker among lines it does not understand refuses the file: two tools' outputs concatenated
 * would otherwise be half-parsed and reported as if complete.
 */
const MARKERS: { format: string; pattern: RegExp }[] = [
  { format: 'LeakSanitizer report', pattern: /^==\d+==ERROR: (?:LeakSanitizer|AddressSanitizer)|^(?:Direct|Indirect) leak of \d+ byte\(s\)|^SUMMARY: (?:AddressSanitizer|LeakSanitizer): / },
  { format: 'Valgrind XML', pattern: /^\s*<\?xml |^\s*<\/?valgrindoutput>/ },
  { format: 'Valgrind text log', pattern: /^==\d+== (?:Memcheck|HEAP SUMMARY:|LEAK SUMMARY:)/ },
  { format: 'heaptrack_print output', pattern: /^(?:MOST CALLS TO ALLOCATION FUNCTIONS|PEAK MEMORY CONSUMERS|MEMORY LEAKS|MOST TEMPORARY ALLOCATIONS)$|^total memory leaked: / },
  { format: 'allocation event log', pattern: /^\{"type":"(?:meta|alloc|free|stack)"|^#aftermath-alloc-events/ },
];

/** The label of another format this line belongs to, if it is one of their markers. */
export function foreignFormatOf(line: string, ownFormat: string): string | undefined {
  for (const m of MARKERS) if (m.format !== ownFormat && m.pattern.test(line)) return m.format;
  return undefined;
}
