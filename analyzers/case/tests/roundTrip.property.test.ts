/**
 * Issue 15, item 6: whatever text a user types into the report and whatever names an input
 * carried, a saved case reopens as it was saved. fast-check writes edits and finding text of any
 * Unicode (quotes, SQL, newlines, emoji, U+0000) through the hosts' validation into a case file.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseExportRequest } from '../../app/api/parseExportRequest';
import { readCaseFile, writeCaseFile } from '../caseFile';
import { ALLOC_FILES, realCase } from './realCases';

const text = fc.string({ unit: 'binary', maxLength: 200 });

const edits = fc.record(
  {
    title: text,
    summary: text,
    fiveWhys: fc.array(text, { maxLength: 5 }),
    actionItems: fc.array(fc.record({ text, owner: text, priority: text }), { maxLength: 4 }),
    timelineNotes: fc.dictionary(fc.string({ minLength: 1, maxLength: 30 }), text, { maxKeys: 4 }),
  },
  { requiredKeys: [] },
);

describe('a saved case round-trips any text', () => {
  it('report edits and finding text of any Unicode reopen exactly', async () => {
    const analysed = await realCase(ALLOC_FILES.slice(0, 1));
    await fc.assert(
      fc.asyncProperty(edits, text, text, async (candidate, title, step) => {
        const checked = parseExportRequest({ jobId: 'job-1', format: 'case', content: 'report', edits: candidate });
        fc.pre(!('error' in checked));
        if ('error' in checked) return;
        const result = structuredClone(analysed);
        result.findings[0].title = title;
        result.findings[0].paths = [{ label: title, steps: [step, title] }];
        const saved = checked.request.edits ?? {};
        const reopened = await readCaseFile(await writeCaseFile(result, saved), 'saved.aftermath');
        expect(reopened.result).toStrictEqual(result);
        expect(reopened.edits).toStrictEqual(saved);
      }),
      { numRuns: 40, seed: 15 },
    );
  }, 120_000);
});
