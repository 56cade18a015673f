import { memo, useCallback, useEffect, useMemo, useState } from 'react';
import type { AftermathApi, JobId } from '../../../../../analyzers/app/api/appApi';
import { idInFilter, type ExplorerClass, type ExplorerClassDelta, type ExplorerObject } from '../../../../../analyzers/heap/viewExplorer';
import { VirtualTable, type Column } from '../../../components/VirtualTable';
import { formatBytes, formatCount, plural, signed } from '../../../format';
import { classesQuery, heapAnswersOf, instancesQuery, objectQuery, treeQuery, type HeapAnswers } from './heapAnswers';
import { InstanceList } from './InstanceList';
import { ObjectTree } from './ObjectTree';
import { answerOf, useExplore } from './useExplore';
import { useAnsweredState } from './useAnsweredState';
import { useHeldWhileAsked } from './useHeldWhileAsked';
import { distanceText } from './objectCells';
import { formatPercent } from '../../../../../analyzers/core/numberFormat';
import './explorer.css';

type Mode = 'summary' | 'comparison' | 'dominators';

/** A request from elsewhere in the case ("show in heap"): `seq` makes a repeat of the same id a new request. */
export interface HeapTarget {
  id: number;
  /** The snapshot the object was shown in; absent, the latest snapshot that has it. */
  snapshot?: number;
  seq: number;
}

// The number columns are as wide as their header with its sort arrow (13 px) or their widest value ("999.9 KiB",
// 14 px), in DejaVu Sans, the widest common UI font, and 6 px of padding a side (explorer.css): the table fits its
// pane beside the objects at 1280 px, and the name takes the rest. In rem: the header's smaller type leaves the
// columns as the rows'. "Shallow" and "Retained" alone: the cells carry their units.
const CLASS_COLUMNS: Column<ExplorerClass>[] = [
  { key: 'name', title: 'Constructor', value: (r) => r.name, width: 'minmax(8rem, 1fr)' },
  { key: 'distance', title: 'Distance', value: (r) => r.distance ?? Number.MAX_SAFE_INTEGER, render: (r) => distanceText({ distance: r.distance, systemRootsOnly: false }), align: 'right', width: '6.6rem' },
  { key: 'count', title: 'Count', value: (r) => r.count, render: (r) => formatCount(r.count), align: 'right', width: '5.2rem' },
  { key: 'shallow', title: 'Shallow', value: (r) => r.shallowBytes, render: (r) => formatBytes(r.shallowBytes), align: 'right', width: '6.5rem' },
  { key: 'shallowPercent', title: 'Shallow %', value: (r) => r.shallowPercent, render: (r) => formatPercent(r.shallowPercent), align: 'right', width: '7.4rem' },
  { key: 'retained', title: 'Retained', value: (r) => r.retainedBytes, render: (r) => formatBytes(r.retainedBytes), align: 'right', width: '6.8rem' },
  { key: 'retainedPercent', title: 'Retained %', value: (r) => r.retainedPercent, render: (r) => formatPercent(r.retainedPercent), align: 'right', width: '8rem' },
];

const DELTA_COLUMNS: Column<ExplorerClassDelta>[] = [
  { key: 'name', title: 'Constructor', value: (r) => r.name, width: 'minmax(8rem, 1fr)' },
  { key: 'added', title: '# New', value: (r) => r.added, render: (r) => signed(r.added, formatCount), align: 'right', width: '6rem' },
  { key: 'removed', title: '# Deleted', value: (r) => r.removed, render: (r) => signed(-r.removed, formatCount), align: 'right', width: '7.3rem' },
  { key: 'countDelta', title: '# Delta', value: (r) => r.countDelta, render: (r) => signed(r.countDelta, formatCount), align: 'right', width: '6rem' },
  { key: 'addedBytes', title: 'Alloc. size', value: (r) => r.addedBytes, render: (r) => signed(r.addedBytes, formatBytes), align: 'right', width: '7.4rem' },
  { key: 'removedBytes', title: 'Freed size', value: (r) => r.removedBytes, render: (r) => signed(0 - r.removedBytes, formatBytes), align: 'right', width: '7.4rem' },
  { key: 'sizeDelta', title: 'Size delta', value: (r) => r.sizeDelta, render: (r) => signed(r.sizeDelta, formatBytes), align: 'right', width: '7.3rem' },
];

const BY_RETAINED = { key: 'retained', descending: true };
const BY_SIZE_DELTA = { key: 'sizeDelta', descending: true };
const byName = (r: { name: string }) => r.name;
/** The class tables are drawn again only when their rows change: selecting an object leaves them be. */
const ClassTable = memo(VirtualTable) as typeof VirtualTable;

/** A filter typed into the box is asked for once typing pauses. */
function useSettled(value: string, ms = 150): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}

interface Props {
  api: AftermathApi;
  jobId: JobId;
  snapshots: readonly { file: string }[];
  target?: HeapTarget;
}

/**
 * The live heap explorer, as deep as DevTools' Memory panel: every question goes to the analysis
 * process, which keeps the snapshots' graphs loaded; this view only presents the answers.
 * Summary (classes → every object → its retainers and references), Comparison of any two
 * snapshots by class, and the dominator tree. Opens on the last snapshot.
 */
