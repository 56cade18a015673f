import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { createGunzip } from 'node:zlib';
import { InputError } from '../core/inputError';

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
  /** The first bytes of the decompressed content, decoded as UTF-8, for format detection. */
  head: string;
  /** Streams the decompressed content; `onRead` gets the count of *file* bytes consumed so far. */
  chunks(onRead?: (fileBytesRead: number) => void, signal?: AbortSignal): AsyncIterable<Buffer>;
}

const HEAD_BYTES = 64 * 1024;

export async function openFileSource(path: string): Promise<FileSource> {
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
      const buf = Buffer.alloc(Math.min(HEAD_BYTES, info.size));
      const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
      raw = buf.subarray(0, bytesRead);
    } finally {
      await fh.close();
    }
  } catch (e) {
    throw new InputError(name, describeFsError(e, 'cannot be read'));
  }
  const gzipped = raw[0] === GZIP_MAGIC[0] && raw[1] === GZIP_MAGIC[1];
  const source: FileSource = {
    path,
    name,
    sizeBytes: info.size,
    gzipped,
    head: '',
    chunks: (onRead, signal) => readChunks(path, name, gzipped, onRead, signal),
  };
  source.head = gzipped ? await readGzipHead(source) : raw.toString('utf8');
  return source;
}

async function readGzipHead(source: FileSource): Promise<string> {
  const parts: Buffer[] = [];
  let have = 0;
  try {
    for await (const chunk of source.chunks()) {
      parts.push(chunk);
      have += chunk.length;
      if (have >= HEAD_BYTES) break;
    }
  } catch (e) {
    if (have === 0) throw e;
  }
  return Buffer.concat(parts).subarray(0, HEAD_BYTES).toString('utf8');
}

async function* readChunks(
  path: string,
  name: string,
  gzipped: boolean,
  onRead?: (fileBytesRead: number) => void,
  signal?: AbortSignal,
): AsyncIterable<Buffer> {
  const file = createReadStream(path, { highWaterMark: 1 << 20, signal });
  let fileBytes = 0;
  file.on('data', (c: Buffer | string) => {
    fileBytes += c.length;
  });
  const stream = gzipped ? file.pipe(createGunzip({ chunkSize: 1 << 20 })) : file;
  if (gzipped) file.on('error', (e) => stream.destroy(e));
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      onRead?.(fileBytes);
      yield chunk;
    }
  } catch (e) {
    if (signal?.aborted) throw e;
    if (gzipped && e instanceof Error && /unexpected end|incorrect header|invalid/i.test(e.message)) {
      throw new InputError(name, `gzip stream is corrupt or truncated (${e.message})`, { byteOffset: fileBytes });
    }
    throw new InputError(name, describeFsError(e, 'could not be read to the end'), { byteOffset: fileBytes });
  } finally {
    file.destroy();
  }
}

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
 * sql.js database), refused with `tooLarge(bytesSoFar)` as soon as it passes `maxBytes`: checked
 * while reading, since a gzipped file only shows its real size once inflated.
 */
export async function readWhole(
  source: FileSource,
  maxBytes: number,
  tooLarge: (bytesSoFar: number) => Error,
  onRead?: (fileBytesRead: number) => void,
  signal?: AbortSignal,
): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of source.chunks(onRead, signal)) {
    size += chunk.length;
    if (size > maxBytes) throw tooLarge(size);
    parts.push(chunk);
  }
  return Buffer.concat(parts);
}
