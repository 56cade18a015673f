import { useMemo, type ReactNode } from 'react';
import { ShowInHeapContext, useShowInHeap } from './showInHeap';

/**
 * The `@id`s shown inside are objects of this snapshot: a view of one snapshot among several opens
 * that snapshot's object, not the latest one with the same id (an object alive in both is two
 * objects, with their own sizes and retainers).
 */
export function InSnapshot({ index, children }: { index: number; children: ReactNode }) {
  const show = useShowInHeap();
  const inThis = useMemo(() => show && ((id: number) => show(id, index)), [show, index]);
  return <ShowInHeapContext.Provider value={inThis}>{children}</ShowInHeapContext.Provider>;
}
