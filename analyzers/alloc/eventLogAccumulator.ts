import { bytes, epochMillis, millis } from '../core/units';
import type { InputNotice } from '../ingest/capability';
import type { EventLogArtifact, EventTimeUnit } from './artifact';
import { BucketedSeries } from './bucketedSeries';
import { groupDigits } from '../core/numberFormat';
import type { LeakRecord } from './model';
import type { Frame } from '../core/frame';

const MS_PER_UNIT: Record<EventTimeUnit, number> = { ns: 1e-6, us: 1e-3, ms: 1 };
/** The dense index of a stack inside the accumulator (log stack ids can be sparse or missing). */
type StackIndex = number;

/**
 * The state of an event log read so far. Memory is bounded by the live allocations (one slot
 * each) and the distinct stacks, never by the number of events: a freed slot is reused.
 */
export class EventLogAccumulator {
  tsUnit: EventTimeUnit = 'us';
  process: string | undefined;
  startEpochMs: number | undefined;
  memoryLimitBytes: number | undefined;
  sawMeta = false;

  private readonly stackByLogId = new Map<number, StackIndex>();
  private readonly stackByText = new Map<string, StackIndex>();
  private readonly frames: Frame[][] = [];
  private readonly allocBytes: number[] = [];
  private readonly liveBlocks: number[] = [];
  private readonly series = new BucketedSeries();
  private readonly totalSeries = this.series.addSeries();
  private readonly seriesOf: number[] = [];

  // Live allocations: pointer → slot; slot arrays grow, freed slots are reused.
  private readonly live = new Map<number, number>();
  private slotSize = new Float64Array(1024);
  private slotStack = new Int32Array(1024);
  private readonly freeSlots: number[] = [];
  private nextSlot = 0;

  private events = 0;
  private allocs = 0;
  private frees = 0;
  private unknownFrees = 0;
  private reusedLive = 0;
  private unknownStackRefs = 0;
  private liveBytes = 0;
  private peakLiveBytes = 0;

  /** Declares stack `logId`; a later declaration of the same id replaces the frames. */
  defineStack(logId: number, frames: Frame[]): void {
    const existing = this.stackByLogId.get(logId);
    if (existing !== undefined) this.frames[existing] = frames;
    else this.stackByLogId.set(logId, this.newStack(frames));
  }

  /** The index of a stack given inline (as frame texts) in an event, interned by its text. */
  inlineStack(frameTexts: string[], parse: (text: string) => Frame): StackIndex {
    const key = frameTexts.join('\n');
    let index = this.stackByText.get(key);
    if (index === undefined) {
      index = this.newStack(frameTexts.map(parse));
      this.stackByText.set(key, index);
    }
    return index;
  }

  /** The index of a stack referred to by id; an undeclared id gets an empty stack (counted). */
  stackRef(logId: number): StackIndex {
    const index = this.stackByLogId.get(logId);
    if (index !== undefined) return index;
    this.unknownStackRefs++;
    const created = this.newStack([{ fn: `<undeclared stack ${logId}>` }]);
    this.stackByLogId.set(logId, created);
    return created;
  }

  alloc(ptr: number, size: number, ts: number, stack: StackIndex): void {
    this.events++;
    this.allocs++;
    const previous = this.live.get(ptr);
    if (previous !== undefined) {
      // The address was handed out again without a logged free: the old block is gone.
      this.reusedLive++;
      this.release(previous, ts);
      this.live.delete(ptr);
    }
    const slot = this.freeSlots.length ? (this.freeSlots.pop() as number) : this.growSlot();
    this.slotSize[slot] = size;
    this.slotStack[slot] = stack;
    this.live.set(ptr, slot);
    this.allocBytes[stack] += size;
    this.liveBlocks[stack]++;
    this.liveBytes += size;
    if (this.liveBytes > this.peakLiveBytes) this.peakLiveBytes = this.liveBytes;
    this.series.add(this.seriesOf[stack], ts, size);
    this.series.add(this.totalSeries, ts, size);
  }

