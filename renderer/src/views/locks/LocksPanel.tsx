import { useMemo, useState } from 'react';
import type { FlameGraph } from '../../../../analyzers/case/saved/flameGraph';
import type { Finding } from '../../../../analyzers/core/finding';
import { formatNanos, timeWord, concurrentWaiters, LOCK_TOOL_NAMES as TOOL_NAMES } from '../../../../analyzers/locks/viewText';
import { isFromAnalysis } from '../../../../analyzers/report/analysisIds';
import { filterByFrame } from '../../../../analyzers/locks/viewFrameFilter';
import type { LockInputView, LocksView, RankedEntry } from '../../../../analyzers/case/saved/locksView';
import { FindingLines } from '../../components/FindingLines';
import { formatCount, formatShare, plural } from '../../format';
import { ComparisonTable } from './ComparisonTable';
import { HotPathTree } from './HotPathTree';
import { LocksTable } from './LocksTable';
import { LockTrends } from './LockTrends';
import './locksPanel.css';
import { useFilePicker } from '../../components/useFilePicker';
import { TabList } from '../../components/TabList';
import { FlameSection, FrameFilterChip, useFrameFilter } from '../../components/flame/FlameSection';

function InputSummary({ input }: { input: LockInputView }) {
  const word = timeWord(input);
  const queue = concurrentWaiters(input, input.totalNs);
  return (
    <div className="locks-box">
      <h3>
        {input.file} <small>— {TOOL_NAMES[input.tool]}{input.variant && input.variant !== input.tool ? ` (${input.variant})` : ''}{input.program ? `, ${input.program}` : ''}</small>
      </h3>
      {!input.complete && <p className="locks-warning">This input is incomplete (truncated or partly unreadable): the numbers below are partial. See the input notices.</p>}
      {input.timeMeaning === 'hold' && <p className="locks-warning">These times are how long locks were held, not how long threads waited for them.</p>}
      <div className="locks-stats">
        <span>Total {word}: {formatNanos(input.totalNs)}</span>
        <span>Contended acquisitions: {formatCount(input.totalContended)}</span>
        {input.spanNs !== undefined && <span>Capture length: {formatNanos(input.spanNs)}</span>}
        {queue !== undefined && <span>Threads waiting at any moment: {queue.toFixed(1)}</span>}
        {input.idleWaits && <span>Idle futex waits (condition variables, joins; not counted): {formatCount(input.idleWaits.count)}</span>}
      </div>
    </div>
  );
}

/**
 * The threads table; filtered by a frame, the threads whose waits went through it, each with those
 * waits only (`rows`), or all of them with a note when the input does not say where each thread waited.
 */
