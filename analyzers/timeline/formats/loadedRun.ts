import type { InputNotice, Loaded } from '../../ingest/capability';
import type { TimelineArtifact } from '../artifact';
import type { LoadTestRun } from '../loadTest';

/** What a load-test format yields: the run, no series or events of its own (the timeline draws them from the steps). */
export const loadedRun = (run: LoadTestRun, complete: boolean, notices: InputNotice[]): Loaded<TimelineArtifact> => ({
  artifact: { series: [], events: [], floatingEvents: [], loadTests: [run] },
  complete,
  notices,
});
