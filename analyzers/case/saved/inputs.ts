/*
 * An analyzed input as a case file saves it (the inputs and notices tables). The ingest contract
 * builds analyzers/ingest/capability.ts's InputSummary; savedViews.ts checks that both stay the same type.
 */

/** Why an input is incomplete, with the line where the tool's output went wrong when known. */
export interface InputNotice {
  message: string;
  line?: number;
}

export interface InputSummary {
  file: string;
  formatId: string;
  formatLabel: string;
  sizeBytes: number;
  /** False when the file was truncated or partly unreadable and the results are partial. */
  complete: boolean;
  notices: InputNotice[];
}
