import type { ReferenceCycle } from '../../../../analyzers/case/saved/allocView';
import { formatBytes, plural } from '../../format';

/** The ownership cycle a report's signature shows: who is in it, how much it holds, what to do. */
export function CycleBox({ cycle, fix }: { cycle: ReferenceCycle; fix?: string }) {
  return (
    <div className="alloc-box cycle" role="note" aria-label="Reference cycle">
      <h3>Ownership cycle{cycle.viaSharedPtr ? ' of std::shared_ptr' : ''}</h3>
      <p>
        {formatBytes(cycle.bytes)} in {plural(cycle.blocks, 'block')} are reachable only from other leaked blocks (
        {cycle.signature === 'lsan-indirect-only' ? 'LeakSanitizer: indirect leaks no direct leak owns' : 'Valgrind: a clique led by one of its own members'}).
      </p>
      <ul>
        {cycle.types.map((t) => (
          <li key={t}>
            <code>{t}</code>
          </li>
        ))}
      </ul>
      <p className="muted">Allocated in {cycle.functions.join(', ')}.</p>
      {fix && (
        <p>
          <strong>Fix:</strong> {fix}
        </p>
      )}
    </div>
  );
}
