import type { StepProgress } from '../useCaseSession';
import { formatDuration } from '../format';

/** Whole seconds: a time left that ticks in milliseconds reads as noise. */
const timeLeft = (ms: number) => formatDuration(Math.max(1_000, Math.round(ms / 1_000) * 1_000));

/**
 * One bar for the whole step (the upload, then every file and the analysis), the phase under way,
 * and the time left once it can be estimated from the pace so far.
 */
export function ProgressPanel({ title, progress, onCancel }: { title: string; progress?: StepProgress; onCancel?: () => void }) {
  const percent = progress?.percent ?? 0;
  return (
    <div className="progress" role="group" aria-label={title}>
      <div className="progress-head">
        <strong>{title}</strong>
        <span className="muted" aria-live="polite">
          {percent.toFixed(0)} %{progress?.etaMs !== undefined && ` · about ${timeLeft(progress.etaMs)} left`}
        </span>
      </div>
      <progress max={100} value={percent} aria-label={`${title}: overall progress`} />
      <div className="muted progress-phase">{progress?.phase ?? 'Starting…'}</div>
      {onCancel && (
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      )}
    </div>
  );
}
