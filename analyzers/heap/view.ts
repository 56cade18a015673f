/** What the UI and the report show for heap inputs. Owned by analyzers/heap. */
export interface HeapView {
  files: string[];
}
