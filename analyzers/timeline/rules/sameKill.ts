import type { OomAccount } from '../artifact';
import type { TimelineEvent } from '../view';

/**
 * Inputs that tell one kill stamp it this far apart at most: the kubelet records `finishedAt` when
 * it next syncs the pod, node-problem-detector reads the kernel log on its own period.
 */
export const SAME_KILL_MS = 120_000;

/** One out-of-memory death, with every input's account of it. */
export interface OomKill {
  atMs: TimelineEvent['atMs'];
  /** The service the kill is filed under: Kubernetes' container name when it saw the kill, else the first account's. */
  service: string;
  events: TimelineEvent[];
  accounts: OomAccount[];
}

/**
 * Whether two accounts can be of the same kill. Pids are compared only between accounts of one
 * kind (a containerised process knows itself by its namespace's pid, the kernel by the host's);
 * hosts only between the node-level accounts (a process reports its container's hostname).
 */
function compatible(a: OomAccount | undefined, b: OomAccount | undefined): boolean {
  if (!a || !b) return true;
  if (a.by === b.by && a.pid !== undefined && b.pid !== undefined && a.pid !== b.pid) return false;
  const nodeLevel = a.by !== 'process' && b.by !== 'process';
  return !(nodeLevel && a.host !== undefined && b.host !== undefined && a.host !== b.host);
}

/**
 * The case's OOM events grouped into kills: accounts from different inputs within SAME_KILL_MS of a
 * kill's first account and compatible with each of its accounts are that kill (a file never tells
 * one kill twice). Events without a service (chat lines) are not accounts: they retell a kill.
 */
export function groupOomKills(events: readonly TimelineEvent[], accounts: ReadonlyMap<string, OomAccount> = new Map()): OomKill[] {
  const kills: OomKill[] = [];
  const ooms = events.filter((e) => e.kind === 'oom' && e.service).sort((a, b) => a.atMs - b.atMs);
  for (const e of ooms) {
    const account = accounts.get(e.id);
    const candidates = kills.filter(
      (k) => e.atMs - k.atMs <= SAME_KILL_MS && k.events.every((m) => m.source !== e.source && compatible(accounts.get(m.id), account)),
    );
    const kill = candidates.find((k) => k.events.some((m) => m.service === e.service)) ?? candidates[0];
    if (!kill) {
      kills.push({ atMs: e.atMs, service: e.service ?? '', events: [e], accounts: account ? [account] : [] });
      continue;
    }
    kill.events.push(e);
    if (account) kill.accounts.push(account);
    if (account?.by === 'kubernetes' && e.service) kill.service = e.service;
  }
  return kills;
}
