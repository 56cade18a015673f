import type { InputNotice } from './capability';
import type { CaseOptions } from './caseOptions';
import { DEFAULT_INPUT_LIMITS, type FileSource, type InputLimits } from './fileSource';
import { groupDigits, plural } from '../core/numberFormat';

/** The user's limits over the defaults. */
export function inputLimits(options: CaseOptions | undefined): InputLimits {
  return {
    ...DEFAULT_INPUT_LIMITS,
    maxLineBytes: options?.maxLineBytes ?? DEFAULT_INPUT_LIMITS.maxLineBytes,
    maxInflateRatio: options?.maxInflateRatio ?? DEFAULT_INPUT_LIMITS.maxInflateRatio,
  };
}

const MiB = 2 ** 20;

/**
 * What reading the file met below any format (a cut gzip stream, invalid UTF-8, lines over the
 * limit), as notices every format's result carries: damage the parser could not see is still told.
 */
export function readingNotices(source: FileSource): { complete: boolean; notices: InputNotice[] } {
  const d = source.damage;
  const notices: InputNotice[] = [];
  let complete = true;
  if (d.gzipCutAtByte !== undefined) {
    complete = false;
    notices.push({ message: `the gzip stream breaks off at byte ${groupDigits(d.gzipCutAtByte)} of ${groupDigits(source.sizeBytes)} (${d.gzipError}): the file is cut or corrupt there, results cover what comes before` });
  }
  if (d.invalidUtf8) {
    notices.push({
      message: `${plural(d.invalidUtf8.count, 'invalid UTF-8 sequence')}, first at byte ${groupDigits(d.invalidUtf8.firstByteOffset)} of the content: read as U+FFFD (�), so names there may not match`,
    });
  }
  if (d.unterminatedLastLine !== undefined) {
    // Files written to the end finish their last line; one cut while being written does not.
    notices.push({ message: `the last line (${d.unterminatedLastLine}) has no line end: if the file was cut there, that line is incomplete`, line: d.unterminatedLastLine });
  }
  if (d.overlongLines) {
    complete = false;
    notices.push({
      message: `${plural(d.overlongLines.count, 'line')} longer than the ${source.limits.maxLineBytes / MiB} MiB line limit skipped, first at line ${d.overlongLines.firstLine} (raise it with --max-line-size)`,
      line: d.overlongLines.firstLine,
    });
  }
  return { complete, notices };
}
