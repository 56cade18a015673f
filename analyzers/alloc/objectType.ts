import type { Frame } from '../core/frame';

/**
 * What the allocator frames say about the allocated object, tried in order on each frame from
 * the allocator outwards. Covers the libstdc++ spellings in full (LSan, Valgrind, event logs)
 * and heaptrack_print's shortened templates (`std::make_shared<>()` keeps `Player*&` in the
 * arguments of `__shared_count`).
 */
const TYPE_RULES: { pattern: RegExp; describe: (m: RegExpExecArray) => string }[] = [
  { pattern: /_Sp_counted_ptr_inplace<\s*([^,<>]+(?:<[^<>]*>)?)\s*,/, describe: (m) => m[1].trim() },
  { pattern: /\bstd::(?:make_shared|allocate_shared)<\s*([^,<>()]+(?:<[^<>]*>)?)\s*[,>]/, describe: (m) => m[1].trim() },
  { pattern: /\(([A-Za-z_][\w:]*(?:<[^()]*>)?)\*&, std::_Sp_alloc_shared_tag/, describe: (m) => m[1] },
  {
    pattern: /(?:_Base_manager|_Function_handler)<.*?([A-Za-z_][\w:]*\([^()]*\)(?: const)?::\{lambda\([^)]*\)#\d+\})/,
    describe: (m) => `std::function holding ${m[1].replace(/\([^()]*\)/, '(…)')}`,
  },
  { pattern: /^std::__cxx11::basic_string<.*>::(?:_M_create|_M_construct|_M_mutate|reserve)\(/, describe: () => 'std::string' },
  { pattern: /_Hash_node<std::pair<([^,]+?) const, (.+?)>, (?:true|false)>/, describe: (m) => `hash map node <${m[1]}, ${m[2].replace(/^std::__cxx11::basic_string<char.*/, 'std::string')}>` },
  { pattern: /std::__new_allocator<\s*(.+?)\s*>::allocate/, describe: (m) => `array of ${m[1]}` },
];

/** The allocated object's type when the frames name it (`make_shared<Player>` → `Player`). */
export function objectTypeFromFrames(frames: readonly Frame[], userFrameIndex: number): string | undefined {
  for (let i = 0; i <= userFrameIndex && i < frames.length; i++) {
    const fn = frames[i].fn;
    if (!fn) continue;
    for (const rule of TYPE_RULES) {
      const m = rule.pattern.exec(fn);
      if (m) return rule.describe(m);
    }
  }
  return undefined;
}
