/** What the UI and the report show for alloc inputs. Owned by analyzers/alloc. */
export interface AllocView {
  files: string[];
}
