import { InputError } from '../../core/inputError';
import { epochMillis } from '../../core/units';
import type { InputFormat, Loaded } from '../../ingest/capability';
import { LineTally, tallyNotices } from '../../ingest/lineTally';
import { loadLines, type LineParser } from '../../ingest/lineInput';
import type { ParsedEvent, TimelineArtifact } from '../artifact';
import { formatDuration } from '../../core/durationFormat';
import { groupDigits } from '../../core/numberFormat';

// `1) 1) (integer) 7`: an entry's first line; `   4) 1) "GET"`: a field with its first argument.
const ITEM = /^(\s*)(\d+)\) (?:(\d+)\) )?(.*)$/;
const INTEGER = /^\(integer\) (-?\d+)$/;

interface Entry {
  line: number;
  /** Column where this entry's field numbers stand; deeper lines are command arguments. */
  fieldColumn: number;
  fields: Map<number, string>;
  args: string[];
  field: number;
}

/** A redis-cli reply value as printed: `"GET"` (with C escapes), `(integer) 683`, `(nil)`. */
function replyText(value: string): string {
  const int = INTEGER.exec(value);
  if (int) return int[1];
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) return value.slice(1, -1).replace(/\\(["\\])/g, '$1');
  return value;
}

/**
 * `redis-cli --no-raw SLOWLOG GET [N]` (the numbered layout a terminal shows): each entry is an
 * id, a unix time, a duration in µs, the command's arguments and, since Redis 4.0, the client's
 * address and name. Each entry becomes an event at its own time.
 */
class RedisSlowlogParser implements LineParser<TimelineArtifact> {
  private entry: Entry | undefined;
  private readonly events: ParsedEvent[] = [];
  private readonly badLines = new LineTally();
  private readonly incomplete = new LineTally();

  constructor(private readonly file: string) {}

  push(text: string, lineNo: number): void {
    if (text.trim() === '') return;
    const m = ITEM.exec(text);
    if (!m) {
      this.badLines.add(lineNo);
      return;
    }
    const [, indent, first, second, value] = m;
    if (indent === '' && second !== undefined) {
      this.close();
      this.entry = { line: lineNo, fieldColumn: text.indexOf(`${second})`, first.length + 1), fields: new Map(), args: [], field: Number(second) };
      this.entry.fields.set(Number(second), value);
      return;
    }
    const e = this.entry;
    if (!e) {
      this.badLines.add(lineNo);
      return;
    }
    if (indent.length > e.fieldColumn) {
      // An argument of the command (field 4) on its own line.
      e.args.push(replyText(value));
      return;
    }
    e.field = Number(first);
    if (second !== undefined) e.args.push(replyText(value));
    else e.fields.set(e.field, value);
  }

  private close(): void {
    const e = this.entry;
    this.entry = undefined;
    if (!e) return;
    const id = INTEGER.exec(e.fields.get(1) ?? '');
    const at = INTEGER.exec(e.fields.get(2) ?? '');
    const us = INTEGER.exec(e.fields.get(3) ?? '');
    if (!id || !at || !us || e.args.length === 0) {
      this.incomplete.add(e.line);
      return;
    }
    const micros = Number(us[1]);
    const command = e.args.join(' ');
    const client = replyText(e.fields.get(5) ?? '');
    const name = replyText(e.fields.get(6) ?? '');
    this.events.push({
      atMs: epochMillis(Number(at[1]) * 1000),
      kind: 'note',
      title: `Redis slow command: ${command} (${micros < 1000 ? `${micros} µs` : formatDuration(micros / 1000)})`,
      detail: `SLOWLOG entry ${id[1]}: ${command} ran for ${groupDigits(micros)} µs on the server${client ? `, client ${client}` : ''}${name ? ` (${name})` : ''}. The slow log times only the command's execution, not the network or the queue before it.`,
      source: this.file,
      service: 'redis',
    });
  }

  finish(): Loaded<TimelineArtifact> {
    this.close();
    if (this.events.length === 0) throw new InputError(this.file, 'has no complete SLOWLOG entry (id, unix time, duration in µs, command)');
    const notices = tallyNotices([this.badLines, 'not SLOWLOG GET output'], [this.incomplete, 'starting an entry without its id, time, duration or command (the entry is left out)']);
    return { artifact: { series: [], events: this.events, floatingEvents: [] }, complete: this.badLines.count === 0 && this.incomplete.count === 0, notices };
  }
}

const FIRST_ENTRY = /^1\) 1\) \(integer\) \d+\r?\n\s+2\) \(integer\) \d{9,}\r?\n\s+3\) \(integer\) \d+/;

export const redisSlowlogFormat: InputFormat<TimelineArtifact> = {
  id: 'redis-slowlog',
  label: 'Redis SLOWLOG GET (redis-cli --no-raw)',
  sniff: (head) => FIRST_ENTRY.test(head.trimStart()),
  nearMiss: (head) => {
    const lines = head.trimStart().split(/\r?\n/, 4);
    // What redis-cli prints when its output is not a terminal: bare values, one per line.
    if (lines.length >= 4 && /^\d+$/.test(lines[0]) && /^\d{10}$/.test(lines[1]) && /^\d+$/.test(lines[2]) && /^[A-Za-z]+$/.test(lines[3])) {
      return 'it is the raw layout (redis-cli piped without --no-raw), where a command\'s arguments cannot be told from the next field: capture with `redis-cli --no-raw SLOWLOG GET 128`';
    }
    return undefined;
  },
  load: (source, ctx) => loadLines(source, ctx, new RedisSlowlogParser(source.name), 'reading Redis SLOWLOG'),
};
