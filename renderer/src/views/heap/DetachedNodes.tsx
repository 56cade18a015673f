import type { DetachedNodesReport } from '../../../../analyzers/case/saved/heapView';
import { formatBytes, formatCount, plural } from '../../format';
import { StepPath } from '../../components/StepPath';
import { IdList } from '../../components/IdLinks';
import { Folded } from './Folded';
import { useDrawnWhenIdle } from '../../components/useDrawnWhenIdle';

/**
 * Detached DOM nodes (DevTools' "Detached" trees): DOM nodes no longer in the document that
 * JavaScript still references, grouped by element class and by the reference that keeps them. Text only.
 */
export function DetachedNodes({ detached }: { detached: DetachedNodesReport }) {
  const drawn = useDrawnWhenIdle();
  return (
    <section aria-label="Detached DOM nodes">
      <h3>Detached DOM nodes</h3>
      <p className="muted">
        {detached.file}: {plural(detached.detachedNodeCount, 'detached DOM node')}, {formatBytes(detached.retainedBytes)} retained. A
        detached subtree counts once, under its top-most node.
      </p>
      {detached.groups.length === 0 ? (
        <p>No detached DOM node: every DOM node JavaScript references is in a document.</p>
      ) : (
        <ol className="heap-detached">
          {detached.groups.map((c) => (
            <li key={`${c.elementClass}|${c.holder}`}>
              <Folded
                drawn={drawn}
                summary={
                  <>
                    <strong>
                      {formatCount(c.count)} × {c.elementClass}
                    </strong>{' '}
                    — {formatBytes(c.retainedBytes)} retained, kept by <code>{c.holder}</code>
                  </>
                }
                body={() => (
                  <>
                    <dl className="evidence">
                      <div>
                        <dt>Node name</dt>
                        <dd>
                          <code>{c.nodeName}</code>
                        </dd>
                      </div>
                      <div>
                        <dt>Detached nodes in their subtrees</dt>
                        <dd>{formatCount(c.subtreeNodeCount)}</dd>
                      </div>
                      <div>
                        <dt>Every JavaScript holder of the example</dt>
                        <dd>{c.holders.length > 0 ? c.holders.join('; ') : c.holder}</dd>
                      </div>
                      <div>
                        <dt>Example nodes</dt>
                        <dd>
                          <IdList ids={c.exampleIds} />
                        </dd>
                      </div>
                    </dl>
                    <StepPath label={`Retainer path of ${c.nodeName} @${c.exampleIds[0] ?? '?'}`} steps={c.retainerPath} />
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
