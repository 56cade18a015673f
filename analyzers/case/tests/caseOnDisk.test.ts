import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReportEdits } from '../reportEdits';
import { InputError } from '../../core/inputError';
import { groupDigits } from '../../core/numberFormat';
import type { CaseResult } from '../caseResult';
import { openFileSource } from '../../ingest/fileSource';
import { detectFormat } from '../../pipeline/registry';
import { writeFileAtomic } from '../../report/writeFileAtomic';
import { isCaseFile } from '../caseHeader';
import { openCaseFile, readCaseFile, writeCaseFile } from '../caseFile';
import { ALLOC_FILES, HEAP_FILES, realCase, tempDir } from './realCases';

const EDITS: ReportEdits = { title: 'Friend system leak', actionItems: [{ text: 'weak_ptr for friends', owner: 'core', priority: 'P1' }] };
let result: CaseResult;

beforeAll(async () => {
  result = await realCase([...HEAP_FILES, ...ALLOC_FILES]);
});

describe('opening a saved case like any input file', () => {
  it('is recognised from its content whatever its name, and claimed by no evidence format', async () => {
    const path = join(tempDir(), 'evidence.heapsnapshot');
    await writeFileAtomic(path, await writeCaseFile(result, EDITS));
    const source = await openFileSource(path);
    expect(isCaseFile(source.head)).toBe(true);
    // So runCase may check isCaseFile before or after detectFormat: the two never both match.
    expect(detectFormat(source.head)).toBeUndefined();
    expect(await openCaseFile(source)).toStrictEqual({ result, edits: EDITS });
  });

  it('evidence files are not case files', async () => {
    for (const path of [...HEAP_FILES, ...ALLOC_FILES]) expect(isCaseFile((await openFileSource(path)).head)).toBe(false);
  });

  it('opens a gzipped case through the same file source', async () => {
    const path = join(tempDir(), 'incident.aftermath.gz');
    writeFileSync(path, gzipSync(await writeCaseFile(result, EDITS)));
    const source = await openFileSource(path);
    expect(isCaseFile(source.head)).toBe(true);
    expect(await openCaseFile(source)).toStrictEqual({ result, edits: EDITS });
  });

  it('names the file when a case on disk was cut short', async () => {
    const path = join(tempDir(), 'copied-halfway.aftermath');
    const bytes = await writeCaseFile(result);
    writeFileSync(path, bytes.subarray(0, 8192 + 100));
    await expect(openCaseFile(await openFileSource(path))).rejects.toThrow(new InputError('copied-halfway.aftermath', `is truncated: its header declares ${groupDigits(bytes.length / 4096)} pages of 4,096 bytes (${groupDigits(bytes.length)} bytes) but the file has 8,292`, { byteOffset: 8292 }));
  });
});

describe('saving a case atomically', () => {
  it('replaces the previous case whole', async () => {
    const path = join(tempDir(), 'incident.aftermath');
    await writeFileAtomic(path, await writeCaseFile({ ...result, findings: result.findings.slice(0, 1) }));
    await writeFileAtomic(path, await writeCaseFile(result, EDITS));
    expect(await readCaseFile(readFileSync(path), 'incident.aftermath')).toStrictEqual({ result, edits: EDITS });
    expect(readdirSync(join(path, '..'))).toEqual(['incident.aftermath']);
  });

  it('leaves the previous case untouched when the new one cannot be built', async () => {
    const dir = tempDir();
    const path = join(dir, 'incident.aftermath');
    const previous = await writeCaseFile(result, EDITS);
    await writeFileAtomic(path, previous);
    // A value sql.js cannot bind stands for any failure while the database is built in memory.
    const broken = structuredClone(result);
    (broken.findings[0].evidence[0] as { value: unknown }).value = { not: 'a scalar' };

    await expect(writeCaseFile(broken).then((bytes) => writeFileAtomic(path, bytes))).rejects.toThrow(/bind/);
    expect(Buffer.from(readFileSync(path)).equals(Buffer.from(previous))).toBe(true);
    expect(readdirSync(dir)).toEqual(['incident.aftermath']);
  });

  it('leaves no partial or temporary file when the rename fails', async () => {
    const dir = tempDir();
    // A directory in the way makes the final rename fail after the temporary file was written in full.
    const target = join(dir, 'incident.aftermath');
    mkdirSync(join(target, 'occupied'), { recursive: true });
    await expect(writeFileAtomic(target, await writeCaseFile(result))).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(['incident.aftermath']);
    expect(readdirSync(target)).toEqual(['occupied']);
  });
});
