import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../buildReport';
import { htmlReport } from '../htmlReport';
import { jsonReport, REPORT_SCHEMA_ID } from '../jsonReport';
import { markdownReport } from '../markdownReport';
import { escapeMarkdown } from '../markdownText';
import { REPORT_SCHEMA_VERSION, type RcaReport } from '../reportModel';
import { analyze, heapSnapshots } from './caseFixtures';
import { leakIncident, lockIncident, stampedeIncident } from './syntheticIncidents';

const schema = JSON.parse(readFileSync(join(__dirname, '..', 'rcaReport.schema.json'), 'utf8')) as Record<string, unknown>;
const SECTIONS = ['Summary', 'Impact', 'Detection', 'Timeline', 'Root cause', 'Contributing factors', 'Five whys', 'Action items', 'Appendix: raw numbers'];

let reports: { name: string; report: RcaReport }[];
beforeAll(async () => {
  const heap = await analyze(heapSnapshots());
  reports = [
    { name: 'heap snapshots', report: buildReport(heap) },
    { name: 'leak with timeline', report: buildReport(leakIncident(heap.findings)) },
    { name: 'stampede', report: buildReport(stampedeIncident()) },
    { name: 'lock contention', report: buildReport(lockIncident(), { title: 'Edited', actionItems: [{ text: 'x', owner: 'bob', priority: 'later' }] }) },
  ];
});

describe('JSON export', () => {
  it('validates against the versioned JSON Schema and round-trips to the model', () => {
    const validate = new Ajv({ allErrors: true }).compile(schema);
    for (const { name, report } of reports) {
      const parsed = JSON.parse(jsonReport(report)) as Record<string, unknown>;
      const valid = validate(parsed);
      expect(validate.errors ?? [], name).toEqual([]);
      expect(valid).toBe(true);
      expect(parsed.$schema).toBe(REPORT_SCHEMA_ID);
      expect(parsed.schemaVersion).toBe(REPORT_SCHEMA_VERSION);
      const { $schema: _, ...model } = parsed;
      expect(model).toEqual(JSON.parse(JSON.stringify(report)));
    }
  });

  it('is rejected by the schema when a required section is missing (the schema checks something)', () => {
    const validate = new Ajv().compile(schema);
    const { rootCauses: _, ...broken } = JSON.parse(jsonReport(reports[0].report)) as Record<string, unknown>;
    expect(validate(broken)).toBe(false);
    expect(validate({ ...broken, rootCauses: [], schemaVersion: 2 })).toBe(false);
  });
});

describe('Markdown export', () => {
  it('has every section, the root cause and each action item', () => {
    for (const { report } of reports) {
      const md = markdownReport(report);
      for (const s of SECTIONS) expect(md).toMatch(new RegExp(`^## ${s}`, 'm'));
      expect(md.split('\n')[0]).toMatch(/^# /);
      for (const a of report.actionItems) expect(md).toContain(`| ${escapeMarkdown(a.text)} | ${escapeMarkdown(a.owner || '(unassigned)')} | ${escapeMarkdown(a.priority)} |`);
      expect(md).toContain(`### 1. ${report.rootCauses[0].label}`);
      expect(md).toContain(escapeMarkdown(report.rootCauses[0].finding.title));
    }
  });
});

describe('HTML export', () => {
  it('is one file with inline CSS, a script-free CSP, no external reference and print rules', () => {
    for (const { report } of reports) {
      const html = htmlReport(report);
      expect(html).toMatch(/^<!DOCTYPE html>/);
      expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;`);
      expect(html).toContain('@media print');
      expect(html).not.toMatch(/<script|<link|<img|<iframe|src=|url\(/i);
      expect(html.match(/href="([^"]*)"/g)?.every((h) => h.startsWith('href="#')) ?? true).toBe(true);
      for (const s of SECTIONS) expect(html).toContain(`<h2>${s}`);
    }
  });

  it('draws one SVG chart per metric with a line, markers for events and bands for detections', () => {
    const { report } = reports[1];
    const html = htmlReport(report);
    const svgs = html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
    expect(svgs).toHaveLength(report.charts?.charts.length ?? -1);
    for (const svg of svgs) {
      const d = /<path class="series" d="([^"]+)"/.exec(svg)?.[1] ?? '';
      expect(d.split('L').length).toBeGreaterThan(10);
      expect(svg.match(/class="marker"/g)?.length).toBe(report.charts?.markers.length);
      expect(svg.match(/class="band"/g)?.length).toBe(report.charts?.bands.length);
    }
    // Links from the timeline and the cause go to appendix entries that exist.
    const ids = new Set([...html.matchAll(/id="([^"]+)"/g)].map((m) => m[1]));
    for (const m of html.matchAll(/href="#([^"]+)"/g)) expect(ids).toContain(m[1]);
  });
});
