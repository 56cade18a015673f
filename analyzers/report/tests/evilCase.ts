import type { ReportEdits } from '../../case/reportEdits';
import type { CaseResult } from '../../case/caseResult';
import { stampedeIncident } from './syntheticIncidents';

/** Strings a crafted dump, metrics file or chat log could carry, meant to run script or break the layout. */
export const PAYLOADS = [
  '<script>alert("x")</script>',
  '<img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '" onmouseover="alert(1)',
  "' onfocus='alert(1)",
  ']]><script>alert(2)</script>',
  '[click me](javascript:alert(3))',
  '![pixel](http://evil.example/p.png)',
  '</svg></table><script>alert(4)</script>',
  '<!-- unclosed comment',
  'a | b | c',
  'line one\n# Injected heading\n<script>alert(5)</script>',
];

const evil = (i: number) => `${PAYLOADS[i % PAYLOADS.length]} #${i}`;
/** For the strings that also land in SVG attributes (aria-label) and `<title>`s: every payload at once. */
const ALL = PAYLOADS.join(' ');

/**
 * The stampede case with every input-derived string replaced by a payload: file names, series and
 * event names, detection labels, finding ids, titles, details, evidence, paths and fixes.
 */
export function evilCase(): CaseResult {
  const c = stampedeIncident();
  let n = 0;
  const next = () => evil(n++);
  const timeline = c.views.timeline;
  if (!timeline) throw new Error('stampede case has a timeline');
  const findingIds = new Map(c.findings.map((f) => [f.id, `${f.id}"><script>alert(6)</script>`]));
  return {
    ...c,
    inputs: c.inputs.map((i) => ({ ...i, file: next(), notices: [{ message: next() }] })),
    failures: [{ file: next(), message: next() }],
    findings: c.findings.map((f) => ({
      ...f,
      id: findingIds.get(f.id) ?? f.id,
      analysis: next(),
      title: next(),
      detail: next(),
      evidence: [
        { label: next(), value: next() },
        { label: next(), value: 42, unit: 'ms' },
      ],
      paths: [{ label: next(), steps: PAYLOADS.map((_, i) => evil(i)) }],
      suggestedFix: next(),
      sources: [next()],
    })),
    views: {
      timeline: {
        ...timeline,
        files: timeline.files.map(() => next()),
        series: timeline.series.map((s) => ({ ...s, name: `${ALL} ${next()}`, source: next(), labels: { host: next() } })),
        events: [
          ...timeline.events.map((e) => ({ ...e, title: next(), detail: next(), source: next() })),
          ...PAYLOADS.map((p, i) => ({ id: `evil-${i}`, atMs: timeline.series[0].t[100 + i], kind: 'note' as const, title: p, detail: p, source: p })),
        ],
        detections: timeline.detections.map((d) => ({ ...d, label: `${ALL} ${next()}`, findingId: findingIds.get(d.findingId) ?? d.findingId })),
      },
    },
  };
}

export function evilEdits(noteKey: string): ReportEdits {
  return {
    title: PAYLOADS[0],
    summary: PAYLOADS.join('\n\n'),
    fiveWhys: PAYLOADS.slice(0, 5),
    actionItems: PAYLOADS.slice(0, 4).map((p, i) => ({ text: p, owner: PAYLOADS[i + 4], priority: PAYLOADS[i + 8] })),
    timelineNotes: { [noteKey]: PAYLOADS[8] },
  };
}
