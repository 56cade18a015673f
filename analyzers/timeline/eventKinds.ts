import type { ParsedEvent } from './artifact';

type EventKind = ParsedEvent['kind'];

const NAMED: Record<string, EventKind> = {
  deploy: 'deploy', deployment: 'deploy', release: 'deploy', rollout: 'deploy', rollback: 'deploy',
  alert: 'alert', alarm: 'alert', page: 'alert', incident: 'alert',
  restart: 'restart', reboot: 'restart', crash: 'restart',
  config: 'config', 'config change': 'config', config_change: 'config', configuration: 'config', flag: 'config', feature_flag: 'config',
  note: 'note', comment: 'note', annotation: 'note',
  oom: 'oom', 'oom-kill': 'oom', oom_kill: 'oom',
};

/** An events file's `kind` field, in the words tools use; undefined for a kind we do not know. */
export function eventKindOf(text: string): EventKind | undefined {
  return NAMED[text.trim().toLowerCase()];
}

/** What a chat line is about, guessed from its words; most lines are notes. */
export function eventKindFromText(text: string): EventKind {
  const t = text.toLowerCase();
  if (/\boom\b|out of memory|oom[- ]kill/.test(t)) return 'oom';
  if (/\b(deploy(ed|ing)?|rolled out|roll(ed)? ?back|release[sd]?)\b/.test(t)) return 'deploy';
  if (/\b(alert|paged|page)\b/.test(t)) return 'alert';
  if (/\brestart(ed)?\b|\breboot(ed)?\b/.test(t)) return 'restart';
  if (/\b(config|configuration|feature flag|flag|setting|set to)\b/.test(t)) return 'config';
  return 'note';
}
