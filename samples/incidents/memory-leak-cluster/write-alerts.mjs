// Writes alerts.prometheus.json: the answer Prometheus' HTTP API gives to
//   GET /api/v1/query_range?query=ALERTS{job="game-server"} or ALERTS_FOR_STATE{job="game-server"}
//       &start=2026-03-15T16:00:00Z&end=2026-03-15T20:00:00Z&step=60
// for the memory-leak incident. Typed from the Prometheus documentation (HTTP API, "Range queries";
// alerting rules: ALERTS{alertstate="pending"|"firing"} is 1 while the alert is in that state,
// ALERTS_FOR_STATE holds the Unix time the alert became active), since no Prometheus runs here.
// Run: node samples/incidents/memory-leak-cluster/write-alerts.mjs
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const at = (hhmm) => Date.UTC(2026, 2, 15, Number(hhmm.slice(0, 2)), Number(hhmm.slice(3))) / 1000;
const minutes = (from, to) => Array.from({ length: (at(to) - at(from)) / 60 + 1 }, (_, i) => at(from) + i * 60);

// alertname, instance, for-duration start (pending), firing start, resolved after (last firing sample)
const ALERTS = [
  ['GameServerMemoryHigh', 'game-1:9100', 'warning', '17:20', '17:30', '18:30'],
  ['GameServerMemoryHigh', 'game-2:9100', 'warning', '17:52', '18:02', '19:02'],
  ['GameServerMemoryHigh', 'game-3:9100', 'warning', '18:22', '18:32', '19:32'],
  // GC pauses pushed P99 up on game-2 for three minutes: pending, never fired (for: 5m).
  ['GameServerP99High', 'game-2:9100', 'page', '18:40', undefined, '18:43'],
];

const result = [];
for (const [alertname, instance, severity, pending, firing, end] of ALERTS) {
  const labels = { alertname, instance, job: 'game-server', severity };
  const pendingTo = firing ? minutes(pending, firing).slice(0, -1) : minutes(pending, end);
  result.push({ metric: { __name__: 'ALERTS', ...labels, alertstate: 'pending' }, values: pendingTo.map((t) => [t, '1']) });
  if (firing) result.push({ metric: { __name__: 'ALERTS', ...labels, alertstate: 'firing' }, values: minutes(firing, end).map((t) => [t, '1']) });
  result.push({ metric: { __name__: 'ALERTS_FOR_STATE', ...labels }, values: minutes(pending, end).map((t) => [t, String(at(pending))]) });
}
// Prometheus sorts a matrix by its label sets.
const key = (r) => JSON.stringify(Object.entries(r.metric).sort());
result.sort((a, b) => (key(a) < key(b) ? -1 : 1));
writeFileSync(join(import.meta.dirname, 'alerts.prometheus.json'), JSON.stringify({ status: 'success', data: { resultType: 'matrix', result } }) + '\n');
