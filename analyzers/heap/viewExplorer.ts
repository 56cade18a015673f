import type { Bytes } from '../core/units';

/**
 * The live heap explorer's questions and answers: what the UI asks the analysis process about the
 * snapshots it keeps loaded (as DevTools' panel asks its worker), and what comes back. Objects are
 * named by their V8 id (`@1234`), which stays the same across queries and across the snapshots of
 * one process. `snapshot` is an index into the case's snapshots, oldest first (HeapView.snapshots).
 */
export type HeapQuery =
  | { kind: 'classes'; snapshot: number; filter?: string }
  | { kind: 'instances'; snapshot: number; className: string; offset: number; limit: number; newSince?: number }
  | { kind: 'references'; snapshot: number; id: number; offset: number; limit: number }
  | { kind: 'retainers'; snapshot: number; id: number; offset: number; limit: number }
  | { kind: 'dominated'; snapshot: number; id?: number; offset: number; limit: number }
  | { kind: 'object'; snapshot?: number; id: number }
  | { kind: 'compare'; before: number; after: number; filter?: string };

/** The most rows one page may ask for. */
export const MAX_PAGE_ROWS = 500;

/** The rows of an object's retainers and references that come with the object itself (its first page of each). */
export const FIRST_PAGE_ROWS = 100;

/** One object as every explorer list shows it. */
export interface ExplorerObject {
  /** V8's object id: `@id`. */
  id: number;
  /** `Player @1234`, `(closure) onLevelUp @77`, `"abc…" @9` (heap/nodeLabels). */
  label: string;
  className: string;
  selfBytes: Bytes;
  retainedBytes: Bytes;
  /** Of the snapshot's total size. */
  selfPercent: number;
  retainedPercent: number;
  /** Edges on the shortest retaining path from the roots; null when nothing retains it. */
  distance: number | null;
  /** True when only system roots (handles, the compilation cache…) reach it. */
  systemRootsOnly: boolean;
  referenceCount: number;
  retainerCount: number;
  dominatedCount: number;
}

/** An edge of the object graph with the object at its other end. */
export interface ExplorerEdge {
  /** `.players`, `[3]`, `context.player`, `(weak) key` (heap/nodeLabels). */
  name: string;
  edgeType: string;
  /**
   * False for weak edges (and shortcuts not from the root): they do not keep their target alive,
   * so they are no answer to "why is it alive".
   */
  retains: boolean;
  object: ExplorerObject;
}

export interface ExplorerClass {
  name: string;
  count: number;
  shallowBytes: Bytes;
  retainedBytes: Bytes;
  shallowPercent: number;
  retainedPercent: number;
  /** The smallest distance of its objects; null when none is reachable. */
  distance: number | null;
}

export interface ExplorerClassDelta {
  name: string;
  added: number;
  removed: number;
  countDelta: number;
  addedBytes: Bytes;
  removedBytes: Bytes;
  sizeDelta: Bytes;
}

/** A page of a longer list: `total` rows in all, `rows` from `offset`. */
export interface Page<R> {
  offset: number;
  total: number;
  rows: R[];
}

/**
 * One object found by id, in `snapshot`, with the shortest path that retains it (root first, weak
 * edges never on it) and the first FIRST_PAGE_ROWS of its retainers and of its references: one
 * answer draws the object, where three round trips through the processes cost more than the queries.
 */
export interface FoundObject {
  snapshot: number;
  object: ExplorerObject;
  path: ExplorerEdge[];
  reachable: boolean;
  retainers: Page<ExplorerEdge>;
  references: Page<ExplorerEdge>;
}

export type HeapAnswer =
  /** `match`: the object an `@id` filter names, as the object query answers it (one round trip finds and draws it). */
  | { kind: 'classes'; file: string; totalBytes: Bytes; objectCount: number; classes: ExplorerClass[]; match?: FoundObject }
  | { kind: 'instances'; page: Page<ExplorerObject> }
  | { kind: 'references' | 'retainers'; page: Page<ExplorerEdge> }
  | { kind: 'dominated'; parent: ExplorerObject; page: Page<ExplorerObject> }
  | ({ kind: 'object' } & FoundObject)
  | { kind: 'compare'; before: string; after: string; classes: ExplorerClassDelta[] }
  | { kind: 'error'; message: string };

/** The `@1234` (or plain `1234`) a filter names, if it is one (the page asks ahead for such a filter's answer). */
export function idInFilter(filter: string | undefined): number | undefined {
  const m = /^@?(\d+)$/.exec((filter ?? '').trim());
  return m ? Number(m[1]) : undefined;
}
