/**
 * TypeScript's identity relation, reached through two deferred conditional types: optionality,
 * readonly and every nested property must match. Assignability is not enough for a file format: it
 * lets an extra field through, and a renamed optional field too.
 */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;

/** Counts down the nesting levels ShapeDiff descends, so recursive types (a tree of nodes) end. */
type Down = [never, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9];

type Optional<T, K extends keyof T> = object extends Pick<T, K> ? true : false;

/**
 * Where two types differ, as paths such as `HeapView.comparison.classes[].newIds` (`?` marks a field
 * optional in only one of them); never when they are the same type.
 */
export type ShapeDiff<S, I, Path extends string, Depth extends number = 10> =
  Same<S, I> extends true ? never
  : [Depth] extends [never] ? Path
  : [S, I] extends [readonly (infer SE)[], readonly (infer IE)[]] ? ShapeDiff<SE, IE, `${Path}[]`, Down[Depth]>
  : [S, I] extends [object, object] ? {
      [K in keyof S | keyof I]-?: K extends keyof S
        ? K extends keyof I
          ? Optional<S, K> extends Optional<I, K>
            ? ShapeDiff<Exclude<S[K], undefined>, Exclude<I[K], undefined>, `${Path}.${K & string}`, Down[Depth]>
            : `${Path}.${K & string}?`
          : `${Path}.${K & string}`
        : `${Path}.${K & string}`;
    }[keyof S | keyof I]
  : Path;

/**
 * `true` when the saved type S and the analysis's type I are the same; otherwise the paths where
 * they differ, so `Check<SameShape<…>>` fails to compile with a message that names them.
 */
export type SameShape<S, I, Name extends string> = [ShapeDiff<S, I, Name>] extends [never] ? true : ShapeDiff<S, I, Name>;

export type Check<T extends true> = T;