export function HeapExplorer({ api, jobId, snapshots, target }: Props) {
  const last = snapshots.length - 1;
  const [snapshot, setSnapshot] = useState(last);
  const [baseline, setBaseline] = useState(Math.max(0, last - 1));
  const [mode, setMode] = useState<Mode>('summary');
  const [filter, setFilter] = useState('');
  const settledFilter = useSettled(filter);
  const answers = useMemo(() => heapAnswersOf(api, jobId), [api, jobId]);
  const newSince = mode === 'comparison' ? baseline : undefined;
  // A class opens with its first objects, an object with its panel: each once its answer is in the page.
  const { value: className, set: openClassNamed, setNow: setClassName } = useAnsweredState(
    answers,
    useCallback((name: string) => instancesQuery(snapshot, name, 0, newSince), [snapshot, newSince]),
  );
  const { value: selected, set: select, setNow: selectNow } = useAnsweredState(
    answers,
    useCallback((o: ExplorerObject) => objectQuery(snapshot, o.id), [snapshot]),
  );

  // "Show in heap": the object's snapshot, its class and the object itself (one question: the
  // answer is kept, so the object's panel does not ask again).
  useEffect(() => {
    if (!target) return;
    let current = true;
    // The fields in objectQuery's order (an absent snapshot drops out of the key): with a snapshot,
    // this is the very question the object's panel asks next, answered from the page.
    void answers.ask({ kind: 'object', snapshot: target.snapshot, id: target.id }).then((a) => {
      if (!current || a.kind !== 'object') return;
      setMode('summary');
      setSnapshot(a.snapshot);
      setFilter(`@${target.id}`);
      setClassName(a.object.className);
      selectNow(a.object);
    });
    return () => {
      current = false;
    };
  }, [answers, target, selectNow, setClassName]);

  const classesAnswer = useExplore(answers, mode === 'summary' ? classesQuery(snapshot, settledFilter) : undefined);
  const compareAnswer = useExplore(answers, mode === 'comparison' ? { kind: 'compare', before: baseline, after: snapshot, filter: settledFilter } : undefined);
  const { shown: classes, shownFor: classesFilter, stale: classesStale } = useHeldWhileAsked(answerOf(classesAnswer, 'classes'), settledFilter.trim());
  const { shown: compared, stale: comparedStale } = useHeldWhileAsked(answerOf(compareAnswer, 'compare'), settledFilter);
  const match = classes?.match;
  // An `@id` typed in the filter selects its object, as "show in heap" does: set while rendering the
  // answer (React's way to follow a change), so the object shows in the same commit as its class.
  const [followed, setFollowed] = useState(match);
  if (match !== followed) {
    setFollowed(match);
    if (match) {
      setClassName(match.object.className);
      selectNow(match.object);
    }
  }

  // An `@id` is asked for as it is typed (one class and one object, a small answer), not after the
  // pause: when the pause ends, the object is drawn from the page at once.
  const typed = (value: string) => {
    setFilter(value);
    if (mode === 'summary' && idInFilter(value) !== undefined) answers.prefetch(classesQuery(snapshot, value));
  };

  const openClass = useCallback((r: { name: string }) => {
    // The selected object goes as the class's objects come: one render.
    openClassNamed(r.name, () => select(undefined));
  }, [openClassNamed, select]);

  const rootAhead = () => answers.prefetch(treeQuery('dominated', snapshot, undefined, 0));

  const error = [classesAnswer, compareAnswer].find((a) => a?.kind === 'error');
  const choose = (s: number) => {
    setSnapshot(s);
    select(undefined);
  };

  return (
    <section className="heap-explorer fills-window" aria-label="Heap explorer">
      <div className="explorer-bar">
        <div role="radiogroup" aria-label="Explorer view" className="segmented">
          {(['summary', 'comparison', 'dominators'] as const).map((m) => (
            <button
              key={m}
              type="button"
              role="radio"
              aria-checked={mode === m}
              disabled={m === 'comparison' && snapshots.length < 2}
              onClick={() => setMode(m)}
              // The dominator tree's root asked ahead, as a row's object is: the click draws it in one render.
              onMouseEnter={m === 'dominators' ? rootAhead : undefined}
              onFocus={m === 'dominators' ? rootAhead : undefined}
            >
              {m === 'summary' ? 'Summary' : m === 'comparison' ? 'Comparison' : 'Dominators'}
            </button>
          ))}
        </div>
        <label>
          Snapshot{' '}
          <select value={snapshot} onChange={(e) => choose(Number(e.target.value))}>
            {snapshots.map((s, i) => (
              <option key={s.file} value={i}>
                {i + 1}. {s.file}
              </option>
            ))}
          </select>
        </label>
        {mode === 'comparison' && (
          <label>
            compared with{' '}
            <select value={baseline} onChange={(e) => setBaseline(Number(e.target.value))}>
              {snapshots.map((s, i) => (
                <option key={s.file} value={i}>
                  {i + 1}. {s.file}
                </option>
              ))}
            </select>
          </label>
        )}
        {mode !== 'dominators' && (
          <label>
            Filter{' '}
            <input type="search" value={filter} placeholder="Class name or @id" onChange={(e) => typed(e.target.value)} aria-label="Filter classes by name or @id" />
          </label>
        )}
      </div>
      {error?.kind === 'error' && (
        <p className="error-text" role="alert">
          {error.message}
        </p>
      )}
      {/* The panes fill the window under the app's tabs (explorer.css): the class list and the objects at the
          top, the selected object docked below; each scrolls itself, the page does not. */}
      <div className="explorer-panes" data-mode={mode}>
        {mode === 'summary' && classes && (
          <div className="explorer-classes">
            <p className="muted">
              {classes.file}: {plural(classes.objectCount, 'object')} in {plural(classes.classes.length, 'class', 'classes')}
              {classesFilter ? ` matching “${classesFilter}”` : ''}, {formatBytes(classes.totalBytes)} in all.
              {classesFilter.startsWith('@') && !match ? ` No object ${classesFilter} in this snapshot.` : ''}
            </p>
            <ClassTable
              label="Classes"
              busy={classesStale}
              rows={classes.classes}
              columns={CLASS_COLUMNS}
              initialSort={BY_RETAINED}
              rowKey={byName}
              height={260}
              maxRows={classes.classes.length > 9 ? undefined : 9}
              onRowClick={openClass}
            />
          </div>
        )}
        {mode === 'comparison' && compared && (
          <div className="explorer-classes">
            <p className="muted">
              {compared.after} compared with {compared.before}: objects matched by id; + new, − deleted.
            </p>
            <ClassTable label="Comparison by class" busy={comparedStale} rows={compared.classes} columns={DELTA_COLUMNS} initialSort={BY_SIZE_DELTA} rowKey={byName} height={260} onRowClick={openClass} />
          </div>
        )}
        {mode !== 'dominators' && className !== undefined && (
          <InstanceList
            key={`${mode}:${snapshot}:${baseline}:${className}`}
            answers={answers}
            snapshot={snapshot}
            className={className}
            newSince={newSince}
            selectedId={selected?.id}
            onSelect={select}
          />
        )}
        {mode !== 'dominators' && className === undefined && <p className="explorer-hint objects-hint muted">Open a class to list its objects.</p>}
        {mode === 'dominators' && <ObjectTree key={`dom:${snapshot}`} answers={answers} snapshot={snapshot} kind="dominated" id={undefined} label="Dominator tree" onSelect={select} />}
        {selected ? (
          <ObjectDetails key={`${snapshot}:${selected.id}`} answers={answers} snapshot={snapshot} object={selected} onSelect={select} />
        ) : (
          <p className="explorer-hint object-hint muted">Select an object to see why it is alive: its path from the GC roots, its retainers and its references.</p>
        )}
      </div>
    </section>
  );
}

