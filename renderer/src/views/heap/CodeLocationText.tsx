import type { CodeLocation } from '../../../../analyzers/case/saved/heapView';
import { formatCodeLocation } from '../../../../analyzers/heap/viewCodeLocation';

/** "`onLevelUp` closure, src/player.ts:18:22", with the script's own position on hover when a source map gave it. */
export function CodeLocationText({ location }: { location: CodeLocation }) {
  const g = location.generated;
  return <code title={g ? `generated: ${g.file}:${g.line}:${g.column}` : undefined}>{formatCodeLocation(location)}</code>;
}

/** The "Code" row of a cluster's or a cycle's evidence list, when the snapshot located the code. */
export function CodeEvidence({ location }: { location: CodeLocation | undefined }) {
  if (!location) return null;
  return (
    <div>
      <dt>Code</dt>
      <dd>
        <CodeLocationText location={location} />
      </dd>
    </div>
  );
}
