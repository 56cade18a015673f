import { createReadStream, type Stats } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import { createGunzip } from 'node:zlib';
import { InputError } from '../core/inputError';
import { groupDigits } from '../core/numberFormat';
import type { Bytes } from '../core/units';
import { asUtf8, type InvalidUtf8 } from './textEncoding';

const GZIP_MAGIC = [0x1f, 0x8b];

/**
 * A file on disk, read as a stream of (possibly gunzipped) chunks. Parsers never see the whole
 * file at once: multi-GB dumps do not fit in one string or one Buffer.
 */
export interface FileSource {
  path: string;
  /** Name shown to the user and written into findings (no directories: reports are shared). */
  name: string;
  /** Size on disk; for gzip files this is the compressed size, which is what progress measures. */
  sizeBytes: number;
  gzipped: boolean;
  /**
   * The first bytes of the content as UTF-8 for format detection, with line ends made `\n` and
   * trailing blanks dropped, so that a sniffer's `$` means the same whatever editor saved the file.
   */
  head: string;
  /** The same first bytes undecoded, for binary formats (a pprof protobuf) that text would garble. */
  headBytes: Buffer;
  /** Streams the decompressed content as it is, not decoded as text: for binary formats. */
  bytes(onRead?: (fileBytesRead: number) => void, signal?: AbortSignal, lifetime?: ChunkLifetime): AsyncIterable<Buffer>;
  /**
   * Streams the decompressed content as UTF-8 without a byte-order mark (UTF-16 is converted);
   * `onRead` gets the count of *file* bytes consumed so far.
   */
  chunks(onRead?: (fileBytesRead: number) => void, signal?: AbortSignal, lifetime?: ChunkLifetime): AsyncIterable<Buffer>;
  limits: InputLimits;
  /** What the last full read met that the parser could not see: filled while `chunks` runs. */
  damage: ReadDamage;
}

/** Bounds on the work one input may cause; both can be raised by the user (CaseOptions). */
export interface InputLimits {
  /** A longer line is skipped with a notice: no text format has lines this long, and a parser would copy it whole. */
  maxLineBytes: Bytes;
  /** A gzip file may inflate to at most this many times its size (and at least `minInflatedBytes`). */
  maxInflateRatio: number;
  /** Highly repetitive small logs compress far beyond any ratio; up to this size inflation is always allowed. */
  inflateFloorBytes: number;
}

export const DEFAULT_INPUT_LIMITS: InputLimits = { maxLineBytes: (16 * 2 ** 20) as Bytes, maxInflateRatio: 50, inflateFloorBytes: 64 * 2 ** 20 };

export interface ReadDamage {
  invalidUtf8?: InvalidUtf8;
  /** The gzip stream broke off (cut or corrupt) after this many file bytes: the content is a prefix. */
  gzipCutAtByte?: number;
  gzipError?: string;
  /** The number of the last line when the text does not end with a line end (set by the line reader). */
  unterminatedLastLine?: number;
  /** Lines longer than `limits.maxLineBytes`, skipped by the line reader. */
  overlongLines?: { count: number; firstLine: number };
}

/**
 * `kept` (the default): each chunk is a buffer of its own. `until-next`: a chunk may be overwritten
 * once the next one is asked for (a plain file is read into two buffers in turn), for a reader that
 * copies whatever it keeps: a fresh 1 MiB buffer a read costs the first touch of its pages, several
 * times the copy from the page cache (reading 300 MB: ~200–370 ms CPU against ~50–80 ms).
 */
export type ChunkLifetime = 'kept' | 'until-next';

const HEAD_BYTES = 64 * 1024;
const CHUNK_BYTES = 1 << 20;

