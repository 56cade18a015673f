import type { Progress } from '../../../analyzers/core/progress';

export function ProgressPanel({ progress, onCancel }: { progress?: Progress; onCancel: () => void }) {
  const percent = progress ? Math.max(0, Math.min(100, progress.percent)) : 0;
  return (
    <div className="progress" aria-live="polite">
      <div>
        {progress ? `${progress.file}: ${progress.phase}` : 'Starting analysis…'} <span className="muted">{percent.toFixed(0)}%</span>
      </div>
      <progress max={100} value={percent} aria-label="Analysis progress" />
      <button onClick={onCancel}>Cancel</button>
    </div>
  );
}
