import { beforeAll, describe, expect, it } from 'vitest';
import { severityRank } from '../../../../analyzers/core/finding';
import { CASE_TABLES } from '../../../../analyzers/case/caseSchema';
import { queryCase } from '../../../../analyzers/case/queryCase';
import { ALLOC_FILES, HEAP_FILES, realCase } from '../../../../analyzers/case/tests/realCases';
import type { CaseResult } from '../../../../analyzers/case/caseResult';
import { SCHEMA_SQL, SQL_EXAMPLES } from './sqlExamples';

// The console's example buttons must run as written on a real case, or they teach the wrong thing.
let result: CaseResult;
beforeAll(async () => {
  result = await realCase([...HEAP_FILES, ALLOC_FILES[0]]);
});

const example = (label: string) => SQL_EXAMPLES.find((e) => e.label === label)?.sql ?? '';

describe('the SQL console examples over the heap snapshots and an LSan report', () => {
  it('lists findings worst first', async () => {
    const answer = await queryCase(result, example('Findings by severity'));
    const expected = [...result.findings].sort((a, b) => severityRank(b.severity) - severityRank(a.severity)).map((f) => [f.severity, f.title, f.analysis, f.category]);
    expect(answer.rows).toEqual(expected);
  });

  it('lists the evidence of the high and critical findings only', async () => {
    const answer = await queryCase(result, example('Evidence of high findings'));
    const expected = result.findings.filter((f) => f.severity === 'high' || f.severity === 'critical').flatMap((f) => f.evidence.map((e) => [f.title, e.label, e.value, e.unit ?? null]));
    expect(expected.length).toBeGreaterThan(0);
    expect(answer.rows).toEqual(expected);
  });

  it('lists the inputs', async () => {
    const answer = await queryCase(result, example('Inputs'));
    expect(answer.rows).toEqual(result.inputs.map((i) => [i.file, i.formatLabel, i.sizeBytes, i.complete ? 1 : 0]));
  });

  it('reads the leak clusters out of the heap view', async () => {
    const answer = await queryCase(result, example('Leak clusters from the heap view via json_extract'));
    const clusters = result.views.heap?.leaks?.clusters ?? [];
    expect(clusters.length).toBeGreaterThan(0);
    expect(answer.rows).toEqual(clusters.map((c) => [c.className, c.count, c.objectCount, c.retainedBytes, c.signature]));
  });

  it('lists every table of the case schema with its columns', async () => {
    const answer = await queryCase(result, SCHEMA_SQL);
    const tables = new Set(answer.rows.map((r) => r[0]));
    expect(tables).toEqual(new Set(Object.keys(CASE_TABLES)));
    expect(answer.rows.filter((r) => r[0] === 'evidence').map((r) => r[1])).toEqual(['finding_ord', 'ord', 'label', 'value', 'unit']);
  });
});
