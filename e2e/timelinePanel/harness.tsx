import { createRoot } from 'react-dom/client';
import type { CaseResult } from '../../analyzers/case/caseResult';
import { TimelinePanel } from '../../renderer/src/views/timeline/TimelinePanel';
import '../../renderer/src/styles.css';

/** Mounts TimelinePanel alone on the case the test put in `window.caseResult`. */
declare global {
  interface Window {
    caseResult: CaseResult;
    pwned?: number;
  }
}

const root = document.getElementById('root');
const view = window.caseResult.views.timeline;
if (root && view) createRoot(root).render(<TimelinePanel view={view} findings={window.caseResult.findings} />);