  free(ptr: number, ts: number): void {
    this.events++;
    const slot = this.live.get(ptr);
    if (slot === undefined) {
      this.unknownFrees++;
      return;
    }
    this.frees++;
    this.live.delete(ptr);
    this.release(slot, ts);
  }

  finish(): { artifact: EventLogArtifact; notices: InputNotice[] } {
    const snap = this.series.snapshot();
    const toMs = MS_PER_UNIT[this.tsUnit];
    const records: LeakRecord[] = [];
    const stacks = this.frames.map((frames, i) => {
      if (this.liveBlocks[i] > 0) {
        records.push({ kind: 'unfreed', bytes: bytes(this.series.valueOf(this.seriesOf[i])), blocks: this.liveBlocks[i], frames });
      }
      return { frames, allocBytes: bytes(this.allocBytes[i]), liveBytesSeries: snap.series[this.seriesOf[i]] };
    });
    records.sort((a, b) => b.bytes - a.bytes);
    const notices: InputNotice[] = [];
    if (!this.sawMeta) notices.push({ message: 'no meta record: timestamps are taken as microseconds' });
    if (this.unknownFrees) notices.push({ message: `${groupDigits(this.unknownFrees)} frees of pointers the log never allocated (allocated before tracking started, or untracked)` });
    if (this.reusedLive) notices.push({ message: `${groupDigits(this.reusedLive)} allocations reused a live address without a logged free; the older block was taken as freed` });
    if (this.unknownStackRefs) notices.push({ message: `${groupDigits(this.unknownStackRefs)} stack ids were used before (or without) their stack record` });
    if (this.series.outOfOrder) notices.push({ message: `${groupDigits(this.series.outOfOrder)} events are out of time order; they count in the latest time bucket` });
    const artifact: EventLogArtifact = {
      type: 'event-log',
      process: this.process,
      startEpochMs: this.startEpochMs === undefined ? undefined : epochMillis(this.startEpochMs),
      memoryLimitBytes: this.memoryLimitBytes === undefined ? undefined : bytes(this.memoryLimitBytes),
      events: this.events,
      allocs: this.allocs,
      frees: this.frees,
      unknownFrees: this.unknownFrees,
      peakLiveBytes: bytes(this.peakLiveBytes),
      firstEventMs: millis(snap.start * toMs),
      bucketEndsMs: snap.bucketEnds.map((t) => millis((t - snap.start) * toMs)),
      bucketMs: millis(snap.width * toMs),
      totalLiveBytesSeries: snap.series[this.totalSeries],
      stacks,
      unfreed: {
        type: 'leak-report',
        tool: 'event-log',
        records,
        toolTotals: { leakedBytes: bytes(this.liveBytes), leakedBlocks: this.live.size },
        suppressions: [],
        isDiff: false,
        command: this.process,
        ...(this.startEpochMs === undefined ? {} : { capturedAt: { by: 'timestamps' as const, value: this.startEpochMs } }),
      },
    };
    return { artifact, notices };
  }

  private release(slot: number, ts: number): void {
    const size = this.slotSize[slot];
    const stack = this.slotStack[slot];
    this.liveBlocks[stack]--;
    this.liveBytes -= size;
    this.series.add(this.seriesOf[stack], ts, -size);
    this.series.add(this.totalSeries, ts, -size);
    this.freeSlots.push(slot);
  }

  private newStack(frames: Frame[]): StackIndex {
    this.frames.push(frames);
    this.allocBytes.push(0);
    this.liveBlocks.push(0);
    this.seriesOf.push(this.series.addSeries());
    return this.frames.length - 1;
  }

  private growSlot(): number {
    if (this.nextSlot === this.slotSize.length) {
      const size = new Float64Array(this.slotSize.length * 2);
      size.set(this.slotSize);
      this.slotSize = size;
      const stack = new Int32Array(this.slotStack.length * 2);
      stack.set(this.slotStack);
      this.slotStack = stack;
    }
    return this.nextSlot++;
  }
}
