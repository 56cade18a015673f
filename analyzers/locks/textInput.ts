import { loadLines, type LineParser } from '../ingest/lineInput';
import { lineText, splitLines } from '../ingest/lines';
import type { InputFormat, Loaded } from '../ingest/capability';

/** A line-oriented text format: streamed from a file, or parsed from text already in memory (tests, pasted output). */
export interface LineFormat<A> extends InputFormat<A> {
  parseText(file: string, text: string): Loaded<A>;
}

export function lineFormat<A>(spec: { id: string; label: string; phase: string; sniff: (head: string) => boolean; parser: (file: string) => LineParser<A> }): LineFormat<A> {
  return {
    id: spec.id,
    label: spec.label,
    sniff: spec.sniff,
    load: (source, ctx) => loadLines(source, ctx, spec.parser(source.name), spec.phase),
    parseText(file, text) {
      const parser = spec.parser(file);
      const lines = splitLines(text);
      const terminated = lines.length > 0 && lines[lines.length - 1] === '';
      if (terminated) lines.pop();
      lines.forEach((l, i) => parser.push(lineText(l), i + 1));
      return parser.finish({ lastLineUnterminated: !terminated });
    },
  };
}