export async function openFileSource(path: string, limits: InputLimits = DEFAULT_INPUT_LIMITS): Promise<FileSource> {
  const name = basename(path);
  let info;
  try {
    info = await stat(path);
  } catch (e) {
    throw new InputError(name, describeFsError(e, 'cannot be read'));
  }
  if (info.isDirectory()) throw new InputError(name, 'is a directory, not a file');
  if (!info.isFile()) throw new InputError(name, 'is not a regular file');
  if (info.size === 0) throw new InputError(name, 'is empty (0 bytes)');

  let raw: Buffer;
  try {
    const fh = await open(path, 'r');
    try {
      const buf = Buffer.alloc(Math.min(4, info.size));
      const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
      raw = buf.subarray(0, bytesRead);
    } finally {
      await fh.close();
    }
  } catch (e) {
    throw new InputError(name, describeFsError(e, 'cannot be read'));
  }
  const gzipped = raw[0] === GZIP_MAGIC[0] && raw[1] === GZIP_MAGIC[1];
  // Deflate (8) with no reserved flag bits: zlib's check of the first member's header passes.
  const firstHeaderValid = gzipped && raw[2] === 8 && (raw[3] & 0xe0) === 0;
  const source: FileSource = {
    path,
    name,
    sizeBytes: info.size,
    gzipped,
    head: '',
    headBytes: Buffer.alloc(0),
    limits,
    damage: {},
    bytes: (onRead, signal, lifetime = 'kept') => {
      source.damage = {};
      if (gzipped) return readGunzipped(path, name, info.size, firstHeaderValid, limits, source.damage, onRead, signal);
      return lifetime === 'kept' ? readRaw(path, name, onRead, signal) : readRawInTurn(path, name, onRead, signal);
    },
    chunks: (onRead, signal, lifetime) => {
      const bytes = source.bytes(onRead, signal, lifetime);
      const damage = source.damage;
      return asUtf8(bytes, (invalid) => (damage.invalidUtf8 = invalid));
    },
  };
  source.head = (await readHead(source.chunks())).toString('utf8').replace(/[ \t]*(?:\r\n?|\n)/g, '\n');
  source.headBytes = await readHead(source.bytes());
  source.damage = {};
  return source;
}

async function readHead(chunks: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  let have = 0;
  try {
    for await (const chunk of chunks) {
      parts.push(chunk);
      have += chunk.length;
      if (have >= HEAD_BYTES) break;
    }
  } catch (e) {
    if (have === 0) throw e;
  }
  return Buffer.concat(parts).subarray(0, HEAD_BYTES);
}

async function* readRaw(path: string, name: string, onRead?: (fileBytesRead: number) => void, signal?: AbortSignal): AsyncIterable<Buffer> {
  const file = createReadStream(path, { highWaterMark: CHUNK_BYTES, signal });
  let fileBytes = 0;
  try {
    for await (const chunk of file as AsyncIterable<Buffer>) {
      fileBytes += chunk.length;
      onRead?.(fileBytes);
      yield chunk;
    }
  } catch (e) {
    if (signal?.aborted) throw e;
    throw new InputError(name, describeFsError(e, 'could not be read to the end'), { byteOffset: fileBytes });
  } finally {
    file.destroy();
  }
}

/**
 * A plain file read into two buffers in turn (`until-next` chunks): the next chunk is read into one
 * while the reader works through the other, as a stream reads ahead.
 */
async function* readRawInTurn(path: string, name: string, onRead?: (fileBytesRead: number) => void, signal?: AbortSignal): AsyncIterable<Buffer> {
  const buffers = [Buffer.allocUnsafeSlow(CHUNK_BYTES), Buffer.allocUnsafeSlow(CHUNK_BYTES)];
  let fileBytes = 0;
  let file: FileHandle | undefined;
  let ahead: Promise<{ bytesRead: number }> | undefined;
  try {
    file = await open(path, 'r');
    ahead = file.read(buffers[0], 0, CHUNK_BYTES, 0);
    for (let turn = 0; ; turn ^= 1) {
      const { bytesRead } = await ahead;
      signal?.throwIfAborted();
      if (bytesRead === 0) break;
      fileBytes += bytesRead;
      ahead = file.read(buffers[turn ^ 1], 0, CHUNK_BYTES, fileBytes);
      onRead?.(fileBytes);
      yield buffers[turn].subarray(0, bytesRead);
    }
  } catch (e) {
    if (signal?.aborted) throw e;
    throw new InputError(name, describeFsError(e, 'could not be read to the end'), { byteOffset: fileBytes });
  } finally {
    // A reader that stops early leaves a read under way: it ends (its failure unheard) before the file is closed.
    await ahead?.catch(() => undefined);
    await file?.close();
  }
}

/**
 * Inflates a gzip file. A stream that breaks off after some content yields that content and
 * records where (the file is cut: results cover what it holds); one that yields nothing is refused.
 * Inflation past the size limit is refused as it happens, so a bomb never fills memory or disk.
 */