/**
 * One object: why it is alive (its shortest retaining path), its retainers and its references.
 * Memoized, as the lists are: a keystroke in the filter or a new class list does not draw them again.
 */
const ObjectDetails = memo(function ObjectDetails({ answers, snapshot, object, onSelect }: { answers: HeapAnswers; snapshot: number; object: ExplorerObject; onSelect: (o: ExplorerObject) => void }) {
  // One answer: the path, and the first page of the retainers and of the references; usually in the
  // page already (the row was focused or hovered, or an `@id` filter's answer held it).
  const answer = useExplore(answers, objectQuery(snapshot, object.id));
  const found = answerOf(answer, 'object');
  return (
    <div className="object-details" role="region" aria-label={`Object ${object.label}`}>
      <h3>
        {object.label}{' '}
        <span className="muted">
          retains {formatBytes(object.retainedBytes)} ({formatPercent(object.retainedPercent)}), self {formatBytes(object.selfBytes)}, distance {distanceText(object)}{object.systemRootsOnly && ' (reached only through system roots, V8 internals)'}
        </span>
      </h3>
      {found && (
        <div className="why-alive">
          <h4>Why is it alive</h4>
          {found.reachable ? (
            <ol aria-label={`Why ${object.label} is alive`} className="alive-path">
              {found.path.map((e, i) => (
                <li key={i}>
                  <span className="edge">{e.name}</span>{' '}
                  <button type="button" className="id-link" onClick={() => onSelect(e.object)}>
                    {e.object.label}
                  </button>
                </li>
              ))}
            </ol>
          ) : (
            <p className="muted">Nothing retains it: garbage not yet collected.</p>
          )}
        </div>
      )}
      {answer?.kind === 'error' && (
        <p className="error-text" role="alert">
          {answer.message}
        </p>
      )}
      {found ? (
        <div className="object-trees">
          <ObjectTree answers={answers} snapshot={snapshot} kind="retainers" id={object.id} label="Retainers" first={found.retainers} onSelect={onSelect} />
          <ObjectTree answers={answers} snapshot={snapshot} kind="references" id={object.id} label="References" first={found.references} onSelect={onSelect} />
        </div>
      ) : (
        answer?.kind !== 'error' && <p className="muted">Loading…</p>
      )}
    </div>
  );
});
