import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/inputError';
import { compileFoldingRules } from '../frameFolding';
import { findReferenceCycle } from '../referenceCycles';
import type { LeakKind, LeakReport } from '../model';
import { fixtureText, load, loadReport, tempFile } from './fixtures';

/** `==PID==    definitely lost: 816 bytes in 6 blocks` from the text log of the same run. */
function leakSummary(textLog: string, label: string): { bytes: number; blocks: number } {
  const m = new RegExp(`${label}: ([\\d,]+) bytes in ([\\d,]+) blocks`).exec(textLog);
  if (!m) throw new Error(`no "${label}" in LEAK SUMMARY`);
  return { bytes: Number(m[1].replace(/,/g, '')), blocks: Number(m[2].replace(/,/g, '')) };
}

function sumKind(report: LeakReport, kind: LeakKind) {
  const rs = report.records.filter((r) => r.kind === kind);
  return { bytes: rs.reduce((s, r) => s + r.bytes, 0), blocks: rs.reduce((s, r) => s + r.blocks, 0) };
}

describe('Valgrind memcheck XML (valgrind 3.19, --leak-check=full --show-leak-kinds=all)', () => {
  it('matches the LEAK SUMMARY of the text log, counting clique leaders without their indirect bytes', async () => {
    for (const run of ['valgrind_leaky', 'valgrind_fixed']) {
      const { report, complete, formatId } = await loadReport(`${run}.xml`);
      const text = fixtureText(`${run}.txt`);
      expect(formatId).toBe('alloc.valgrind-xml');
      expect(complete).toBe(true);
      expect(sumKind(report, 'direct')).toEqual(leakSummary(text, 'definitely lost'));
      expect(sumKind(report, 'indirect')).toEqual(leakSummary(text, 'indirectly lost'));
      expect(sumKind(report, 'reachable')).toEqual(leakSummary(text, 'still reachable'));
    }
  });

  it('keeps leakedbytes = direct + owned indirect on each definitely-lost record', async () => {
    const xml = fixtureText('valgrind_leaky.xml');
    const leaked = [...xml.matchAll(/<kind>Leak_DefinitelyLost<\/kind>\s*<xwhat>\s*<text>[^<]*<\/text>\s*<leakedbytes>(\d+)<\/leakedbytes>/g)].map((m) => Number(m[1]));
    const { report } = await loadReport('valgrind_leaky.xml');
    const direct = report.records.filter((r) => r.kind === 'direct');
    expect(direct.map((r) => r.bytes + (r.ownedIndirectBytes ?? 0))).toEqual(leaked);
    expect(direct.some((r) => (r.ownedIndirectBytes ?? 0) > 0)).toBe(true);
  });

  it('sees the Player clique as an ownership cycle in the leaky run and none in the fixed run', async () => {
    const classifier = compileFoldingRules();
    const leaky = findReferenceCycle((await loadReport('valgrind_leaky.xml')).report, classifier);
    expect(leaky?.signature).toBe('valgrind-clique');
    expect(leaky?.types[0]).toBe('Player');
    expect(leaky?.viaSharedPtr).toBe(true);
    expect(findReferenceCycle((await loadReport('valgrind_fixed.xml')).report, classifier)).toBeUndefined();
  });

  it('keeps the records before the cut of a truncated file and marks it incomplete', async () => {
    const { report, complete, notices } = await loadReport('valgrind_truncated.xml');
    expect(complete).toBe(false);
    expect(report.records.length).toBe(3);
    expect(notices[0].message).toMatch(/stops being readable at line \d+ .*unclosed tag/);
  });

  it('a damaged entity inside the document is damage inside it (incomplete, with its line), not text outside it', async () => {
    const text = fixtureText('valgrind_leaky.xml');
    const at = text.indexOf('&lt;Player&gt;', text.length / 2);
    const line = text.slice(0, at).split('\n').length;
    const { complete, notices } = await load(tempFile('flipped.xml', `${text.slice(0, at)}&lT;${text.slice(at + 4)}`));
    expect(complete).toBe(false);
    expect(notices[0]).toMatchObject({ line, message: expect.stringMatching(new RegExp(`^the XML stops being readable at line ${line} \\(an entity \\(&…;\\) that XML does not define\\): truncated or corrupt; \\d+ leak records read before it$`)) as string });
  });

  it('refuses an XML file followed by another tool\'s output', async () => {
    const mixed = fixtureText('valgrind_fixed.xml') + fixtureText('lsan_fixed.txt');
    await expect(load(tempFile('mixed.xml', mixed))).rejects.toThrow(InputError);
    await expect(load(tempFile('mixed.xml', mixed))).rejects.toThrow(/mixes formats or has text outside the Valgrind XML document/);
  });
});
