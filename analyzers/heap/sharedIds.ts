import type { ParsedSnapshot } from './heapModel';

/**
 * Which objects of one snapshot are also in another (by V8 id), each pair computed once for all the
 * analyses of a case: the comparison's new objects of the last snapshot and leak detection's
 * allocated-after-the-baseline are the same question.
 */
export class SharedIds {
  private readonly known = new Map<ParsedSnapshot, Map<ParsedSnapshot, Uint8Array>>();

  /** Per node of `m`, 1 when `other` has an object of its id. */
  in(m: ParsedSnapshot, other: ParsedSnapshot): Uint8Array {
    let byOther = this.known.get(m);
    if (!byOther) this.known.set(m, (byOther = new Map<ParsedSnapshot, Uint8Array>()));
    let present = byOther.get(other);
    if (!present) byOther.set(other, (present = m.idIndex.presentIn(other.idIndex)));
    return present;
  }
}
