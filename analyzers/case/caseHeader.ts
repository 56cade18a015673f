/** Every SQLite 3 database starts with these 16 bytes (https://www.sqlite.org/fileformat.html, 1.3). */
export const SQLITE_MAGIC = 'SQLite format 3\u0000';

const HEADER_BYTES = 100;

/**
 * True when the content is an SQLite database: what a case file is. Takes the same decoded head as
 * InputFormat.sniff (the magic is ASCII, so UTF-8 decoding keeps it intact); whether the database
 * is an Aftermath case, and of which version, is for readCaseFile to say with a reason.
 */
export function isCaseFile(head: string): boolean {
  return head.startsWith(SQLITE_MAGIC);
}

/** The fields of the 100-byte database header that tell what the file is and whether it is whole. */
export interface SqliteHeader {
  pageSizeBytes: number;
  /** From the header; only trustworthy when `pageCountValid` (files written by SQLite ≥ 3.7.0 are). */
  pageCount: number;
  pageCountValid: boolean;
  userVersion: number;
  applicationId: number;
}

/** Undefined when the bytes do not start with an SQLite header. */
export function readSqliteHeader(bytes: Uint8Array): SqliteHeader | undefined {
  if (bytes.length < HEADER_BYTES) return undefined;
  for (let i = 0; i < SQLITE_MAGIC.length; i++) if (bytes[i] !== SQLITE_MAGIC.charCodeAt(i)) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, HEADER_BYTES);
  const rawPageSize = view.getUint16(16);
  return {
    // The value 1 stands for 65536, which does not fit in two bytes.
    pageSizeBytes: rawPageSize === 1 ? 65536 : rawPageSize,
    pageCount: view.getUint32(28),
    // The in-header size is valid only when the change counter matches "version-valid-for".
    pageCountValid: view.getUint32(24) === view.getUint32(92) && view.getUint32(28) > 0,
    userVersion: view.getInt32(60),
    applicationId: view.getInt32(68) >>> 0,
  };
}
