import { frameLabel, type Frame } from '../core/frame';

const MODULE_OFFSET = /^(.*?)\s*\(([^()\s]+)\+0x([0-9a-fA-F]+)\)$/;
const FN_AND_LOCATION = /^(.*\S)\s+(\S+?):(\d+)(?::(\d+))?$/;
const LOCATION_ONLY = /^(\S+?):(\d+)(?::(\d+))?$/;
const HEX_ADDRESS = /^0x[0-9a-fA-F]+$/;

/**
 * Reads one frame in the symbolizer's notation, shared by LSan (after `in `) and the event log:
 * `func file:line[:col]`, `func (module+0xoff)`, `(module+0xoff)`, `file:line`, a bare address,
 * or a bare function. The location is the last space-separated token: function names contain
 * spaces (`operator new(unsigned long)`, `... const`) but paths in these tools' output do not.
 */
export function parseFrameText(text: string): Frame {
  const t = text.trim();
  let m = MODULE_OFFSET.exec(t);
  if (m) {
    const frame: Frame = { module: m[2], moduleOffset: parseInt(m[3], 16) };
    if (m[1]) frame.fn = m[1];
    return frame;
  }
  m = FN_AND_LOCATION.exec(t);
  if (m) return withColumn({ fn: m[1], file: m[2], line: Number(m[3]) }, m[4]);
  m = LOCATION_ONLY.exec(t);
  if (m) return withColumn({ file: m[1], line: Number(m[2]) }, m[3]);
  if (HEX_ADDRESS.test(t)) return { address: t };
  return { fn: t };
}

function withColumn(frame: Frame, col: string | undefined): Frame {
  if (col !== undefined) frame.col = Number(col);
  return frame;
}

/** `PlayerManager::addPlayer(int, std::__cxx11::basic_string<…> const&)` → `PlayerManager::addPlayer(…)` for titles. */
export function shortFunctionName(fn: string): string {
  return fn.length > 48 ? fn.replace(/\((?:[^()]|\([^()]*\))*\)/, '(…)') : fn;
}

/** A frame label for titles: the short function name and the file's base name. */
export function shortFrameLabel(f: Frame): string {
  const file = f.file?.split('/').pop();
  return frameLabel({ ...f, ...(f.fn ? { fn: shortFunctionName(f.fn) } : {}), ...(file ? { file } : {}) });
}
