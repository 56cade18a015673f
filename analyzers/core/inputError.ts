import { groupDigits } from './numberFormat';

/** Where in a file a problem was found; every field is optional because formats differ. */
export interface InputLocation {
  section?: string;
  byteOffset?: number;
  line?: number;
}

/**
 * Bad input is an expected outcome, not a bug: it carries the file and the place so that the CLI,
 * the UI and the report can say exactly what is wrong. Parsers throw it; the job runner catches it.
 */
export class InputError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
    readonly where: InputLocation = {},
  ) {
    super(`${file}: ${reason}${describeLocation(where)}`);
    this.name = 'InputError';
  }
}

function describeLocation(where: InputLocation): string {
  const parts: string[] = [];
  if (where.section) parts.push(`section ${where.section}`);
  if (where.line !== undefined) parts.push(`line ${groupDigits(where.line)}`);
  if (where.byteOffset !== undefined) parts.push(`byte offset ${groupDigits(where.byteOffset)}`);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

/** Thrown when the user cancels a job; not an error to report, but the job must stop. */
export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}
