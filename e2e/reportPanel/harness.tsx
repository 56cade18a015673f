import { createRoot } from 'react-dom/client';
import type { ExportRequest } from '../../analyzers/app/api/appApi';
import type { CaseResult } from '../../analyzers/case/caseResult';
import { ReportPanel } from '../../renderer/src/views/report/ReportPanel';
import { stubApi } from '../../renderer/src/views/report/stubApi';
import { useReportEdits } from '../../renderer/src/useReportEdits';
import '../../renderer/src/styles.css';

/** Mounts ReportPanel alone, on the case the test put in `window.caseResult`, with an API that records exports. */
declare global {
  interface Window {
    caseResult: CaseResult;
    exportRequests: ExportRequest[];
  }
}

window.exportRequests = [];
const api = stubApi('browser', async (request) => {
  window.exportRequests.push(request);
  return { status: 'saved', name: `report.${request.format}` };
});
const root = document.getElementById('root');

/** The app keeps the edits in the case session; the harness does the same with the same hook. */
function Harness() {
  const editing = useReportEdits(api, window.caseResult.reportEdits);
  return <ReportPanel result={window.caseResult} api={api} jobId="job-1" editing={editing} />;
}

if (root) createRoot(root).render(<Harness />);
