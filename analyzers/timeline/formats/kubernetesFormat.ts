import { boundText, MAX_PROSE_CHARS } from '../../core/boundedText';
import { InputError } from '../../core/inputError';
import type { InputFormat, InputNotice, LoadContext, Loaded } from '../../ingest/capability';
import type { FileSource } from '../../ingest/fileSource';
import { jsonCutNotice, jsonDocumentOf } from '../../ingest/jsonDocument';
import { plural } from '../../core/numberFormat';
import type { ParsedEvent, TimelineArtifact } from '../artifact';
import { parseTimestamp } from '../timeParse';
import { readJsonText } from './jsonDocument';
import { readOomKill } from './kernelLogFormat';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * Event reasons that belong on an incident's timeline (kubelet, node-problem-detector, the eviction
 * manager); other Warning events are alerts, other Normal ones (Scheduled, Pulled, Started) routine.
 */
const REASON_KINDS: Record<string, ParsedEvent['kind']> = {
  OOMKilling: 'oom',
  Evicted: 'restart',
  Killing: 'restart',
  BackOff: 'restart',
  Unhealthy: 'alert',
  SystemOOM: 'oom',
};

/** The container a pod event is about: `spec.containers{game-server}`, else the object's name. */
function eventService(involved: Json): string | undefined {
  const field = /\{([^}]+)\}/.exec(str(involved.fieldPath) ?? '');
  return field?.[1] ?? str(involved.name);
}

/** A core/v1 Event or an events.k8s.io/v1 one (`regarding`, `note`, `deprecated…` times). */
function readEvent(e: Json, file: string): ParsedEvent | 'routine' | undefined {
  const involved = obj(e.involvedObject ?? e.regarding);
  const reason = str(e.reason);
  const message = str(e.message) ?? str(e.note) ?? '';
  const series = obj(e.series);
  const time = [e.firstTimestamp, e.deprecatedFirstTimestamp, e.eventTime, series.lastObservedTime, e.lastTimestamp, obj(e.metadata).creationTimestamp].map(parseTimestamp).find((t) => t);
  if (!reason || !time) return undefined;
  const kind = REASON_KINDS[reason] ?? (e.type === 'Warning' ? 'alert' : undefined);
  if (!kind) return 'routine';
  const count = typeof e.count === 'number' ? e.count : typeof series.count === 'number' ? series.count : 1;
  const what = `${str(involved.kind) ?? 'object'} ${str(involved.namespace) ? `${String(involved.namespace)}/` : ''}${str(involved.name) ?? '?'}`;
  const event: ParsedEvent = {
    atMs: time.ms,
    kind,
    title: boundText(`Kubernetes ${reason}: ${what}${count > 1 ? ` (×${count})` : ''}`),
    detail: boundText(message, MAX_PROSE_CHARS),
    source: file,
  };
  const host = str(obj(e.source).host) ?? str(e.reportingInstance) ?? (involved.kind === 'Node' ? str(involved.name) : undefined);
  // node-problem-detector relays the kernel's own line: its pid and process name are the kernel's.
  const kill = kind === 'oom' ? readOomKill(message) : undefined;
  const service = kill?.name ?? eventService(involved);
  if (service) event.service = boundText(service);
  if (kind === 'oom') event.oom = { by: 'kubernetes', ...(kill ? { pid: kill.pid } : {}), ...(host ? { host } : {}), evidence: kill?.evidence ?? [] };
  return event;
}

/**
 * Terminations a pod's status records: the current one (`state`) and the one before (`lastState`);
 * `unreadable` counts those whose time cannot be read (left out).
 */
function podEvents(pod: Json, file: string): { events: ParsedEvent[]; unreadable: number } {
  const meta = obj(pod.metadata);
  const spec = obj(pod.spec);
  const status = obj(pod.status);
  const podName = `${str(meta.namespace) ? `${String(meta.namespace)}/` : ''}${str(meta.name) ?? '?'}`;
  const node = str(spec.nodeName);
  const limits = new Map((Array.isArray(spec.containers) ? spec.containers : []).map((c) => [str(obj(c).name), str(obj(obj(obj(c).resources).limits).memory)]));
  const out: ParsedEvent[] = [];
  let unreadable = 0;
  const statuses = [status.initContainerStatuses, status.containerStatuses].flatMap((list) => (Array.isArray(list) ? list.map(obj) : []));
  for (const c of statuses) {
    const name = str(c.name) ?? '?';
    const restarts = typeof c.restartCount === 'number' ? c.restartCount : undefined;
    for (const state of [obj(c.lastState).terminated, obj(c.state).terminated].map(obj)) {
      const at = parseTimestamp(state.finishedAt);
      if (!at) {
        if (Object.keys(state).length) unreadable++;
        continue;
      }
      const reason = str(state.reason) ?? 'terminated';
      const oom = reason === 'OOMKilled';
      const limit = limits.get(name);
      const evidence = [
        ...(typeof state.exitCode === 'number' ? [{ label: 'exit code', value: state.exitCode }] : []),
        ...(restarts !== undefined ? [{ label: 'restarts of the container', value: restarts, unit: 'count' as const }] : []),
        ...(limit ? [{ label: 'memory limit', value: limit }] : []),
      ];
      const event: ParsedEvent = {
        atMs: at.ms,
        kind: oom ? 'oom' : 'restart',
        title: boundText(`Kubernetes: container ${name} of pod ${podName} ${oom ? 'OOMKilled' : `terminated (${reason})`}${node ? ` on ${node}` : ''}`),
        detail: evidence.map((e) => `${e.label} ${String(e.value)}`).join(', ') + (str(state.startedAt) ? `; it had run since ${String(state.startedAt)}` : ''),
        source: file,
        service: boundText(name),
      };
      if (oom) event.oom = { by: 'kubernetes', ...(node ? { host: node } : {}), evidence };
      out.push(event);
    }
  }
  return { events: out, unreadable };
}

