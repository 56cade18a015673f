/**
 * Issue 15, item 1: a byte-order mark, CRLF or lone-CR line ends, trailing blanks, a missing final
 * newline and UTF-16 are the same input. Every fixture under samples/ goes through each variant and
 * must give the findings, completeness and notices of the original.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCase } from '../../analyzers/pipeline/runCase';
import { fixtureContent, sampleFixtures } from './corpus';
import { mutationNamed, seededRandom } from './mutations';

const samples = join(__dirname, '..', '..', 'samples');
const VARIANTS = ['utf8-bom', 'crlf', 'lone-cr', 'trailing-whitespace', 'no-final-newline', 'utf16le-bom'];
const dir = mkdtempSync(join(tmpdir(), 'aftermath-same-input-'));

async function outcome(path: string) {
  const result = await runCase([path], { onProgress: () => {}, signal: new AbortController().signal, options: { anchorDate: '2026-03-14' } });
  return {
    failures: result.failures.map((f) => f.message),
    complete: result.inputs.map((i) => i.complete),
    notices: result.inputs.flatMap((i) => i.notices.map((n) => n.message)),
    findings: result.findings.map((f) => `${f.id} ${f.severity} ${f.title}`),
  };
}

// The big heap snapshots differ from the detached-DOM one only in size: one snapshot stands for the format
// (samples/gate's snapshots of the fixed game server are the same program again).
// A protobuf (pprof) is bytes, not text: a byte-order mark or CRLF in it makes another message.
const fixtures = sampleFixtures(samples).filter((p) => !/game-[23]-|game-fixed-/.test(p) && !/\.pb(\.gz)?$/.test(p));

describe('the same input in another dress', () => {
  for (const fixture of fixtures) {
    it(relative(samples, fixture), async () => {
      const original = await outcome(fixture);
      const content = fixtureContent(fixture);
      for (const name of VARIANTS) {
        const bytes = mutationNamed(name).apply(content, seededRandom(1));
        if (!bytes) continue;
        const path = join(dir, `${basename(fixture)}-${name}`, basename(fixture));
        mkdirSync(join(path, '..'), { recursive: true });
        writeFileSync(path, bytes);
        const variant = await outcome(path);
        // Without a final newline the file says so (it may have been cut there), and nothing else changes.
        if (name === 'no-final-newline') variant.notices = variant.notices.filter((n) => !/^the last line \(\d+\) has no line end/.test(n));
        expect({ variant: name, ...variant }).toEqual({ variant: name, ...original });
      }
    }, 120_000);
  }
});
