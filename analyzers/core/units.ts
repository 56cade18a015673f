// Branded numeric types: a byte count, a duration in ms and one in ns must not be mixed up silently.
declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

export type Bytes = Brand<number, 'Bytes'>;
export type Millis = Brand<number, 'Millis'>;
export type Nanos = Brand<number, 'Nanos'>;
/** Milliseconds since the Unix epoch (UTC). */
export type EpochMillis = Brand<number, 'EpochMillis'>;

export const bytes = (n: number): Bytes => n as Bytes;
export const millis = (n: number): Millis => n as Millis;
export const nanos = (n: number): Nanos => n as Nanos;
export const epochMillis = (n: number): EpochMillis => n as EpochMillis;
