import { qualifiedName } from './frameFolding';
import type { Frame } from '../core/frame';

/**
 * The remedies the alloc findings suggest, worded once so that a cycle seen by LeakSanitizer and
 * the same sites growing in an event log read the same way in the report.
 */
export const WEAK_PTR_BACK_REFERENCES =
  'hold back and cross references (friends lists, parent pointers, observers) as std::weak_ptr instead of std::shared_ptr';
export const NON_OWNING_DIRECTION = 'make one direction of the loop non-owning (a raw pointer, an id or std::weak_ptr)';
export const WEAK_PTR_IN_LAMBDAS =
  'in callbacks stored on the object itself, capture a std::weak_ptr (or the id) instead of the std::shared_ptr, and lock() it when the callback runs';
export const CLEAR_ON_REMOVAL =
  'clear callbacks and relation lists when the object is removed (logout, disconnect) so that a missed weak_ptr does not keep the loop alive';

/** A sentence of its own: bound `ProfileCache` with an eviction policy. */
export function boundedCacheFix(owner: string): string {
  return `Bound ${owner}: give it an eviction policy (an LRU with a maximum entry count or byte budget, or a TTL) so that it stops keeping every key it ever saw`;
}

// Containers keyed by id that live as long as the process: the shapes of the memory that leaks
// without a lost pointer, still reachable, never freed.
const CACHE_NAME = /cache|registry|memo|pool|lookup|index/i;

/**
 * The cache a site belongs to, when its user frame's class or function says it is one
 * (`ProfileCache::loadProfile` → `ProfileCache`) or it allocates hash map nodes.
 */
export function cacheOwner(userFrame: Frame, objectType: string | undefined): string | undefined {
  const name = userFrame.fn === undefined ? undefined : qualifiedName(userFrame.fn);
  if (name !== undefined && CACHE_NAME.test(name)) {
    const scope = name.lastIndexOf('::');
    return scope > 0 ? name.slice(0, scope) : name;
  }
  if (objectType?.startsWith('hash map node')) return name ? `the map filled by ${name}` : 'the map';
  return undefined;
}

const SHARED_PTR_FRAME = /_Sp_counted_ptr_inplace|std::make_shared|std::allocate_shared|_Sp_alloc_shared_tag/;

/** The block was allocated by std::make_shared (a shared_ptr control block with its object). */
export function allocatedBySharedPtr(frames: readonly Frame[]): boolean {
  return frames.some((f) => f.fn !== undefined && SHARED_PTR_FRAME.test(f.fn));
}
