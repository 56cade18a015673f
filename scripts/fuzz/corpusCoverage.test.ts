/**
 * The fuzz corpus is made from the fixtures under samples/: a format without a fixture there is a
 * format the fuzz run never damages. This fails when a registered format has no seed.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openFileSource } from '../../analyzers/ingest/fileSource';
import { CAPABILITIES, detectFormat } from '../../analyzers/pipeline/registry';
import { sampleFixtures } from './corpus';

describe('fuzz corpus', () => {
  it('has a seed of every registered format', async () => {
    const seeded = new Set<string>();
    for (const path of sampleFixtures(join(__dirname, '..', '..', 'samples'))) {
      const source = await openFileSource(path);
      const detected = detectFormat(source.head, source.headBytes);
      if (detected) seeded.add(detected.format.id);
    }
    const unseeded = CAPABILITIES.flatMap((c) => c.formats.map((f) => f.id)).filter((id) => !seeded.has(id));
    expect(unseeded).toEqual([]);
  });
});
