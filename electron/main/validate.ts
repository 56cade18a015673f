import { isAbsolute } from 'node:path';
import type { ExportRequest, JobId } from '../../analyzers/app/api/appApi';
import type { ReportEdits } from '../../analyzers/case/reportEdits';
import { parseCaseOptions, type CaseOptions } from '../../analyzers/ingest/caseOptions';
import { parseExportRequest, parseReportEdits } from '../../analyzers/app/api/parseExportRequest';
import { parseQuerySql } from '../../analyzers/app/api/caseQuery';
import { checkFileIds, checkJobId } from '../../analyzers/app/api/requestShape';
import { parseHeapQuery } from '../../analyzers/app/api/heapQuery';
import type { HeapQuery } from '../../analyzers/heap/viewExplorer';
import type { DroppedFile } from '../shared/ipcChannels';

/** A renderer sent arguments that no honest page would: refused before anything runs. */
export class IpcArgumentError extends Error {
  override readonly name = 'IpcArgumentError';
}

const MAX_PATH = 4_096;
/** More dropped files than anyone drops at once: a page flooding main. */
const MAX_DROPPED = 1_000;

export function parseFileIds(value: unknown, isKnown: (id: string) => boolean): string[] {
  const checked = checkFileIds(value, isKnown);
  if ('error' in checked) throw new IpcArgumentError(checked.error);
  return checked.value;
}

export function parseOptions(value: unknown): CaseOptions {
  const parsed = parseCaseOptions(value);
  if ('error' in parsed) throw new IpcArgumentError(parsed.error);
  return parsed.options;
}

export function parseJobId(value: unknown): JobId {
  const checked = checkJobId(value);
  if ('error' in checked) throw new IpcArgumentError(checked.error);
  return checked.value;
}

export function parseExport(value: unknown): ExportRequest {
  const parsed = parseExportRequest(value);
  if ('error' in parsed) throw new IpcArgumentError(parsed.error);
  return parsed.request;
}

export function parseEdits(value: unknown): ReportEdits {
  const parsed = parseReportEdits(value);
  if ('error' in parsed) throw new IpcArgumentError(parsed.error);
  return parsed.value;
}

export function parseSql(value: unknown): string {
  const parsed = parseQuerySql(value);
  if ('error' in parsed) throw new IpcArgumentError(parsed.error);
  return parsed.sql;
}

export function parseQuery(value: unknown): HeapQuery {
  const parsed = parseHeapQuery(value);
  if ('error' in parsed) throw new IpcArgumentError(parsed.error);
  return parsed.value;
}

/**
 * What the preload resolved for dropped Files. A File made by script rather than dropped or
 * picked by the user has no path (webUtils.getPathForFile returns ''), and is refused by name.
 */
export function parseDroppedFiles(value: unknown): DroppedFile[] {
  if (!Array.isArray(value) || value.length > MAX_DROPPED) throw new IpcArgumentError('dropped files must be a list');
  return value.map((item: unknown) => {
    if (typeof item !== 'object' || item === null) throw new IpcArgumentError('each dropped file must be an object');
    const { name, path } = item as Record<string, unknown>;
    if (typeof name !== 'string' || name.length > MAX_PATH) throw new IpcArgumentError('each dropped file needs a name');
    if (typeof path !== 'string' || path.length === 0) throw new IpcArgumentError(`${name}: not a file on this computer (nothing to read)`);
    if (path.length > MAX_PATH || !isAbsolute(path) || path.includes('\0')) throw new IpcArgumentError(`${name}: not an absolute file path`);
    return { name, path };
  });
}
