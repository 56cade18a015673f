import { createContext, useContext } from 'react';

/**
 * Opens the heap explorer on object `id` of `snapshot` (an index into HeapView.snapshots); without
 * one, on the latest snapshot that has it (V8 ids are shared by the snapshots of one process).
 */
export type ShowInHeap = (id: number, snapshot?: number) => void;

/**
 * "Show in heap": opens the heap explorer on an object by its V8 id. Provided by the case's tabs
 * when the case has snapshots the analysis process keeps loaded; absent, `@id`s stay plain text.
 */
export const ShowInHeapContext = createContext<ShowInHeap | undefined>(undefined);

export const useShowInHeap = () => useContext(ShowInHeapContext);
