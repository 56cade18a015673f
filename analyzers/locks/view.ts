/** What the UI and the report show for locks inputs. Owned by analyzers/locks. */
export interface LocksView {
  files: string[];
}
