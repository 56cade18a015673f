import type { ThreadScript } from '../../core/helperThreads';
import type { HeapModel, ParsedSnapshot } from '../heapModel';
import type { HeapSnapshot } from '../heapSnapshot';
import { orderSnapshots } from '../snapshotOrder';
import { ClassIndex } from './classIndex';
import { classList, compareClasses, dominated, dominatedOrder, explorerObject, instances, references, retainerOrder, retainers, retainingPath } from './explorerQueries';
import { SortedLists } from './sortedLists';
import { objectCount } from '../constructorSummary';
import { FIRST_PAGE_ROWS, idInFilter, type ExplorerClassDelta, type ExplorerEdge, type FoundObject, type HeapAnswer, type HeapQuery, type Page } from '../viewExplorer';

/**
 * The snapshots of one analysed case, kept as loaded (the models the analysis read, not a copy),
 * answering the explorer's queries. Besides the models it holds only what it builds on demand: an
 * earlier snapshot's indexes the first time it is opened (the analysis indexed only the last), a
 * class index per snapshot queried (4 bytes a node), the last comparison asked for, and the sorted
 * orders of the long lists being paged (SortedLists, bounded).
 */
export class HeapExplorer {
  private readonly snapshots: HeapSnapshot[];
  private readonly indexes = new Map<number, ClassIndex>();
  private lastComparison?: { key: string; classes: ExplorerClassDelta[] };
  private readonly sorted = new SortedLists();

  /** `inputs` in any order: they are ordered as the heap view orders them (oldest first). */
  constructor(
    inputs: readonly { artifact: HeapSnapshot }[],
    private readonly indexScript?: ThreadScript,
  ) {
    this.snapshots = orderSnapshots(inputs).map((i) => i.artifact);
  }

  get snapshotCount(): number {
    return this.snapshots.length;
  }

  async answer(query: HeapQuery): Promise<HeapAnswer> {
    try {
      return await this.dispatch(query);
    } catch (e) {
      if (e instanceof ExplorerError) return { kind: 'error', message: e.message };
      throw e;
    }
  }

  private async dispatch(q: HeapQuery): Promise<HeapAnswer> {
    switch (q.kind) {
      case 'classes': {
        const m = await this.model(q.snapshot);
        const id = idInFilter(q.filter);
        const found = id === undefined ? undefined : await this.found(id, q.snapshot);
        return {
          kind: 'classes',
          file: m.graph.file,
          totalBytes: m.summary.totalBytes,
          objectCount: objectCount(m.summary),
          // An `@id` lists its object's class only, or nothing when no object has that id.
          classes: id === undefined ? classList(m, this.index(q.snapshot, m), q.filter) : found ? classList(m, this.index(q.snapshot, m), found.object.className).filter((c) => c.name === found.object.className) : [],
          match: found,
        };
      }
      case 'instances': {
        const m = await this.model(q.snapshot);
        const since = q.newSince === undefined ? undefined : this.parsed(q.newSince);
        return { kind: 'instances', page: instances(m, this.index(q.snapshot, m), q.className, q.offset, q.limit, since) };
      }
      case 'references': {
        const m = await this.model(q.snapshot);
        return { kind: 'references', page: references(m, this.node(m, q.id), q.offset, q.limit) };
      }
      case 'retainers': {
        const m = await this.model(q.snapshot);
        return { kind: 'retainers', page: this.retainers(q.snapshot, m, this.node(m, q.id), q.offset, q.limit) };
      }
      case 'dominated': {
        const m = await this.model(q.snapshot);
        const v = q.id === undefined ? m.graph.rootIndex : this.node(m, q.id);
        const order = this.sorted.get(`dominated ${q.snapshot} ${v}`, () => dominatedOrder(m, v));
        return { kind: 'dominated', parent: explorerObject(m, v), page: dominated(m, v, q.offset, q.limit, order) };
      }
      case 'object': {
        const found = await this.found(q.id, q.snapshot);
        if (!found) throw new ExplorerError(`No object @${q.id} in ${q.snapshot === undefined ? 'any snapshot of this case' : this.parsed(q.snapshot).graph.file}.`);
        return { kind: 'object', ...found };
      }
      case 'compare': {
        const key = `${q.before}:${q.after}`;
        if (this.lastComparison?.key !== key) this.lastComparison = { key, classes: compareClasses(this.parsed(q.before), this.parsed(q.after)) };
        const before = this.parsed(q.before).graph.file;
        const after = this.parsed(q.after).graph.file;
        const wanted = (q.filter ?? '').trim().toLowerCase();
        return { kind: 'compare', before, after, classes: this.lastComparison.classes.filter((r) => r.name.toLowerCase().includes(wanted)) };
      }
    }
  }

  /** A page of `v`'s retainers, in the order kept between its pages. */
  private retainers(snapshot: number, m: HeapModel, v: number, offset: number, limit: number): Page<ExplorerEdge> {
    return retainers(m, v, offset, limit, this.sorted.get(`retainers ${snapshot} ${v}`, () => retainerOrder(m, v)));
  }

  /** The object with this id in `snapshot`, or when none is given, in the latest snapshot that has it. */
  private async found(id: number, snapshot?: number): Promise<FoundObject | undefined> {
    const order = snapshot === undefined ? this.snapshots.map((_, i) => this.snapshots.length - 1 - i) : [snapshot];
    for (const s of order) {
      // Looked up before indexing: an earlier snapshot without the object is not indexed for nothing.
      const v = this.parsed(s).idIndex.lookup(id);
      if (v === undefined) continue;
      const m = await this.model(s);
      const path = retainingPath(m, v);
      return {
        snapshot: s,
        object: explorerObject(m, v),
        path: path ?? [],
        reachable: path !== null,
        retainers: this.retainers(s, m, v, 0, FIRST_PAGE_ROWS),
        references: references(m, v, 0, FIRST_PAGE_ROWS),
      };
    }
    return undefined;
  }

  /** The snapshot as parsed: enough for what needs only ids and classes (a comparison, "new since"). */
  private parsed(snapshot: number): ParsedSnapshot {
    return this.snapshot(snapshot).parsed;
  }

  /** The snapshot indexed: an earlier snapshot of a set is indexed the first time it is opened. */
  private model(snapshot: number): Promise<HeapModel> {
    return this.snapshot(snapshot).index({ indexScript: this.indexScript });
  }

  private snapshot(snapshot: number): HeapSnapshot {
    const s = this.snapshots[snapshot];
    if (!s) throw new ExplorerError(`This case has ${this.snapshots.length} heap snapshots; there is no snapshot ${snapshot + 1}.`);
    return s;
  }

  private node(m: HeapModel, id: number): number {
    const v = m.idIndex.lookup(id);
    if (v === undefined) throw new ExplorerError(`No object @${id} in ${m.graph.file}.`);
    return v;
  }

  private index(snapshot: number, m: HeapModel): ClassIndex {
    let index = this.indexes.get(snapshot);
    if (!index) {
      index = ClassIndex.build(m);
      this.indexes.set(snapshot, index);
    }
    return index;
  }
}

/** A question about something the snapshots do not have: answered as an error, not thrown to the process. */
class ExplorerError extends Error {}
