/**
 * A chain of steps (nodes and edges alternating, as analyzers/heap formats them) shown as one
 * readable path: `Guild @5 → .members → Array @7 → [56] → Player @9`. Text only.
 */
export function RetainerPath({ label, steps }: { label: string; steps: readonly string[] }) {
  if (steps.length === 0) return null;
  return (
    <div className="path heap-path">
      <div className="muted">{label}</div>
      <ol aria-label={label}>
        {steps.map((s, i) => (
          <li key={i}>
            <code>{s}</code>
          </li>
        ))}
      </ol>
    </div>
  );
}
