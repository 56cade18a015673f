import { boundText, MAX_PROSE_CHARS } from '../../core/boundedText';
import { InputError } from '../../core/inputError';
import type { InputFormat, InputNotice, Loaded } from '../../ingest/capability';
import { LineTally, tallyNotices } from '../../ingest/lineTally';
import { loadLines, type LineParser } from '../../ingest/lineInput';
import type { FloatingEvent, TimelineArtifact } from '../artifact';
import { eventKindFromText } from '../eventKinds';
import { msOfDay } from '../timeParse';

// `17:00:01.002 - all requests miss the cache`, `Day 2, 18:30 - first server OOM killed`, with an
// optional list bullet and "UTC"; the separator is a hyphen or a dash as chat apps autocorrect it.
const CHAT_LINE = /^\s*(?:[-*•]\s+)?(?:Day\s+(\d+),?\s+)?(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?\s*(?:UTC|Z)?\s+[-–—]\s+(.+)$/i;
const HALF_DAY_MS = 12 * 3_600_000;
/** An incident timeline spans days, not years: a larger day number is damage, and would leave the calendar. */
const MAX_DAY = 366;

/** The incident timeline engineers write in chat: times of day (and day numbers), one event a line. */
class ChatTimelineParser implements LineParser<TimelineArtifact> {
  private readonly events: FloatingEvent[] = [];
  private readonly badLines = new LineTally();
  private readonly badDays = new LineTally();
  private dayOffset = 0;
  private lastMs = -1;

  constructor(private readonly file: string) {}

  push(text: string, lineNo: number): void {
    if (text.trim() === '') return;
    const m = CHAT_LINE.exec(text);
    const ms = m ? msOfDay(m[2], m[3], m[4], m[5]) : undefined;
    if (!m || ms === undefined) {
      this.badLines.add(lineNo);
      return;
    }
    if (m[1] !== undefined) {
      const day = Number(m[1]);
      if (!(day >= 1 && day <= MAX_DAY)) {
        this.badDays.add(lineNo);
        return;
      }
      this.dayOffset = day - 1;
    }
    // Without day numbers, a time far earlier than the one before means the clock passed midnight.
    else if (this.lastMs >= 0 && ms < this.lastMs - HALF_DAY_MS) this.dayOffset++;
    this.lastMs = ms;
    const body = boundText(m[6].trim());
    this.events.push({
      at: { kind: 'day-offset', dayOffset: this.dayOffset, msOfDay: ms },
      kind: eventKindFromText(body),
      title: body,
      detail: `Chat timeline line ${lineNo}: ${boundText(text.trim(), MAX_PROSE_CHARS)}`,
      source: this.file,
    });
  }

  finish(): Loaded<TimelineArtifact> {
    if (this.events.length === 0) throw new InputError(this.file, 'has no timeline lines (`HH:MM[:SS[.mmm]] - text` or `Day N, HH:MM - text`)');
    const notices: InputNotice[] = [
      { message: 'times of day without a date: placed on the case’s anchor date (Day 1)' },
      ...tallyNotices([this.badLines, 'not in the `HH:MM - text` layout (skipped)'], [this.badDays, `with a day number outside 1–${MAX_DAY} (skipped)`]),
    ];
    const complete = this.badLines.count === 0 && this.badDays.count === 0;
    return { artifact: { series: [], events: [], floatingEvents: this.events }, complete, notices };
  }
}

export const chatTimelineFormat: InputFormat<TimelineArtifact> = {
  id: 'chat-timeline',
  label: 'Incident timeline as plain text (HH:MM - text, Day N, HH:MM - text)',
  sniff: (head) => {
    const lines = head.split('\n').filter((l) => l.trim() !== '').slice(0, 20);
    if (lines.length === 0) return false;
    return lines.filter((l) => CHAT_LINE.test(l)).length >= Math.ceil(lines.length * 0.6);
  },
  load: (source, ctx) => loadLines(source, ctx, new ChatTimelineParser(source.name), 'reading chat timeline'),
};