async function* readGunzipped(
  path: string,
  name: string,
  fileSize: number,
  firstHeaderValid: boolean,
  limits: InputLimits,
  damage: ReadDamage,
  onRead?: (fileBytesRead: number) => void,
  signal?: AbortSignal,
): AsyncIterable<Buffer> {
  const file = createReadStream(path, { highWaterMark: CHUNK_BYTES, signal });
  let fileBytes = 0;
  file.on('data', (c: Buffer | string) => {
    fileBytes += c.length;
  });
  const gunzip = file.pipe(createGunzip({ chunkSize: 1 << 20 }));
  file.on('error', (e) => gunzip.destroy(e));
  let inflated = 0;
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      inflated += chunk.length;
      // Measured against the compressed bytes read so far, a bomb shows its ratio in its first MiB:
      // it is refused before the parser has worked through much of it.
      if (inflated > Math.max(limits.inflateFloorBytes, fileBytes * limits.maxInflateRatio)) {
        throw new InputError(
          name,
          `inflates to more than ${limits.maxInflateRatio}× its size (${formatMiB(inflated)} from the first ${formatMiB(fileBytes)} of ${formatMiB(fileSize)} compressed): refused as a likely gzip bomb; raise the limit with --max-inflate-ratio if the file is genuine`,
        );
      }
      onRead?.(fileBytes);
      yield chunk;
    }
  } catch (e) {
    if (signal?.aborted || e instanceof InputError) throw e;
    const zlibError = e instanceof Error && typeof (e as NodeJS.ErrnoException).code === 'string' && /^Z_/.test(String((e as NodeJS.ErrnoException).code));
    if (!zlibError) throw new InputError(name, describeFsError(e, 'could not be read to the end'), { byteOffset: fileBytes });
    const at = gunzip.bytesWritten;
    // The first member's header is valid, so a failed header check is about bytes that follow a complete
    // member. zlib drops the output of the write that met them: what came before is not whole either.
    if (firstHeaderValid && /incorrect header check/.test((e).message)) {
      throw new InputError(
        name,
        `has bytes after the end of its gzip data that are not gzip (the file was padded or appended to): decompress it with \`gzip -dc\`, which ignores them, and analyse the result`,
        { byteOffset: at },
      );
    }
    if (inflated === 0) throw new InputError(name, `is not valid gzip data (${(e).message})`, { byteOffset: at });
    damage.gzipCutAtByte = at;
    damage.gzipError = (e).message;
  } finally {
    file.destroy();
  }
}

/** Which version of a file this is: another file written over it, or put in its place, differs. */
export interface FileIdentity {
  device: number;
  inode: number;
  sizeBytes: number;
  modifiedMs: number;
}

const identityOf = (info: Stats): FileIdentity => ({ device: info.dev, inode: info.ino, sizeBytes: info.size, modifiedMs: info.mtimeMs });

/** The regular file's identity now; null when it cannot be read or is not a regular file. */
export async function fileIdentity(path: string): Promise<FileIdentity | null> {
  return stat(path).then(
    (info) => (info.isFile() ? identityOf(info) : null),
    () => null,
  );
}

/** The identity as one string (a cache key). */
export const identityKey = (id: FileIdentity): string => `${id.device}:${id.inode}:${id.sizeBytes}:${id.modifiedMs}`;

/**
 * `length` bytes at `position` of a file read before (a part of it left to read later), refused
 * when the file is no longer the one read (`identity`): another file written over it would be read
 * as if it were that part.
 */
export async function readFileRange(path: string, name: string, identity: FileIdentity, position: number, length: number): Promise<Buffer> {
  try {
    const fh = await open(path, 'r');
    try {
      const info = await fh.stat();
      if (identityKey(identityOf(info)) !== identityKey(identity)) {
        throw new InputError(name, `has changed since it was read (${groupDigits(info.size)} bytes, modified ${new Date(info.mtimeMs).toISOString()}; it was ${groupDigits(identity.sizeBytes)} bytes, modified ${new Date(identity.modifiedMs).toISOString()}): open it again`);
      }
      const bytes = Buffer.allocUnsafe(length);
      const { bytesRead } = await fh.read(bytes, 0, length, position);
      if (bytesRead !== length) throw new InputError(name, `could be read only to byte ${groupDigits(position + bytesRead)} of ${groupDigits(position + length)} again`);
      return bytes;
    } finally {
      await fh.close();
    }
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(name, describeFsError(e, 'cannot be read again'));
  }
}

const formatMiB = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

function describeFsError(e: unknown, fallback: string): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'does not exist';
    case 'EACCES':
    case 'EPERM':
      return 'cannot be read: permission denied';
    case 'EISDIR':
      return 'is a directory, not a file';
    default:
      return `${fallback}${e instanceof Error ? ` (${e.message})` : ''}`;
  }
}

/**
 * The whole (decompressed) content of a source that is parsed in one piece (a JSON document, a
 * sql.js database, a protobuf when `binary`: not decoded as text), refused with `tooLarge(bytesSoFar)` as soon as it passes `maxBytes`: checked
 * while reading, since a gzipped file only shows its real size once inflated.
 */
export async function readWhole(
  source: FileSource,
  maxBytes: number,
  tooLarge: (bytesSoFar: number) => Error,
  onRead?: (fileBytesRead: number) => void,
  signal?: AbortSignal,
  binary = false,
): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of binary ? source.bytes(onRead, signal) : source.chunks(onRead, signal)) {
    size += chunk.length;
    if (size > maxBytes) throw tooLarge(size);
    parts.push(chunk);
  }
  return Buffer.concat(parts);
}
