import { createContext, useContext } from 'react';

/**
 * "Show in heap": opens the heap explorer on an object by its V8 id. Provided by the case's tabs
 * when the case has snapshots the analysis process keeps loaded; absent, `@id`s stay plain text.
 */
export const ShowInHeapContext = createContext<((id: number) => void) | undefined>(undefined);

export const useShowInHeap = () => useContext(ShowInHeapContext);
