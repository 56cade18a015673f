import { appendFileSync, utimesSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/inputError';
import { groupDigits } from '../../core/numberFormat';
import { openFileSource } from '../../ingest/fileSource';
import type { ParsedSnapshot } from '../heapModel';
import { HeapSnapshot } from '../heapSnapshot';
import { loadHeapModel, type ParseOnly } from '../loadHeapModel';
import { expectSameModel, fileModel, quietContext, SAMPLE_NAMES, samplePath, sampleText, tempFile } from './fixtures';

const LAST = SAMPLE_NAMES[2];
const TEXT = Buffer.from(sampleText(LAST), 'utf8');
const NAME = LAST.replace(/\.gz$/, '');
const told: ParseOnly = { whenNotLast: (tell) => tell() };

async function parseOnly(path: string, how: ParseOnly = told): Promise<ParsedSnapshot> {
  return (await loadHeapModel(await openFileSource(path), quietContext(), undefined, how)).model;
}

async function refusal(work: Promise<unknown>): Promise<InputError> {
  const e = await work.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(InputError);
  return e as InputError;
}

describe('a snapshot parsed only, told it is not the last of its set: its `locations` left in its file', () => {
  it('are read when it is indexed: the model a read in place builds, code positions included', async () => {
    const path = tempFile(NAME, TEXT);
    const parsed = await parseOnly(path);
    expect(parsed.graph.closureLocations).toBeNull();
    expect(parsed.graph.locationsInFile).toMatchObject({ path, whole: true, markBytes: 0, sizeBytes: TEXT.length });
    const model = await new HeapSnapshot(parsed).index();
    expect(model.graph.locationsInFile).toBeUndefined();
    const inPlace = await fileModel(tempFile(NAME, TEXT));
    expect(inPlace.graph.closureLocations!.count).toBeGreaterThan(100);
    expect(model.graph.closureLocations).toEqual(inPlace.graph.closureLocations);
    expectSameModel(model, inPlace);
  });

  it('not told (it may be the last): read in place', async () => {
    const parsed = await parseOnly(tempFile(NAME, TEXT), { whenNotLast: () => {} });
    expect(parsed.graph.locationsInFile).toBeUndefined();
    expect(parsed.graph.closureLocations).toEqual((await fileModel(tempFile(NAME, TEXT))).graph.closureLocations);
  });

  it('behind a byte-order mark: found where they are in the file', async () => {
    const path = tempFile(NAME, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), TEXT]));
    const parsed = await parseOnly(path);
    expect(parsed.graph.locationsInFile).toMatchObject({ markBytes: 3 });
    const model = await new HeapSnapshot(parsed).index();
    expect(model.graph.closureLocations).toEqual((await fileModel(tempFile(NAME, TEXT))).graph.closureLocations);
  });

  it('gzipped: read in place (the offsets of the content are not the file\'s)', async () => {
    const parsed = await parseOnly(samplePath(LAST));
    expect(parsed.graph.locationsInFile).toBeUndefined();
    expect(parsed.graph.closureLocations).toEqual((await fileModel(tempFile(NAME, TEXT))).graph.closureLocations);
  });

  it('in a file that stops inside them: the complete records before the cut, as a read in place keeps them', async () => {
    const start = TEXT.indexOf('"locations"');
    const end = TEXT.indexOf(']', start);
    const cut = TEXT.subarray(0, start + Math.floor((end - start) / 2));
    const parsed = await parseOnly(tempFile('cut.heapsnapshot', cut));
    expect(parsed.graph.locationsInFile).toMatchObject({ whole: false });
    const model = await new HeapSnapshot(parsed).index();
    const inPlace = (await fileModel(tempFile('cut.heapsnapshot', cut))).graph.closureLocations!;
    expect(inPlace.count).toBeGreaterThan(10);
    expect(model.graph.closureLocations).toEqual(inPlace);
  });

  it('refused, the file named, when the file changed since it was read: never read as code positions of another file', async () => {
    const grown = tempFile(NAME, TEXT);
    const parsedGrown = await parseOnly(grown);
    appendFileSync(grown, '\n');
    expect((await refusal(new HeapSnapshot(parsedGrown).index())).message).toMatch(new RegExp(`^${NAME}: has changed since it was read \\(${groupDigits(TEXT.length + 1)} bytes, .*it was ${groupDigits(TEXT.length)} bytes`));
    const touched = tempFile(NAME, TEXT);
    const parsedTouched = await parseOnly(touched);
    utimesSync(touched, new Date(), new Date(Date.now() + 60_000));
    expect((await refusal(new HeapSnapshot(parsedTouched).index())).message).toMatch(/has changed since it was read/);
  });

  it('damaged: the error a read in place gives, where it gives it', async () => {
    const bad = Buffer.from(TEXT);
    const digit = TEXT.indexOf(',', TEXT.indexOf('"locations"') + 40) + 1;
    bad[digit] = 'x'.charCodeAt(0);
    const inPlace = await refusal(fileModel(tempFile('bad.heapsnapshot', bad)));
    const left = await refusal(new HeapSnapshot(await parseOnly(tempFile('bad.heapsnapshot', bad))).index());
    expect(inPlace.message).toMatch(/expected an integer, found "x"/);
    expect(left.message).toBe(inPlace.message);
    expect(left.where).toEqual(inPlace.where);
  });
});

describe('a `locations` section read into 32-bit integers while its values fit', () => {
  it('keeps a value past 2^31 exactly: the list turns to doubles at the first that does not fit', async () => {
    // The sample's first record with its line set past what an Int32Array holds (a real file's are small).
    const edited = TEXT.toString('utf8').replace(/("locations":\[\d+,\d+,)(\d+)/, '$13000000000');
    const locations = (await fileModel(tempFile(NAME, Buffer.from(edited, 'utf8')))).graph.closureLocations!;
    const original = (await fileModel(tempFile(NAME, TEXT))).graph.closureLocations!;
    const k = locations.line.indexOf(3_000_000_000);
    expect(k).toBeGreaterThanOrEqual(0);
    expect({ ...locations, line: locations.line.with(k, original.line[k]) }).toEqual(original);
  });
});
