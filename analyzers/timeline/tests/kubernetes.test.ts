import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCase } from '../../pipeline/runCase';
import { quietContext } from '../../ingest/tests/loadForTest';
import { INCIDENTS, incidentFiles, load, loadText, tempFile } from './helpers';

const CLUSTER = join(INCIDENTS, 'memory-leak-cluster');
const events = join(CLUSTER, 'events.json');
const pods = join(CLUSTER, 'pods.json');
const kill = (h: number, m: number, s: number) => Date.UTC(2026, 2, 15, h, m, s);

describe('kubectl get events -o json', () => {
  it('puts OOM kills, evictions and failed probes on the timeline and counts the routine events', async () => {
    const loaded = await load(events);
    expect(loaded.formatId).toBe('kubernetes-json');
    expect(loaded.complete).toBe(true);
    const byKind = (k: string) => loaded.artifact.events.filter((e) => e.kind === k);
    expect(byKind('oom').map((e) => [e.atMs, e.service, e.oom?.pid, e.oom?.host])).toEqual([
      [kill(18, 30, 12), 'game-server', 1234, 'game-1'],
      [kill(19, 2, 40), 'game-server', 2231, 'game-2'],
      [kill(19, 32, 5), 'game-server', 1877, 'game-3'],
    ]);
    // node-problem-detector relays the kernel's line: its anon-rss is the kernel's.
    expect(byKind('oom')[0].oom?.evidence).toContainEqual({ label: 'anon-rss', value: 8136948 * 1024, unit: 'bytes' });
    expect(byKind('alert').map((e) => e.title)).toEqual(['Kubernetes Unhealthy: Pod default/game-server-6d8f9c7b5-k2x7p (×14)']);
    expect(byKind('restart').map((e) => e.service)).toEqual(['analytics-agent-5c7d9f6b8-hh2lm']);
    expect(loaded.notices.map((n) => n.message)).toContain('2 routine events (Scheduled, Pulled, Created, Started…) not drawn');
  });

  it('reads events.k8s.io/v1 events (regarding, note, series) too', async () => {
    const doc = JSON.parse(readFileSync(events, 'utf8')) as { items: Record<string, unknown>[] };
    const e = doc.items[1];
    const v1 = { apiVersion: 'events.k8s.io/v1', kind: 'Event', eventTime: e.firstTimestamp, regarding: e.involvedObject, note: e.message, reason: e.reason, type: e.type, reportingInstance: 'game-1' };
    const loaded = await loadText('event.json', JSON.stringify(v1));
    expect(loaded.artifact.events.map((x) => [x.kind, x.atMs, x.oom?.pid])).toEqual([['oom', kill(18, 30, 12), 1234]]);
  });
});

describe('kubectl get pods -o json', () => {
  it("turns each container's last termination into an event: OOMKilled with exit code, restarts and the limit", async () => {
    const loaded = await load(pods);
    expect(loaded.formatId).toBe('kubernetes-json');
    const ooms = loaded.artifact.events.filter((e) => e.kind === 'oom');
    expect(ooms.map((e) => [e.atMs, e.oom?.host])).toEqual([
      [kill(18, 30, 13), 'game-1'],
      [kill(19, 2, 41), 'game-2'],
      [kill(19, 32, 6), 'game-3'],
    ]);
    expect(ooms[0].title).toBe('Kubernetes: container game-server of pod default/game-server-6d8f9c7b5-k2x7p OOMKilled on game-1');
    expect(ooms[0].oom?.evidence).toEqual([
      { label: 'exit code', value: 137 },
      { label: 'restarts of the container', value: 1, unit: 'count' },
      { label: 'memory limit', value: '8Gi' },
    ]);
  });

  it('a termination whose finishedAt is damaged is left out and told with its item, the file incomplete', async () => {
    const doc = JSON.parse(readFileSync(pods, 'utf8')) as { items: { status: { containerStatuses: { lastState: { terminated?: { finishedAt: string } } }[] } }[] };
    const i = doc.items.findIndex((p) => p.status.containerStatuses.some((c) => c.lastState.terminated));
    const terminated = doc.items[i].status.containerStatuses.find((c) => c.lastState.terminated)!.lastState.terminated!;
    terminated.finishedAt = terminated.finishedAt.replace(/^2026/, '2O26');
    const loaded = await loadText('pods.json', JSON.stringify(doc, null, 2));
    expect(loaded.complete).toBe(false);
    expect(loaded.notices.map((n) => n.message)).toContain(`1 container termination without a readable finishedAt, left out, first at items[${i}]`);
    expect(loaded.artifact.events.filter((e) => e.kind === 'oom')).toHaveLength(2);
  });

  it('an event whose times are all damaged is left out and told with its item', async () => {
    const doc = JSON.parse(readFileSync(events, 'utf8')) as { items: Record<string, unknown>[] };
    const i = doc.items.findIndex((e) => e.reason === 'OOMKilling');
    for (const key of ['firstTimestamp', 'lastTimestamp', 'eventTime']) if (typeof doc.items[i][key] === 'string') doc.items[i][key] = 'yesterday';
    (doc.items[i].metadata as Record<string, unknown>).creationTimestamp = 'yesterday';
    const loaded = await loadText('events.json', JSON.stringify(doc, null, 2));
    expect(loaded.complete).toBe(false);
    expect(loaded.notices.map((n) => n.message)).toContain(`1 event without a reason or a readable time, left out, first at items[${i}]`);
  });

  it('reads one pod (kubectl get pod NAME -o json)', async () => {
    const doc = JSON.parse(readFileSync(pods, 'utf8')) as { items: unknown[] };
    const loaded = await loadText('pod.json', JSON.stringify(doc.items[1], null, 2));
    expect(loaded.artifact.events.map((e) => e.atMs)).toEqual([kill(19, 2, 41)]);
  });
});

