import { beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../../../analyzers/core/finding';
import { bytes } from '../../../../analyzers/core/units';
import { buildReport } from '../../../../analyzers/report/buildReport';
import { analyze, heapSnapshots, incidentFiles } from '../../../../analyzers/report/tests/caseFixtures';
import { capabilityOfFinding, filterFindings, groupFindings } from './findingGroups';

let findings: Finding[];
let report: ReturnType<typeof buildReport>;
beforeAll(async () => {
  const result = await analyze([...incidentFiles('memory-leak'), ...heapSnapshots()], { anchorDate: '2026-03-14', memoryLimitBytes: bytes(8 * 2 ** 30) });
  findings = result.findings;
  report = buildReport(result);
}, 120_000);

const NO_FILTER = { severities: new Set<never>(), query: '' };

describe('findings grouped by problem, as the RCA groups them', () => {
  it('puts each root-cause chain of the report first, anchor first, and every finding exactly once', () => {
    const groups = groupFindings(findings, findings, 'problem', report);
    const cause = report.rootCauses[0];
    expect(groups[0].label).toBe(`${cause.label}: ${cause.finding.title}`);
    expect(groups[0].findings[0].title).toBe(cause.finding.title);
    expect(groups[0].findings.map((f) => f.title)).toEqual(cause.evidence.map((e) => e.title));
    const listed = groups.flatMap((g) => g.findings);
    expect(listed).toHaveLength(findings.length);
    expect(new Set(listed).size).toBe(findings.length);
  });

  it('keeps a finding in its problem whatever the filter, and filters by severity, capability, source and words', () => {
    const high = filterFindings(findings, { ...NO_FILTER, severities: new Set(['high', 'critical']) });
    expect(high.length).toBeGreaterThan(0);
    expect(high.length).toBeLessThan(findings.length);
    expect(high.every((f) => f.severity === 'high' || f.severity === 'critical')).toBe(true);
    const grouped = groupFindings(findings, high, 'problem', report);
    expect(grouped[0].label).toBe(groupFindings(findings, findings, 'problem', report)[0].label);

    const heap = filterFindings(findings, { ...NO_FILTER, capability: 'heap' });
    expect(heap.length).toBeGreaterThan(0);
    expect(heap.every((f) => capabilityOfFinding(f) === 'heap')).toBe(true);

    const source = findings[0].sources[0];
    expect(filterFindings(findings, { ...NO_FILTER, source }).every((f) => f.sources.includes(source))).toBe(true);

    const guild = filterFindings(findings, { ...NO_FILTER, query: 'guild MEMBERS' });
    expect(guild.length).toBeGreaterThan(0);
    expect(guild.length).toBeLessThan(findings.length);
    expect(filterFindings(findings, { ...NO_FILTER, query: 'no-such-word-anywhere' })).toEqual([]);
  });

  it('groups by capability or category when asked, most severe group first', () => {
    const byCapability = groupFindings(findings, findings, 'capability', report);
    expect(new Set(byCapability.map((g) => g.label))).toEqual(new Set(findings.map(capabilityOfFinding)));
    for (const g of byCapability) expect(g.findings.every((f) => capabilityOfFinding(f) === g.label)).toBe(true);
    expect(groupFindings(findings, [], 'category', report)).toEqual([]);
  });
});
