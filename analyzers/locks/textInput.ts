import type { LineParser } from '../alloc/lineInput';
import type { Loaded } from '../ingest/capability';

/** Runs a line parser over text already in memory (tests, small pasted outputs). */
export function parseText<A>(parser: LineParser<A>, text: string): Loaded<A> {
  const lines = text.split('\n');
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  lines.forEach((l, i) => parser.push(l.endsWith('\r') ? l.slice(0, -1) : l, i + 1));
  return parser.finish();
}
