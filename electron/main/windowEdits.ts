import type { ReportEdits } from '../../analyzers/case/reportEdits';
import type { OwnerId } from './windowJobs';

/**
 * Each window's report edits as its page last reported them, and whether a case file holds them:
 * the menu's exports carry them, and closing a window with unsaved edits asks first.
 */
export class WindowEdits {
  private readonly byOwner = new Map<OwnerId, { edits: ReportEdits; unsaved: boolean }>();

  set(owner: OwnerId, edits: ReportEdits, unsaved: boolean): void {
    this.byOwner.set(owner, { edits, unsaved });
  }

  edits(owner: OwnerId): ReportEdits | undefined {
    return this.byOwner.get(owner)?.edits;
  }

  unsaved(owner: OwnerId): boolean {
    return this.byOwner.get(owner)?.unsaved ?? false;
  }

  /** A case file with the window's current edits was written. */
  saved(owner: OwnerId): void {
    const entry = this.byOwner.get(owner);
    if (entry) entry.unsaved = false;
  }

  forget(owner: OwnerId): void {
    this.byOwner.delete(owner);
  }
}