function ThreadsView({ input, rows, frame }: { input: LockInputView; rows: readonly RankedEntry[] | undefined; frame: string | undefined }) {
  const im = input.imbalance;
  const filtered = frame !== undefined && rows !== undefined;
  return (
    <>
      {im && !filtered && (
        <p className="locks-note">
          {plural(im.threads, 'thread')} waited; the most, {im.maxLabel}, {formatNanos(im.maxNs)} — {im.maxToMedian.toFixed(1)}× the median ({formatNanos(im.medianNs)}).
        </p>
      )}
      {filtered && <p className="locks-note">Each thread's {timeWord(input)} within {frame} only.</p>}
      {frame !== undefined && rows === undefined && <p className="locks-note">This input does not say in which stack each thread waited: all threads are shown.</p>}
      {filtered && rows.length === 0 && <p className="muted">No thread waited through this frame.</p>}
      <LocksTable rows={filtered ? rows : input.threads} total={filtered ? rows.reduce((s, r) => s + r.totalNs, 0) : input.totalNs} label="Threads" what="Thread" timeWord={timeWord(input)} />
    </>
  );
}

function InputDetail({ input, findings, diff }: { input: LockInputView; findings: readonly Finding[]; diff?: FlameGraph }) {
  const [tab, setTab] = useState<'locks' | 'callers' | 'threads'>('callers');
  const own = findings.filter((f) => f.sources.includes(input.file) && !isFromAnalysis(f, 'locks.comparison'));
  const word = input.timeMeaning === 'hold' ? 'hold' : 'wait';
  const { filter, select, clear } = useFrameFilter();
  const filtered = useMemo(() => (filter.frame === undefined ? undefined : filterByFrame(input, filter.frame)), [input, filter.frame]);
  const { callers, locks } = filtered ?? input;
  const total = (rows: readonly { totalNs: number }[]) => (filter.frame === undefined ? input.totalNs : rows.reduce((s, r) => s + r.totalNs, 0));
  return (
    <>
      <InputSummary input={input} />
      <FindingLines label="Findings for this file" findings={own} />
      <HotPathTree roots={input.hotPaths} timeWord={timeWord(input)} />
      {input.flame && <FlameSection title={`Lock ${word} by stack`} graph={input.flame} diff={diff} filter={filter} onSelect={select} />}
      <FrameFilterChip frame={filter.frame} what={filtered?.threads ? 'Callers, locks and threads' : 'Callers and locks'} onClear={clear} />
      <TabList
        className="locks-tabs"
        label="Lock tables"
        active={tab}
        onSelect={setTab}
        tabs={[
          { id: 'callers', title: `Callers (${formatCount(filter.frame === undefined ? input.callerCount : callers.length)})` },
          { id: 'locks', title: `Locks (${formatCount(filter.frame === undefined ? input.lockCount : locks.length)})` },
          { id: 'threads', title: `Threads (${formatCount((filtered?.threads ?? input.threads).length)})` },
        ]}
      >
        {tab === 'callers' && <LocksTable rows={callers} total={total(callers)} label="Callers" what="Function" timeWord={word} />}
        {tab === 'locks' && <LocksTable rows={locks} total={total(locks)} label="Locks" what="Lock" timeWord={word} />}
        {tab === 'threads' && <ThreadsView input={input} rows={filtered?.threads} frame={filter.frame} />}
      </TabList>
      {input.owners.length > 0 && <LocksTable rows={input.owners} total={input.totalNs} label="Lock owners" what="Owner" timeWord={word} />}
      {input.storms.length > 0 && (
        <div className="locks-box">
          <h4>Wake-up storms</h4>
          <ul>
            {input.storms.slice(0, 10).map((s) => (
              <li key={s.address}>
                <code>{s.address}</code>: {formatCount(Math.round(s.syscallsPerSecond))} wait/wake syscalls/s, {plural(s.waitingThreads, 'thread')}, {formatShare(s.futileWakeShare)} futile wakes
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}

/**
 * Lock inputs of a case: one input at a time (summary, findings, hot-path tree, callers / locks /
 * threads tables), the trends per lock over three or more captures of one program, then the
 * before/after comparisons.
 */
export function LocksPanel({ view, findings, baselineFlames = [] }: { view: LocksView; findings: readonly Finding[]; baselineFlames?: readonly FlameGraph[] }) {
  const { current: input, picker } = useFilePicker(view.inputs, 'Input');
  if (!input) return <p>No lock contention input in this case.</p>;
  return (
    <section className="locks-panel" aria-label="Lock contention">
      {picker}
      <InputDetail key={input.file} input={input} findings={findings} diff={view.comparisons.find((c) => c.after === input.file && c.flame)?.flame ?? baselineFlames.find((f) => f.diff?.after === input.file)} />
      {view.trends?.map((t) => (
        <LockTrends key={`${t.tool} ${t.variant}`} trends={t} />
      ))}
      {view.comparisons.length > 0 && (
        <>
          <h3>Before and after</h3>
          {view.comparisons.map((c) => (
            <ComparisonTable key={`${c.before}→${c.after}`} comparison={c} />
          ))}
        </>
      )}
    </section>
  );
}