/**
 * `kubectl get events -o json` and `kubectl get pod(s) -o json`: OOM kills, evictions, restarts and
 * failed probes as events. A pod's status keeps only its last two terminations; the restart count
 * says how many more there were.
 */
async function loadKubernetes(source: FileSource, ctx: LoadContext): Promise<Loaded<TimelineArtifact>> {
  const parsed = jsonDocumentOf(source.name, await readJsonText(source, ctx, 'reading Kubernetes JSON', 'export fewer objects (a namespace, a field selector)'));
  const root = obj(parsed.doc);
  const items = Array.isArray(root.items) ? root.items.map(obj) : [root];
  // A cut list may end inside its last object: that object is not in the file.
  if (parsed.cut && Array.isArray(root.items)) items.pop();
  const events: ParsedEvent[] = [];
  let routine = 0;
  // Left out, with where the first one is: `items[12]`, as jq and kubectl name a list's entries.
  const unreadable = { events: 0, terminations: 0, first: undefined as number | undefined };
  let other = 0;
  for (const [i, item] of items.entries()) {
    const kind = item.kind ?? (item.involvedObject || item.regarding ? 'Event' : item.status ? 'Pod' : undefined);
    if (kind === 'Pod') {
      const pod = podEvents(item, source.name);
      events.push(...pod.events);
      unreadable.terminations += pod.unreadable;
      if (pod.unreadable) unreadable.first ??= i;
    } else if (kind === 'Event') {
      const e = readEvent(item, source.name);
      if (e === 'routine') routine++;
      else if (e) events.push(e);
      else {
        unreadable.events++;
        unreadable.first ??= i;
      }
    } else other++;
  }
  if (events.length === 0 && routine === 0) {
    throw new InputError(source.name, `holds no Kubernetes Events or Pods with a termination${other ? ` (${plural(other, 'object')} of other kinds)` : ''}`, { section: 'items' });
  }
  const notices: InputNotice[] = [{ message: `${plural(events.length, 'Kubernetes event')} on the timeline (OOM kills, evictions, restarts, failed probes)` }];
  if (routine) notices.push({ message: `${plural(routine, 'routine event')} (Scheduled, Pulled, Created, Started…) not drawn` });
  const where = Array.isArray(root.items) ? `, first at items[${unreadable.first}]` : '';
  if (unreadable.terminations) notices.unshift({ message: `${plural(unreadable.terminations, 'container termination')} without a readable finishedAt, left out${where}` });
  if (unreadable.events) notices.unshift({ message: `${plural(unreadable.events, 'event')} without a reason or a readable time, left out${where}` });
  if (other) notices.push({ message: `${plural(other, 'object')} neither Events nor Pods, skipped` });
  if (parsed.cut) notices.unshift(jsonCutNotice(parsed.cut, `the file was cut; read are the ${plural(items.length, 'object')} before the cut`));
  return { artifact: { series: [], events, floatingEvents: [] }, complete: !parsed.cut && unreadable.events + unreadable.terminations === 0, notices };
}

const API_VERSION = /"apiVersion"\s*:\s*"(?:v1|events\.k8s\.io\/v1)"/;
const EVENT_OR_POD = /"kind"\s*:\s*"(?:Event|Pod)"|"involvedObject"\s*:|"containerStatuses"\s*:/;

export const kubernetesFormat: InputFormat<TimelineArtifact> = {
  id: 'kubernetes-json',
  label: 'Kubernetes events / pods JSON (kubectl get … -o json)',
  sniff: (head) => /^\s*\{/.test(head) && API_VERSION.test(head) && EVENT_OR_POD.test(head),
  nearMiss: (head) => {
    if (!/^\s*\{/.test(head) || !/"apiVersion"\s*:/.test(head)) return undefined;
    const kind = /"kind"\s*:\s*"(\w+)"/.exec(head)?.[1];
    return `a Kubernetes ${kind ?? 'object'} without Events or Pods: only \`kubectl get events -o json\` and \`kubectl get pod -o json\` carry OOM kills and restarts`;
  },
  load: loadKubernetes,
};
