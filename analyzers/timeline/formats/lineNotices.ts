import type { InputNotice } from '../../ingest/capability';
import type { LineTally } from '../../ingest/lineTally';

/** One notice per tally that counted something; `what` completes "N lines <what>". */
export function tallyNotices(...tallies: [LineTally, string][]): InputNotice[] {
  return tallies.flatMap(([tally, what]) => {
    const notice = tally.notice(what);
    return notice ? [notice] : [];
  });
}
