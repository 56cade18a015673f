import type { LeakReport } from '../../../../analyzers/case/saved/heapView';
import { formatBytes, formatCount, plural } from '../../format';
import { StepPath } from '../../components/StepPath';
import { IdList } from '../../components/IdLinks';
import { CodeEvidence } from './CodeLocationText';
import { Folded } from './Folded';
import { useDrawnWhenIdle } from '../../components/useDrawnWhenIdle';

const METHOD_TEXT: Record<LeakReport['method'], string> = {
  'three-snapshot':
    'Three-snapshot method: objects allocated between the baseline and the target snapshot that are still alive in the final one.',
  'two-snapshot-growth':
    'Two snapshots only: objects new in the second snapshot whose class grew. This is growth, not proof of a leak; add a third snapshot to confirm.',
};

/** Leak clusters ranked by retained size, each with its retainer path and the classes it holds. */
export function LeakClusters({ leaks }: { leaks: LeakReport }) {
  const roles = leaks.method === 'three-snapshot' ? ['baseline', 'target', 'final'] : ['first', 'second'];
  const drawn = useDrawnWhenIdle();
  return (
    <section aria-label="Leak clusters">
      <h3>Leaks</h3>
      <p>{METHOD_TEXT[leaks.method]}</p>
      <p className="muted">
        {leaks.snapshots.map((file, i) => `${roles[i] ?? 'snapshot'}: ${file}`).join(' · ')}
      </p>
      <p>
        {plural(leaks.leakedObjectCount, 'leaked object')}, {formatBytes(leaks.leakedBytes)} retained, in {plural(leaks.clusters.length, 'cluster')}.
      </p>
      {leaks.clusters.length === 0 ? (
        <p>No leak cluster: nothing allocated in the window is still alive in a class that grew.</p>
      ) : (
        <ol className="heap-clusters">
          {leaks.clusters.map((c) => (
            <li key={c.signature}>
              <Folded
                drawn={drawn}
                summary={
                  <>
                    <strong>
                      {formatCount(c.count)} × {c.className}
                    </strong>{' '}
                    — {formatBytes(c.retainedBytes)} retained, {plural(c.objectCount, 'object')} in all
                  </>
                }
                body={() => (
                  <>
                    <dl className="evidence">
                      <CodeEvidence location={c.location} />
                      <div>
                        <dt>{c.className} per snapshot</dt>
                        <dd>{c.countPerSnapshot.map(formatCount).join(' → ')}</dd>
                      </div>
                      <div>
                        <dt>Classes involved</dt>
                        <dd>{c.constructors.map((k) => `${k.name} ×${formatCount(k.count)}`).join(', ')}</dd>
                      </div>
                      <div>
                        <dt>Example objects</dt>
                        <dd>
                          <IdList ids={c.exampleIds} />
                        </dd>
                      </div>
                      <div>
                        <dt>Shared path</dt>
                        <dd>
                          <code>{c.signature}</code>
                        </dd>
                      </div>
                    </dl>
                    <StepPath label={`Retainer path of ${c.className} @${c.exampleIds[0] ?? '?'}`} steps={c.retainerPath} />
                  </>
                )}
              />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
