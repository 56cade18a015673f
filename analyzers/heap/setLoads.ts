import type { Siblings } from '../ingest/capability';
import type { HeapSnapshot } from './heapSnapshot';
import { orderKeys } from './snapshotOrder';

/** One snapshot's load as the set knows it. */
interface Member {
  name: string;
  lastAssignedId?: number;
  snapshot?: HeapSnapshot;
  /** Told once another snapshot of the set is known to be later (`SetMember.whenNotLast`). */
  notLast?: () => void;
}

/** What a load tells its set. */
export interface SetMember {
  /** Its snapshot's last assigned id, as soon as its nodes are read (`ParseOnly.onLastAssignedId`). */
  placed: (lastAssignedId: number) => void;
  /** Its snapshot, loaded (parsed only). */
  loaded: (snapshot: HeapSnapshot) => void;
  /** `ParseOnly.whenNotLast`: told as soon as another load has read a later last assigned id. */
  whenNotLast: (tell: () => void) => void;
}

const setsOfCase = new WeakMap<Siblings, SnapshotSetLoads>();

/**
 * The loads of one case's snapshots, which tell each other their place in the set's order as soon as
 * they know it: V8 writes the objects first, so a load knows its snapshot's last assigned id long
 * before its read ends. Once every place is known, the last snapshot — whose indexes are the
 * analysis's first need — is indexed (`index`) while the other files are still read: on two cores
 * the set's last read would otherwise run alone. The order is `orderSnapshots`'s. When it cannot be
 * known early (a load failed or was cut before its ids, two snapshots tie), nothing is indexed here
 * and the analysis indexes the last snapshot, as it always may: this only starts that work sooner.
 */
export class SnapshotSetLoads {
  private readonly members: Member[] = [];
  private last: Member | undefined;
  private indexed = false;

  private constructor(
    private readonly size: number,
    private readonly index: (snapshot: HeapSnapshot) => void,
  ) {}

  /** The set the loads given `siblings` belong to (one per capability and case: its loads share that object). */
  static of(siblings: Siblings, index: (snapshot: HeapSnapshot) => void): SnapshotSetLoads {
    let set = setsOfCase.get(siblings);
    if (!set) setsOfCase.set(siblings, (set = new SnapshotSetLoads(siblings.count + 1, index)));
    return set;
  }

  join(name: string): SetMember {
    const member: Member = { name };
    this.members.push(member);
    return {
      placed: (lastAssignedId) => {
        member.lastAssignedId = lastAssignedId;
        this.tellNotLast();
        this.decide();
      },
      whenNotLast: (tell) => {
        member.notLast = tell;
        this.tellNotLast();
      },
      loaded: (snapshot) => {
        member.snapshot = snapshot;
        this.startIndexing();
      },
    };
  }

  /**
   * Each load whose snapshot another one's ids show to be older, as soon as both are read: ids only,
   * before every place is known, so a set ordered by its file names may be told otherwise (then the
   * last snapshot's locations are read when it is indexed: the same result, later).
   */
  private tellNotLast(): void {
    const latest = Math.max(...this.members.map((m) => m.lastAssignedId ?? -1));
    for (const m of this.members) {
      if (m.notLast && m.lastAssignedId !== undefined && m.lastAssignedId < latest) {
        m.notLast();
        m.notLast = undefined;
      }
    }
  }

  private decide(): void {
    const { members } = this;
    if (members.length < this.size || members.some((m) => m.lastAssignedId === undefined)) return;
    const keys = orderKeys(
      members.map((m) => m.name),
      (i) => members[i].lastAssignedId ?? 0,
    );
    const latest = Math.max(...keys);
    // A tie is broken by the order the user gave the files, which the loads do not know.
    if (keys.filter((k) => k === latest).length === 1) this.last = members[keys.indexOf(latest)];
    this.startIndexing();
  }

  private startIndexing(): void {
    const snapshot = this.last?.snapshot;
    if (!snapshot || this.indexed) return;
    this.indexed = true;
    this.index(snapshot);
  }
}