describe('one kill, three accounts (and the alerts before it)', () => {
  it('the kernel line, the OOMKilling event and the OOMKilled pod status of each kill are one kill in the OOM finding', async () => {
    const result = await runCase([...incidentFiles('memory-leak'), events, pods, join(CLUSTER, 'alerts.prometheus.json')], { ...quietContext(), options: { anchorDate: '2026-03-14' } });
    expect(result.failures).toEqual([]);
    const ooms = result.findings.filter((f) => f.category === 'oom');
    expect(ooms).toHaveLength(1);
    expect(ooms[0].impact.oomKills).toBe(3);
    expect(ooms[0].title).toMatch(/^game-server killed by the OOM killer 3 times/);
    expect(ooms[0].detail).toContain('Each kill is one event told by the kernel log, Kubernetes.');
    expect(ooms[0].sources).toEqual(expect.arrayContaining(['kern.log', 'events.json', 'pods.json']));
    const growth = result.findings.find((f) => f.category === 'memory-growth')!;
    expect(growth.evidence.find((e) => e.label === 'OOM kills')?.value).toBe(3);
    // The alerts of one service's three hosts are not a cascade.
    expect(result.findings.some((f) => f.category === 'cascade')).toBe(false);
    expect(result.views.timeline?.events.filter((e) => e.kind === 'alert' && e.title.startsWith('Alert GameServerMemoryHigh'))).toHaveLength(3);
  });

  it('kills of different nodes at the same moment stay two kills', async () => {
    const doc = JSON.parse(readFileSync(pods, 'utf8')) as { items: { status: { containerStatuses: { lastState: { terminated: { finishedAt: string } } }[] } }[] };
    doc.items[1].status.containerStatuses[0].lastState.terminated.finishedAt = '2026-03-15T18:30:13Z';
    const moved = tempFile('pods.json', JSON.stringify(doc));
    const result = await runCase([join(INCIDENTS, 'memory-leak', 'kern.log'), moved], { ...quietContext(), options: {} });
    expect(result.findings.find((f) => f.category === 'oom')?.impact.oomKills).toBe(4);
  });
});

describe('bad Kubernetes input', () => {
  it('a cut events list keeps the events before the cut and says so', async () => {
    const text = readFileSync(events, 'utf8');
    const loaded = await loadText('events.json', text.slice(0, Math.floor(text.length * 0.5)));
    expect(loaded.complete).toBe(false);
    expect(loaded.notices[0].message).toMatch(/^the JSON ends early at byte \d{1,3}(?:,\d{3})* \(line \d+\): the file was cut/);
    expect(loaded.artifact.events.length).toBeGreaterThan(0);
  });

  it('a Deployment is named as a near miss, not read as nothing', async () => {
    const result = await runCase([tempFile('deploy.json', JSON.stringify({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'game-server' } }))], { ...quietContext(), options: {} });
    expect(result.failures[0].message).toMatch(/deploy\.json: is not a recognised input: it looks like Kubernetes events \/ pods JSON .* but a Kubernetes Deployment without Events or Pods/);
  });

  it('a list of pods that never terminated has nothing for the timeline and says what it holds', async () => {
    const doc = JSON.parse(readFileSync(pods, 'utf8')) as { items: { status: { containerStatuses: { lastState: object }[] } }[] };
    for (const p of doc.items) p.status.containerStatuses[0].lastState = {};
    await expect(loadText('pods.json', JSON.stringify(doc))).rejects.toThrow(/pods\.json: holds no Kubernetes Events or Pods with a termination/);
  });

  it('an events list whose items are of the wrong type is refused with the reason', async () => {
    await expect(loadText('events.json', '{"apiVersion":"v1","kind":"List","items":[{"kind":"Event","involvedObject":{},"reason":7}]}')).rejects.toThrow(/holds no Kubernetes Events or Pods/);
  });
});
