import { boundText, MAX_PROSE_CHARS } from '../../core/boundedText';
import { InputError } from '../../core/inputError';
import type { InputFormat, Loaded } from '../../ingest/capability';
import { LineTally, tallyNotices } from '../../ingest/lineTally';
import { loadLines, type LineParser } from '../../ingest/lineInput';
import type { ParsedEvent, TimelineArtifact } from '../artifact';
import { eventKindOf } from '../eventKinds';
import { parseTimestamp } from '../timeParse';
import { firstJsonObject, jsonLinesNearMiss, parseJsonObject } from './jsonLines';

/** `{ts, kind, title, detail?, service?}` per line: deploys, alerts, restarts, config changes, notes. */
class EventJsonlParser implements LineParser<TimelineArtifact> {
  private readonly events: ParsedEvent[] = [];
  private readonly badLines = new LineTally();
  private readonly unknownKinds = new LineTally();

  constructor(private readonly file: string) {}

  push(text: string, lineNo: number): void {
    if (text.trim() === '') return;
    const r = parseJsonObject(text);
    const time = r && parseTimestamp(r.ts);
    if (!r || !time || typeof r.title !== 'string' || typeof r.kind !== 'string') {
      this.badLines.add(lineNo);
      return;
    }
    let kind = eventKindOf(r.kind);
    if (!kind) {
      this.unknownKinds.add(lineNo);
      kind = 'note';
    }
    const detail = typeof r.detail === 'string' ? boundText(r.detail, MAX_PROSE_CHARS) : '';
    const event: ParsedEvent = { atMs: time.ms, kind, title: boundText(r.title), detail, source: this.file };
    if (typeof r.service === 'string' && r.service) event.service = boundText(r.service);
    this.events.push(event);
  }

  finish(): Loaded<TimelineArtifact> {
    if (this.events.length === 0) throw new InputError(this.file, 'has no event records ({ts, kind, title})');
    const notices = tallyNotices(
      [this.badLines, 'not event records (need ts, kind and title)'],
      [this.unknownKinds, 'with a kind other than deploy, alert, restart, config, note or oom (shown as notes)'],
    );
    return { artifact: { series: [], events: this.events, floatingEvents: [] }, complete: this.badLines.count === 0, notices };
  }
}

export const eventJsonlFormat: InputFormat<TimelineArtifact> = {
  id: 'events-jsonl',
  label: 'Event JSON Lines ({ts, kind, title, detail})',
  sniff: (head) => {
    const r = firstJsonObject(head);
    return !!r && 'ts' in r && typeof r.kind === 'string' && typeof r.title === 'string';
  },
  nearMiss: (head) =>
    jsonLinesNearMiss(head, ['ts', 'kind', 'title'], (r) =>
      !parseTimestamp(r.ts) ? `ts ${JSON.stringify(r.ts)} is not a time` : typeof r.kind !== 'string' || typeof r.title !== 'string' ? 'kind and title must be strings' : undefined,
    ),
  load: (source, ctx) => loadLines(source, ctx, new EventJsonlParser(source.name), 'reading events'),
};
