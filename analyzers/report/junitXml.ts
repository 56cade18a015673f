import { severityRank, type Finding, type Severity } from '../core/finding';
import type { GateResult } from '../case/saved/regression';
import { regressionSection } from './regressionSection';

/** XML 1.0 text: the five entities, and the control characters XML cannot hold at all dropped. */
function xml(text: string): string {
  return text
    // XML 1.0 cannot carry these code points even escaped: dropped rather than making the file unreadable.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

interface TestCase {
  classname: string;
  name: string;
  failure?: { message: string; body: string };
  skipped?: string;
}

function suite(name: string, cases: readonly TestCase[]): string {
  const failures = cases.filter((c) => c.failure).length;
  const skipped = cases.filter((c) => c.skipped).length;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xml(name)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}">`,
    `  <testsuite name="${xml(name)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}">`,
  ];
  for (const c of cases) {
    const open = `    <testcase classname="${xml(c.classname)}" name="${xml(c.name)}"`;
    if (c.failure) lines.push(`${open}>`, `      <failure message="${xml(c.failure.message)}">${xml(c.failure.body)}</failure>`, '    </testcase>');
    else if (c.skipped) lines.push(`${open}>`, `      <skipped message="${xml(c.skipped)}"/>`, '    </testcase>');
    else lines.push(`${open}/>`);
  }
  lines.push('  </testsuite>', '</testsuites>', '');
  return lines.join('\n');
}

/** One test case per compared figure; a regression is a failure with its numbers and test. */
export function gateJUnit(gate: GateResult): string {
  const rows = regressionSection(gate).rows;
  return suite(
    'aftermath gate',
    rows.map((r) => ({
      classname: `aftermath.gate.${r.id.split('.')[0]}`,
      name: r.label,
      ...(r.status === 'regressed' && { failure: { message: `${r.label}: ${r.change} (limit ${r.limit})`, body: `${r.reason}\nfrom ${r.sources.join(', ')}` } }),
    })),
  );
}

/**
 * One test case per finding for `analyze --fail-on`: a finding at or above the level fails, the
 * others pass (they are reported, not blocking).
 */
export function findingsJUnit(findings: readonly Finding[], failOn: Severity | undefined): string {
  return suite(
    'aftermath analyze',
    findings.map((f) => ({
      classname: `aftermath.${f.analysis}`,
      name: `${f.id}: ${f.title}`,
      ...(failOn !== undefined &&
        severityRank(f.severity) >= severityRank(failOn) && { failure: { message: `${f.severity}: ${f.title}`, body: `${f.detail}\n\nSuggested fix: ${f.suggestedFix}\nfrom ${f.sources.join(', ')}` } }),
    })),
  );
}
