import { InputError } from '../core/inputError';
import { CASE_SCHEMA_VERSION } from './caseSchema';

/** The views of a case as parsed from its `views` rows, keyed by capability. */
export type ViewDocuments = Record<string, unknown>;

/** One step of the saved view format: turns the views of schema version `from` into those of `from + 1`. */
export interface ViewMigration {
  from: number;
  /** What the step changes, in a few words, for the message when a file cannot be upgraded. */
  change: string;
  upgrade(views: ViewDocuments): ViewDocuments;
}

/**
 * One step per schema bump; a case written by the version before (tests/fixtures) must read back as
 * a fresh analysis does, except where the new version measures what the old file never held
 * (docs/case.md, "Saved types").
 */
export const VIEW_MIGRATIONS: readonly ViewMigration[] = [
  {
    // Version 2 gave findings their impact and subject (new columns the reader fills with `{}` and
    // none for a version 1 file); the view fields it added (a cycle's framework, a leak cluster's
    // captures) are optional, so version 1 views are version 2 views as they are.
    from: 1,
    change: 'findings gained impact and subject; views unchanged',
    upgrade: (views) => views,
  },
];

/**
 * Brings the views of a case saved with schema `version` to the current saved types, one step at a
 * time. openCaseDatabase has already refused versions newer than this build reads.
 */
export function upgradeViews(
  views: ViewDocuments, version: number, file: string,
  migrations: readonly ViewMigration[] = VIEW_MIGRATIONS, current: number = CASE_SCHEMA_VERSION,
): ViewDocuments {
  let upgraded = views;
  for (let from = version; from < current; from++) {
    const step = migrations.find((m) => m.from === from);
    if (!step) {
      throw new InputError(file, `was saved with case schema version ${version}, which this Aftermath (schema ${current}) cannot upgrade: no step from version ${from}`, { section: 'views' });
    }
    try {
      upgraded = step.upgrade(upgraded);
    } catch (e) {
      throw new InputError(file, `cannot be upgraded from case schema version ${from} to ${from + 1} (${step.change}): ${e instanceof Error ? e.message : String(e)}`, { section: 'views' });
    }
  }
  return upgraded;
}
