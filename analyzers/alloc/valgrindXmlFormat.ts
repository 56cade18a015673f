import { posix } from 'node:path';
import { SaxesParser } from 'saxes';
import { CancelledError, InputError } from '../core/inputError';
import { bytes } from '../core/units';
import type { InputFormat, InputNotice, LoadContext, Loaded } from '../ingest/capability';
import type { FileSource } from '../ingest/fileSource';
import type { AllocArtifact } from './artifact';
import { plural } from '../core/numberFormat';
import type { LeakKind, LeakRecord, LeakReport } from './model';
import type { Frame } from '../core/frame';

const KINDS: Record<string, LeakKind> = {
  Leak_DefinitelyLost: 'direct',
  Leak_IndirectlyLost: 'indirect',
  Leak_PossiblyLost: 'possible',
  Leak_StillReachable: 'reachable',
};
// `816 (48 direct, 768 indirect) bytes in 3 blocks are definitely lost in loss record 4 of 5`
const CLIQUE_TEXT = /^([\d,]+) \(([\d,]+) direct, ([\d,]+) indirect\) bytes in ([\d,]+) blocks/;
const num = (s: string) => Number(s.replace(/,/g, ''));

interface OpenError {
  kind?: string;
  text?: string;
  leakedBytes?: number;
  leakedBlocks?: number;
  frames: Frame[];
  line: number;
}

/**
 * Valgrind memcheck `--xml=yes` output (protocol version 4), streamed through saxes. A
 * definitely-lost record's `leakedbytes` includes the indirectly lost blocks it owns (Valgrind
 * reports a clique once, on its leader), so the record keeps only its direct part and the owned
 * indirect bytes separately: summing `leakedbytes` would count those blocks twice.
 */
async function loadValgrindXml(source: FileSource, ctx: LoadContext): Promise<Loaded<AllocArtifact>> {
  const records: LeakRecord[] = [];
  const report: LeakReport = { type: 'leak-report', tool: 'valgrind', records, toolTotals: {}, suppressions: [], isDiff: false };
  const notices: InputNotice[] = [];
  const otherErrors = new Map<string, number>();
  const parser = new SaxesParser({ position: true });
  const path: string[] = [];
  let text = '';
  let error: OpenError | undefined;
  let frame: Frame | undefined;
  let dir: string | undefined;
  let rootClosed = false;
  let rootSeen = false;
  /** The first XML error, and whether the document had closed by then (text after it: not damage inside). */
  let malformed: { message: string; line: number; afterRoot: boolean } | undefined;

  parser.on('opentag', (tag) => {
    path.push(tag.name);
    text = '';
    if (tag.name === 'valgrindoutput') rootSeen = true;
    else if (tag.name === 'error' && path.length === 2) error = { frames: [], line: parser.line };
    else if (tag.name === 'frame' && error && path[path.length - 2] === 'stack') {
      frame = {};
      dir = undefined;
    }
  });
  parser.on('text', (t) => {
    text += t;
  });
  parser.on('closetag', (tag) => {
    path.pop();
    const value = text.trim();
    text = '';
    if (tag.name === 'valgrindoutput') rootClosed = true;
    else if (frame && path[path.length - 1] === 'frame') {
      if (tag.name === 'fn') frame.fn = value;
      else if (tag.name === 'file') frame.file = value;
      else if (tag.name === 'dir') dir = value;
      else if (tag.name === 'line') frame.line = Number(value);
      else if (tag.name === 'obj') frame.module = value;
      else if (tag.name === 'ip') frame.address = value;
    } else if (tag.name === 'frame' && frame && error) {
      // Sources of the program itself are given relative to its build directory (`dir` = `.` or
      // `./.` after -fdebug-prefix-map), system headers with their absolute directory. Normalized, so
      // that a site reads as LeakSanitizer and heaptrack name it (`player_manager.cpp:93`, not
      // `././player_manager.cpp:93`): the same leak in two tools' reports is then one finding.
      if (frame.file !== undefined && dir) frame.file = posix.join(dir, frame.file);
      error.frames.push(frame);
      frame = undefined;
    } else if (error && tag.name === 'kind') error.kind = value;
    else if (error && tag.name === 'text' && path[path.length - 1] === 'xwhat') error.text = value;
    else if (error && tag.name === 'leakedbytes') error.leakedBytes = Number(value);
    else if (error && tag.name === 'leakedblocks') error.leakedBlocks = Number(value);
    else if (tag.name === 'error' && error) {
      closeError(error);
      error = undefined;
    }
  });
  parser.on('error', (e) => {
    // saxes says "undefined entity" of `&lT;`: said in the file's terms, it is an entity XML does not define.
    const message = e.message.replace(/^(?:[^:]*:)?\d+:\d+: /, '').replace(/^undefined entity\.?$/, 'an entity (&…;) that XML does not define');
    malformed ??= { message, line: parser.line, afterRoot: rootClosed };
  });

  function closeError(e: OpenError): void {
    const kind = e.kind ? KINDS[e.kind] : undefined;
    if (!kind) {
      otherErrors.set(e.kind ?? 'unknown', (otherErrors.get(e.kind ?? 'unknown') ?? 0) + 1);
      return;
    }
    if (e.leakedBytes === undefined || e.leakedBlocks === undefined) {
      notices.push({ message: 'a leak record without leakedbytes/leakedblocks was skipped', line: e.line });
      return;
    }
    const record: LeakRecord = { kind, bytes: bytes(e.leakedBytes), blocks: e.leakedBlocks, frames: e.frames, line: e.line };
    const clique = e.text ? CLIQUE_TEXT.exec(e.text) : null;
    if (clique && kind === 'direct') {
      record.bytes = bytes(num(clique[2]));
      record.ownedIndirectBytes = bytes(num(clique[3]));
    }
    records.push(record);
  }

  const decoder = new TextDecoder('utf-8');
  const onRead = (done: number) => ctx.onProgress({ file: source.name, phase: 'parsing Valgrind XML', done, total: source.sizeBytes, percent: (100 * done) / source.sizeBytes });
  for await (const chunk of source.chunks(onRead, ctx.signal)) {
    if (ctx.signal.aborted) throw new CancelledError();
    parser.write(decoder.decode(chunk, { stream: true }));
    if (malformed) break;
  }
  if (!malformed) {
    parser.write(decoder.decode());
    parser.close();
  }
  if (malformed && (malformed.afterRoot || !rootSeen)) {
    throw new InputError(source.name, `mixes formats or has text outside the Valgrind XML document (${malformed.message})`, { line: malformed.line });
  }
  if (!rootSeen) throw new InputError(source.name, 'has no <valgrindoutput> element');

  let complete = true;
  if (malformed) {
    complete = false;
    notices.unshift({ message: `the XML stops being readable at line ${malformed.line} (${malformed.message}): truncated or corrupt; ${plural(records.length, 'leak record')} read before it`, line: malformed.line });
  }
  for (const [kind, count] of otherErrors) notices.push({ message: `${plural(count, 'memcheck error')} of kind ${kind} (not a leak) left aside` });
  return { artifact: report, complete, notices };
}

export const valgrindXmlFormat: InputFormat<AllocArtifact> = {
  id: 'alloc.valgrind-xml',
  label: 'Valgrind memcheck XML (--xml=yes)',
  sniff: (head) => /<valgrindoutput>/.test(head) && /<(?:protocol)?tool>memcheck<\/(?:protocol)?tool>/.test(head),
  load: loadValgrindXml,
};
