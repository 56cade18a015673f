import type { ReportEdits } from '../../analyzers/case/reportEdits';
import type { OwnerId } from './windowJobs';

/**
 * Each window's report edits as its page last reported them, whether a case file holds them, and
 * whether the user chose to throw them away: the menu's exports carry them, and closing or reloading
 * a window with unsaved edits asks first — once, whichever of main's guards asks.
 */
export class WindowEdits {
  private readonly byOwner = new Map<OwnerId, { edits: ReportEdits; unsaved: boolean }>();
  /** Windows whose user chose to discard the page's edits, for the unload that follows. */
  private readonly discarding = new Set<OwnerId>();

  set(owner: OwnerId, edits: ReportEdits, unsaved: boolean): void {
    this.byOwner.set(owner, { edits, unsaved });
    // A report after the choice comes from a page that stayed (or from the next page): its edits are
    // not the ones the user gave up, so the next unload asks again.
    this.discarding.delete(owner);
  }

  edits(owner: OwnerId): ReportEdits | undefined {
    return this.byOwner.get(owner)?.edits;
  }

  /** Unsaved edits the user has not chosen to discard. */
  unsaved(owner: OwnerId): boolean {
    return (this.byOwner.get(owner)?.unsaved ?? false) && !this.discarding.has(owner);
  }

  /** A case file with the window's current edits was written. */
  saved(owner: OwnerId): void {
    const entry = this.byOwner.get(owner);
    if (entry) entry.unsaved = false;
  }

  /**
   * The user chose to discard the page's edits: the close or reload under way goes ahead, and the
   * page's own `beforeunload` veto of it must not ask again.
   */
  discard(owner: OwnerId): void {
    this.discarding.add(owner);
  }

  /** Whether the user chose to discard; the choice was for one unload, so asking uses it up. */
  takeDiscard(owner: OwnerId): boolean {
    return this.discarding.delete(owner);
  }

  forget(owner: OwnerId): void {
    this.byOwner.delete(owner);
    this.discarding.delete(owner);
  }
}
