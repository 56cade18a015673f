import { frameLabel, type Frame } from '../core/frame';
import { qualifiedName, type FrameClassifier } from './frameFolding';

/** One stack frame as shown: folded frames belong to allocators and libraries. */
export interface AllocFrameView {
  label: string;
  folded: boolean;
}

/** A stack as the view shows it: every frame, each marked folded or the user's own. */
export function stackView(frames: readonly Frame[], classifier: FrameClassifier): AllocFrameView[] {
  return frames.map((f) => ({ label: frameLabel(f), folded: classifier.isInternal(f) }));
}

/**
 * A stack as a finding's evidence path: the user's frames in full, each run of allocator and
 * library frames collapsed into one step that says how many there were and where they went
 * (`operator new … std::make_shared`), so that a report reads like the code that leaked.
 */
export function foldedStackSteps(frames: readonly Frame[], classifier: FrameClassifier): string[] {
  const steps: string[] = [];
  let run: Frame[] = [];
  const flush = () => {
    if (run.length === 1) steps.push(`[library] ${frameLabel(run[0])}`);
    else if (run.length > 1) steps.push(`[${run.length} library frames folded: ${nameOf(run[0])} … ${nameOf(run[run.length - 1])}]`);
    run = [];
  };
  for (const f of frames) {
    if (classifier.isInternal(f)) run.push(f);
    else {
      flush();
      steps.push(frameLabel(f));
    }
  }
  flush();
  return steps;
}

function nameOf(f: Frame): string {
  return f.fn !== undefined ? qualifiedName(f.fn) : frameLabel(f);
}
