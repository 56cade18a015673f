import { IdLinks } from './IdLinks';

/**
 * A chain of steps shown as one readable path: a retainer path (`Guild @5 → .members → Array @7 →
 * [56] → Player @9`), a call path, a finding's chain of evidence. Text, with each `@id` a link to the
 * heap explorer when the case has one. `inline`: on one
 * wrapping line, the label only for assistive technology (lists of many objects).
 */
export function StepPath({ label, steps, inline = false }: { label: string; steps: readonly string[]; inline?: boolean }) {
  if (steps.length === 0) return null;
  if (inline) {
    return (
      <p className="path-inline" role="group" aria-label={label}>
        {steps.map((s, i) => (
          <span key={i}>
            {i > 0 && ' → '}
            <code><IdLinks text={s} /></code>
          </span>
        ))}
      </p>
    );
  }
  return (
    <div className="path">
      <div className="muted">{label}</div>
      <ol aria-label={label}>
        {steps.map((s, i) => (
          <li key={i}>
            <code><IdLinks text={s} /></code>
          </li>
        ))}
      </ol>
    </div>
  );
}
