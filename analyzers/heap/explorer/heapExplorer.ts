import type { HeapModel } from '../heapModel';
import { orderSnapshots } from '../snapshotOrder';
import { ClassIndex } from './classIndex';
import { classList, compareClasses, dominated, dominatedOrder, explorerObject, instances, references, retainerOrder, retainers, retainingPath } from './explorerQueries';
import { SortedLists } from './sortedLists';
import { FIRST_PAGE_ROWS, idInFilter, type ExplorerClassDelta, type ExplorerEdge, type FoundObject, type HeapAnswer, type HeapQuery, type Page } from '../viewExplorer';

/**
 * The snapshots of one analysed case, kept as loaded (the models the analysis read, not a copy),
 * answering the explorer's queries. Besides the models it holds only what it builds on demand: a
 * class index per snapshot queried (4 bytes a node), the last comparison asked for, and the sorted
 * orders of the long lists being paged (SortedLists, bounded).
 */
export class HeapExplorer {
  private readonly models: HeapModel[];
  private readonly indexes = new Map<number, ClassIndex>();
  private lastComparison?: { key: string; classes: ExplorerClassDelta[] };
  private readonly sorted = new SortedLists();

  /** `inputs` in any order: they are ordered as the heap view orders them (oldest first). */
  constructor(inputs: readonly { artifact: HeapModel }[]) {
    this.models = orderSnapshots(inputs).map((i) => i.artifact);
  }

  get snapshotCount(): number {
    return this.models.length;
  }

  answer(query: HeapQuery): HeapAnswer {
    try {
      return this.dispatch(query);
    } catch (e) {
      if (e instanceof ExplorerError) return { kind: 'error', message: e.message };
      throw e;
    }
  }

  private dispatch(q: HeapQuery): HeapAnswer {
    switch (q.kind) {
      case 'classes': {
        const m = this.model(q.snapshot);
        const id = idInFilter(q.filter);
        const found = id === undefined ? undefined : this.found(id, q.snapshot);
        return {
          kind: 'classes',
          file: m.graph.file,
          totalBytes: m.summary.totalBytes,
          objectCount: m.summary.constructors.reduce((n, r) => n + r.count, 0),
          // An `@id` lists its object's class only, or nothing when no object has that id.
          classes: id === undefined ? classList(m, this.index(q.snapshot), q.filter) : found ? classList(m, this.index(q.snapshot), found.object.className).filter((c) => c.name === found.object.className) : [],
          match: found,
        };
      }
      case 'instances': {
        const m = this.model(q.snapshot);
        const since = q.newSince === undefined ? undefined : this.model(q.newSince);
        return { kind: 'instances', page: instances(m, this.index(q.snapshot), q.className, q.offset, q.limit, since) };
      }
      case 'references': {
        const m = this.model(q.snapshot);
        return { kind: 'references', page: references(m, this.node(m, q.id), q.offset, q.limit) };
      }
      case 'retainers': {
        const m = this.model(q.snapshot);
        return { kind: 'retainers', page: this.retainers(q.snapshot, m, this.node(m, q.id), q.offset, q.limit) };
      }
      case 'dominated': {
        const m = this.model(q.snapshot);
        const v = q.id === undefined ? m.graph.rootIndex : this.node(m, q.id);
        const order = this.sorted.get(`dominated ${q.snapshot} ${v}`, () => dominatedOrder(m, v));
        return { kind: 'dominated', parent: explorerObject(m, v), page: dominated(m, v, q.offset, q.limit, order) };
      }
      case 'object': {
        const found = this.found(q.id, q.snapshot);
        if (!found) throw new ExplorerError(`No object @${q.id} in ${q.snapshot === undefined ? 'any snapshot of this case' : this.model(q.snapshot).graph.file}.`);
        return { kind: 'object', ...found };
      }
      case 'compare': {
        const key = `${q.before}:${q.after}`;
        if (this.lastComparison?.key !== key) this.lastComparison = { key, classes: compareClasses(this.model(q.before), this.model(q.after)) };
        const before = this.model(q.before).graph.file;
        const after = this.model(q.after).graph.file;
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
  private found(id: number, snapshot?: number): FoundObject | undefined {
    const order = snapshot === undefined ? this.models.map((_, i) => this.models.length - 1 - i) : [snapshot];
    for (const s of order) {
      const m = this.model(s);
      const v = m.idIndex.lookup(id);
      if (v === undefined) continue;
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

  private model(snapshot: number): HeapModel {
    const m = this.models[snapshot];
    if (!m) throw new ExplorerError(`This case has ${this.models.length} heap snapshots; there is no snapshot ${snapshot + 1}.`);
    return m;
  }

  private node(m: HeapModel, id: number): number {
    const v = m.idIndex.lookup(id);
    if (v === undefined) throw new ExplorerError(`No object @${id} in ${m.graph.file}.`);
    return v;
  }

  private index(snapshot: number): ClassIndex {
    let index = this.indexes.get(snapshot);
    if (!index) {
      index = ClassIndex.build(this.model(snapshot));
      this.indexes.set(snapshot, index);
    }
    return index;
  }
}

/** A question about something the snapshots do not have: answered as an error, not thrown to the process. */
class ExplorerError extends Error {}
