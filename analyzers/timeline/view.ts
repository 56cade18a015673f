/** What the UI and the report show for timeline inputs. Owned by analyzers/timeline. */
export interface TimelineView {
  files: string[];
}
